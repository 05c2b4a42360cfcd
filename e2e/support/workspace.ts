import type { Browser, FrameLocator, Page } from '@playwright/test';
import { expect, newPerson, signIn } from './fixtures';
import { openWidget } from './widget';

export interface Visitor {
  page: Page;
  widget: FrameLocator;
}

/** A visitor on the demo site introduces themselves and writes their first message. */
export async function visitorWrites(
  browser: Browser,
  options: { name: string; email?: string; text: string; referer?: string },
): Promise<Visitor> {
  const page = await newPerson(browser);
  await page.goto('/demo', options.referer ? { referer: options.referer } : undefined);
  const widget = await openWidget(page);
  await widget.getByTestId('omni-name').fill(options.name);
  if (options.email) await widget.getByTestId('omni-email').fill(options.email);
  await widget.getByTestId('omni-save-details').click();
  await send(widget, options.text);
  return { page, widget };
}

/** The visitor sends a message and waits until the server has it. */
export async function send(widget: FrameLocator, text: string): Promise<void> {
  await widget.getByTestId('omni-input').fill(text);
  await widget.getByTestId('omni-send').click();
  await expect(widget.getByTestId('omni-message').filter({ hasText: text }).last()).toHaveAttribute('data-state', 'sent');
}

/** An employee signs in and opens a section. */
export async function employee(browser: Browser, email: string, section = 'nav-unassigned'): Promise<Page> {
  const page = await newPerson(browser);
  await signIn(page, email);
  await page.getByTestId(section).click();
  return page;
}

/** The employee takes the waiting request that contains this text; they land in All chats. */
export async function take(page: Page, text: string): Promise<void> {
  await page.getByTestId('nav-unassigned').click();
  await page.getByTestId('ticket-row').filter({ hasText: text }).click();
  await page.getByTestId('take-button').click();
  await expect(page).toHaveURL(/\/chats\//);
}

/** The employee replies in the open conversation. */
export async function reply(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('composer-input').press('Enter');
  await expect(page.getByTestId('message').filter({ hasText: text })).toBeVisible();
}
