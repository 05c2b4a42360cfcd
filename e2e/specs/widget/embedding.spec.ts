import type { Page } from '@playwright/test';
import { expect, test } from '../../support/fixtures';
import { openWidget } from '../../support/widget';

const HOST = 'http://shop.example.test';

/** A third-party site (another origin) that embeds the widget with one tag, as a customer would. */
function hostPage(baseURL: string, key: string, extraHead = ''): string {
  return `<!doctype html><html><head><title>Shop</title>${extraHead}</head>
<body><h1 id="title">Our shop</h1><p class="text">Welcome!</p>
<script>window.__before = Object.keys(window);</script>
<script src="${baseURL}/widget.js" data-key="${key}" async></script></body></html>`;
}

/** Serves the "customer's site" from its own origin, then opens it. */
async function visitHost(page: Page, html: string) {
  await page.route(`${HOST}/**`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${HOST}/products/bike`);
}

test('an unknown data-key shows nothing on the host page and logs a clear console error', async ({ page, baseURL }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await visitHost(page, hostPage(baseURL ?? '', 'no-such-key'));
  await expect.poll(() => errors.join('\n')).toMatch(/\[Omnichannel\].*no-such-key/);
  await expect(page.locator('iframe')).toHaveCount(0);
  expect(await page.evaluate(() => document.body.children.length)).toBe(4); // h1, p and the two scripts
});

test('the widget on another origin adds one global, is untouched by the page\'s CSS, and works (WGT-10)', async ({ page, baseURL, db }) => {
  const hostileCss = '<style>* { color: red !important; font-size: 31px !important; } iframe { opacity: 0.1 !important; } button { display: none !important; }</style>';
  await visitHost(page, hostPage(baseURL ?? '', 'demo', hostileCss));
  const widget = await openWidget(page);
  const added = await page.evaluate(() => {
    const before = new Set((window as unknown as { __before: string[] }).__before);
    return Object.keys(window).filter((k) => !before.has(k) && k !== '__before');
  });
  expect(added).toEqual(['Omnichannel']);
  // The host page's styles do not reach inside the widget.
  await expect(widget.getByTestId('omni-send')).toBeVisible();
  const fontSize = await widget.getByTestId('omni-input').evaluate((el) => getComputedStyle(el).fontSize);
  expect(fontSize).not.toBe('31px');
  // …and the widget does not change the host page.
  expect(await page.locator('#title').evaluate((el) => getComputedStyle(el).fontSize)).toBe('31px');

  await widget.getByTestId('omni-input').fill('Hello from a customer site');
  await widget.getByTestId('omni-send').click();
  await expect(widget.getByTestId('omni-message').filter({ hasText: 'Hello from a customer site' })).toHaveAttribute('data-state', 'sent');
  const [row] = await db.query<{ page_url: string }>(
    `SELECT t.source->>'pageUrl' AS page_url FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE m.body = 'Hello from a customer site'`,
  );
  expect(row?.page_url).toBe(`${HOST}/products/bike`);
});

test('the public API object opens and closes the widget (WGT-11)', async ({ page }) => {
  await page.goto('/demo');
  await expect(page.locator('iframe[title="Chat"]')).toBeAttached();
  await page.waitForFunction(() => typeof (window as unknown as { Omnichannel?: unknown }).Omnichannel === 'object');
  await page.evaluate(() => (window as unknown as { Omnichannel: { open(): void } }).Omnichannel.open());
  const frame = page.frameLocator('iframe[title="Chat"]');
  await expect(frame.getByTestId('omni-panel')).toBeVisible();
  await page.evaluate(() => (window as unknown as { Omnichannel: { close(): void } }).Omnichannel.close());
  await expect(frame.getByTestId('omni-panel')).toBeHidden();
});

test('the widget does not let a visitor type more than the maximum message length', async ({ page }) => {
  await page.goto('/demo');
  const widget = await openWidget(page);
  await widget.getByTestId('omni-input').fill('x'.repeat(10_050));
  expect((await widget.getByTestId('omni-input').inputValue()).length).toBe(10_000);
});
