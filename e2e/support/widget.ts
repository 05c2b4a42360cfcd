import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext, type FrameLocator, type Page } from '@playwright/test';

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

/**
 * A visitor's request made through the widget's REST API alone (no browser): a session, a name, a first
 * message. For tests that need many requests; returns the visitor's token.
 */
export async function requestThroughApi(api: APIRequestContext, widgetKey: string, name: string, text: string): Promise<string> {
  const session = await api.post('/api/widget/sessions', { data: { key: widgetKey } });
  expect(session.status()).toBe(201);
  const { token } = (await session.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  expect((await api.patch('/api/widget/visitor', { data: { name }, headers })).ok()).toBe(true);
  expect((await api.post('/api/widget/messages', { data: { body: text, clientMsgId: randomUUID() }, headers })).status()).toBe(201);
  return token;
}
