import { expect, type FrameLocator, type Page } from '@playwright/test';

/** The widget's chat app lives in an iframe that the loader puts in a shadow root. */
export function widgetFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="Chat"]');
}

/** Opens the widget on the current page and returns its frame. */
export async function openWidget(page: Page): Promise<FrameLocator> {
  const frame = widgetFrame(page);
  await frame.getByTestId('omni-launcher').click();
  await expect(frame.getByTestId('omni-panel')).toBeVisible();
  return frame;
}
