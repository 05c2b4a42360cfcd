import type { Page } from '@playwright/test';
import { expect, hireOperator, newPerson, signIn, test } from '../../support/fixtures';
import { employee, send, take, visitorWrites } from '../../support/workspace';

/**
 * Issue #4 item 1 (NAV-2…NAV-7, SET-3): the sections with live counters, one tab per channel, and the
 * sound and browser notification for new requests and messages when the tab is hidden, each switchable.
 */

/** Records browser notifications and chimes instead of showing or playing them; lets a test hide the tab. */
async function watchAnnouncements(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __notes: string[]; __chimes: number; __hidden: boolean };
    w.__notes = [];
    w.__chimes = 0;
    w.__hidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => w.__hidden });
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string) {
        w.__notes.push(title);
      }
      close() {}
    }
    (window as unknown as { Notification: unknown }).Notification = FakeNotification;
    const Real = window.AudioContext;
    (window as unknown as { AudioContext: unknown }).AudioContext = class extends Real {
      override createOscillator() {
        w.__chimes += 1;
        return super.createOscillator();
      }
    };
  });
}

const notes = (page: Page) => page.evaluate(() => (window as unknown as { __notes: string[] }).__notes);
const chimes = (page: Page) => page.evaluate(() => (window as unknown as { __chimes: number }).__chimes);
const hide = (page: Page, hidden: boolean) =>
  page.evaluate((h) => {
    (window as unknown as { __hidden: boolean }).__hidden = h;
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);

test('unread counters move live; the channel tab lists the channel\'s chats (NAV-3, NAV-4, NAV-7)', async ({ browser }) => {
  // A new colleague: their counters hold only this test's chat.
  const operator = await employee(browser, (await hireOperator('Una Unread')).email);
  const visitor = await visitorWrites(browser, { name: 'Ursula Unread', text: 'Unread test: first message' });
  await take(operator, 'Unread test: first message');

  // Olga looks at another section; the client writes twice: All chats shows one unread chat, with a dot,
  // and the Chat tab (which also counts the requests waiting in the queue) one more.
  await operator.getByTestId('nav-unassigned').click();
  await expect(operator.getByTestId('nav-mine-count')).toHaveCount(0);
  const channelCount = async () => Number((await operator.getByTestId('nav-channel-widget-count').textContent({ timeout: 500 }).catch(() => '0')) ?? '0');
  const waiting = await channelCount();
  await send(visitor.widget, 'Unread test: are you there?');
  await send(visitor.widget, 'Unread test: hello?');
  await expect(operator.getByTestId('nav-mine-count')).toHaveText('1');
  await expect.poll(channelCount).toBe(waiting + 1);

  // NAV-4: the Chat tab lists the widget's live chats.
  await operator.getByTestId('nav-channel-widget').click();
  await expect(operator.getByTestId('inbox-title')).toHaveText('Chat');
  const row = operator.getByTestId('ticket-row').filter({ hasText: 'Ursula Unread' });
  await expect(row.getByTestId('ticket-row-unread')).toBeVisible();
  await expect(operator.getByTestId('nav-channel-telegram')).toBeVisible();

  // Opening the chat reads it: the counters clear, and stay clear after a reload (the mark is stored).
  await row.click();
  await expect(operator.getByTestId('message').filter({ hasText: 'hello?' })).toBeVisible();
  await expect(operator.getByTestId('nav-mine-count')).toHaveCount(0);
  await expect.poll(channelCount).toBe(waiting);
  await operator.reload();
  await expect(operator.getByTestId('ticket-row').first()).toBeVisible();
  await expect(operator.getByTestId('nav-mine-count')).toHaveCount(0);
});

test('a hidden tab announces new requests and messages by sound and notification, each switchable (NAV-7)', async ({ browser }) => {
  const page = await newPerson(browser);
  await watchAnnouncements(page);
  await signIn(page, (await hireOperator('Nina Notified')).email);
  await page.getByTestId('nav-mine').click();
  await hide(page, true);

  const visitor = await visitorWrites(browser, { name: 'Nora Notify', text: 'Notify test: new request' });
  await expect.poll(() => notes(page)).toContain('New request from Nora Notify');
  expect(await chimes(page)).toBeGreaterThan(0);

  await hide(page, false);
  await take(page, 'Notify test: new request');
  await page.getByTestId('nav-unassigned').click();
  await hide(page, true);
  await send(visitor.widget, 'Notify test: a message');
  await expect.poll(() => notes(page)).toContain('New message from Nora Notify');

  // The employee switches both off in their profile: silence, even with the tab hidden.
  await hide(page, false);
  await page.getByTestId('nav-profile').click();
  await page.getByRole('switch', { name: 'Play a sound' }).click();
  await expect(page.getByRole('switch', { name: 'Play a sound' })).not.toBeChecked();
  await page.getByRole('switch', { name: /browser notification/ }).click();
  await expect(page.getByRole('switch', { name: /browser notification/ })).not.toBeChecked();
  const before = { notes: (await notes(page)).length, chimes: await chimes(page) };
  await hide(page, true);
  await send(visitor.widget, 'Notify test: silence please');
  await expect(page.getByTestId('nav-mine-count')).toHaveText('1');
  expect((await notes(page)).length).toBe(before.notes);
  expect(await chimes(page)).toBe(before.chimes);
});

test('an administrator hides a channel tab for everyone, live (SET-3)', async ({ browser }) => {
  const operator = await employee(browser, 'operator@demo.local', 'nav-mine');
  await expect(operator.getByTestId('nav-channel-facebook')).toBeVisible();
  const admin = await newPerson(browser);
  await signIn(admin, 'admin@demo.local');
  await admin.getByTestId('nav-settings').click();
  await admin.getByTestId('settings-channel-facebook').click();
  await admin.getByTestId('save-settings').click();
  await expect(admin.getByText('Settings saved')).toBeVisible();
  await expect(operator.getByTestId('nav-channel-facebook')).toHaveCount(0);
  await expect(operator.getByTestId('nav-channel-widget')).toBeVisible();

  await admin.getByTestId('settings-channel-facebook').click();
  await admin.getByTestId('save-settings').click();
  await expect(operator.getByTestId('nav-channel-facebook')).toBeVisible();
});
