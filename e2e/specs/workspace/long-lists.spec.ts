import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { DEMO_WIDGET_KEY, E2E_PORT } from '../../support/env';
import { apiAs, expect, hireOperator, test, type Db } from '../../support/fixtures';
import { requestThroughApi } from '../../support/widget';
import { employee } from '../../support/workspace';

/**
 * Issue #19: lists that do not grow with history. The live lists are read page by page (200 a page)
 * and shown virtualised; the ticket list pages by cursor; the text of conversations is searchable.
 */

/** More than one page of Unassigned (LIVE_LIST_PAGE_MAX is 200). */
const WAITING = 230;

/** Runs `task` for every item, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++] as T);
    }),
  );
}

/** Takes and completes the tickets, so the requests made here wait in nobody's Unassigned after this spec. */
async function closeAll(db: Db, clientNamePrefix: string): Promise<void> {
  const tickets = await db.query<{ id: string }>(
    `SELECT t.id FROM tickets t JOIN clients c ON c.id = t.client_id WHERE t.live AND c.name LIKE $1 || '%'`,
    [clientNamePrefix],
  );
  const sam = await apiAs('supervisor@demo.local');
  try {
    await inParallel(tickets, 4, async ({ id }) => {
      expect((await sam.post(`/api/tickets/${id}/take`)).ok()).toBe(true);
      expect((await sam.post(`/api/tickets/${id}/complete`, { data: {} })).ok()).toBe(true);
    });
  } finally {
    await sam.dispose();
  }
}

const waitingInSupport = async (db: Db) =>
  Number(
    (
      await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM tickets t JOIN departments d ON d.id = t.department_id WHERE t.live AND t.executor_id IS NULL AND d.name = 'Support'`,
      )
    )[0]?.n,
  );

test('Unassigned holds every one of 230 waiting requests: the counter counts them all, scrolling reaches the last', async ({ browser, db, playwright }) => {
  // 230 requests made (4 calls each) and closed again (2 each) on a busy 2-core machine.
  test.setTimeout(240_000);
  const run = Date.now().toString(36);
  const prefix = `Queue ${run} `;
  const visitors: APIRequestContext = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${E2E_PORT}` });
  try {
    await inParallel(
      Array.from({ length: WAITING }, (_, i) => i),
      6,
      async (i) => void (await requestThroughApi(visitors, DEMO_WIDGET_KEY, `${prefix}${String(i).padStart(3, '0')}`, `Waiting in a long queue, number ${i}`)),
    );
    // Unassigned is oldest first: the newest request (made in parallel, so not the one numbered last) ends it.
    const [newest] = await db.query<{ name: string }>(
      `SELECT c.name FROM tickets t JOIN clients c ON c.id = t.client_id WHERE c.name LIKE $1 || '%' ORDER BY t.created_at DESC LIMIT 1`,
      [prefix],
    );
    const last = newest?.name ?? '';
    const olga = await hireOperator('Olga Longlist');
    const operator = await employee(browser, olga.email);
    const total = await waitingInSupport(db);
    expect(total).toBeGreaterThanOrEqual(WAITING);

    // NAV-7: the counter counts the whole queue, not the first page of it.
    await expect(operator.getByTestId('nav-unassigned-count')).toHaveText(String(total));
    const rows = operator.getByTestId('ticket-row');
    await expect(rows.first()).toHaveAttribute('aria-setsize', String(total));
    // Virtualised: only the rows near the viewport are in the page.
    expect(await rows.count()).toBeLessThan(total);

    // Scrolling down the list reaches the newest request, the last of the list.
    const lastRow = rows.filter({ hasText: last });
    await rows.first().hover();
    await expect(async () => {
      await operator.mouse.wheel(0, 3000);
      await expect(lastRow).toBeVisible({ timeout: 500 });
    }).toPass({ timeout: 30_000 });
    await expect(lastRow).toHaveAttribute('aria-posinset', String(total));
    await lastRow.click();
    await expect(operator.getByTestId('conversation')).toContainText(`Waiting in a long queue, number ${Number(last.slice(-3))}`);
    await expect(lastRow).toHaveAttribute('aria-current', 'page');

    // CORE-6: the ticket list finds them by the client's name and pages through them by cursor.
    await operator.getByTestId('nav-tickets').click();
    // The words are sent once typing pauses; the list without them may read the same total.
    const searched = operator.waitForResponse((r) => r.url().includes('/api/tickets/search?') && new URL(r.url()).searchParams.get('q') === prefix.trim());
    await operator.getByTestId('tickets-search').fill(prefix.trim());
    await searched;
    await expect(operator.getByTestId('tickets-total')).toHaveText(`${WAITING} tickets`);
    const firstPage = await operator.getByTestId('tickets-row').evaluateAll((r) => r.map((e) => e.getAttribute('data-ticket-id')));
    expect(firstPage).toHaveLength(25);
    await operator.getByTestId('tickets-next').click();
    await expect(operator.getByTestId('tickets-page')).toHaveText('Page 2');
    await expect.poll(() => operator.getByTestId('tickets-row').first().getAttribute('data-ticket-id')).not.toBe(firstPage[0]);
    const secondPage = await operator.getByTestId('tickets-row').evaluateAll((r) => r.map((e) => e.getAttribute('data-ticket-id')));
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
    await operator.getByTestId('tickets-previous').click();
    await expect(operator.getByTestId('tickets-page')).toHaveText('Page 1');
    await expect.poll(() => operator.getByTestId('tickets-row').evaluateAll((r) => r.map((e) => e.getAttribute('data-ticket-id')))).toEqual(firstPage);
    // Another filter starts again at the first page.
    await operator.getByTestId('tickets-next').click();
    await expect(operator.getByTestId('tickets-page')).toHaveText('Page 2');
    await operator.getByTestId('tickets-search').fill(`${prefix}00`);
    await expect(operator.getByTestId('tickets-total')).toHaveText('10 tickets');
    await expect(operator.getByTestId('tickets-pager')).toHaveCount(0);
  } finally {
    await visitors.dispose();
    await closeAll(db, prefix);
  }
});

test('the text of conversations is searchable: a hit marks the words and opens the conversation', async ({ browser, db, playwright }) => {
  // A number nobody else wrote, as in "find the chat where someone mentioned order 4411".
  const order = String(100_000 + (Date.now() % 900_000));
  const name = `Nadia Search ${randomUUID().slice(0, 6)}`;
  const visitors = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${E2E_PORT}` });
  try {
    await requestThroughApi(visitors, DEMO_WIDGET_KEY, name, `Hello! Where is my order ${order}? I paid for it on Monday.`);
    await requestThroughApi(visitors, DEMO_WIDGET_KEY, `${name} other`, 'Hello! Do you ship to Austria?');
    const [ticket] = await db.query<{ id: string; number: number }>(`SELECT t.id, t.number FROM tickets t JOIN clients c ON c.id = t.client_id WHERE c.name = $1`, [name]);

    const olga = await hireOperator('Olga Finder');
    const operator = await employee(browser, olga.email);
    await operator.getByTestId('nav-tickets').click();
    await operator.getByTestId('tickets-tab-messages').click();
    await expect(operator.getByTestId('message-search-hint')).toBeVisible();
    await operator.getByTestId('message-search-input').fill(`order ${order}`);

    const hits = operator.getByTestId('message-hit');
    await expect(hits).toHaveCount(1);
    const hit = hits.first();
    await expect(hit).toHaveAttribute('data-ticket-id', ticket?.id ?? '');
    await expect(hit.getByTestId('message-hit-client')).toHaveText(name);
    await expect(hit.getByTestId('message-hit-number')).toHaveText(`#${ticket?.number}`);
    await expect(hit.getByTestId('message-hit-snippet')).toContainText(`Where is my order ${order}?`);
    // The matched words are marked, as elements around text (never markup from the server).
    await expect(hit.locator('mark').filter({ hasText: order })).toHaveCount(1);
    await expect(operator).toHaveURL(new RegExp(`[?&]q=order(\\+|%20)${order}`));

    // Words nobody wrote find nothing, and say so.
    await operator.getByTestId('message-search-input').fill(`qwxz${order}`);
    await expect(operator.getByTestId('message-search-empty')).toBeVisible();
    await operator.getByTestId('message-search-input').fill(`order ${order}`);

    // The hit opens the conversation on the ticket's page; Back returns to the same results.
    await hits.first().click();
    await expect(operator).toHaveURL(new RegExp(`/tickets/${ticket?.id}$`));
    await expect(operator.getByTestId('conversation')).toContainText(`Where is my order ${order}?`);
    await operator.goBack();
    await expect(operator.getByTestId('message-search-input')).toHaveValue(`order ${order}`);
    await expect(operator.getByTestId('message-hit')).toHaveCount(1);
  } finally {
    await visitors.dispose();
    await closeAll(db, name);
  }
});
