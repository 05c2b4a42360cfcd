import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../../support/fixtures';
import { EXE, PDF, PNG, SVG } from '../../support/files';
import { employee, take, visitorWrites } from '../../support/workspace';

/**
 * Issue #4 item 5: files both ways — upload, drop, paste; limits checked on the bytes with a clear
 * refusal and nothing stored; images previewed; downloads allowed only to those who may see them; SVG
 * and HTML never run; file names shown as text.
 */

/** Drops files on an element the way a browser does (a DataTransfer built in the page). */
async function drop(page: Page, target: Locator, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.mimeType }));
    return dt;
  }, files.map((f) => ({ name: f.name, mimeType: f.mimeType, bytes: [...f.buffer] })));
  for (const type of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(type, { dataTransfer: transfer });
}

/** Pastes an image into an input, as a screenshot pasted from the clipboard. */
async function paste(page: Page, target: Locator, file: { name: string; mimeType: string; buffer: Buffer }) {
  await target.evaluate(
    (el, f) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.mimeType }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    { name: file.name, mimeType: file.mimeType, bytes: [...file.buffer] },
  );
}

test('files go both ways: attach, drop and paste; images are previewed; the client downloads what is theirs', async ({ browser, db }) => {
  const visitor = await visitorWrites(browser, { name: 'Fiona Files', text: 'Files test: hello' });
  const olga = await employee(browser, 'operator@demo.local');
  await take(olga, 'Files test: hello');

  // The paper clip, a drop and a paste: three files wait as chips, then go with the reply.
  await olga.getByTestId('file-input').setInputFiles({ name: 'price-list.pdf', mimeType: 'application/pdf', buffer: PDF });
  await drop(olga, olga.getByTestId('composer'), [{ name: 'bike.png', mimeType: 'image/png', buffer: PNG }]);
  await paste(olga, olga.getByTestId('composer-input'), { name: 'image.png', mimeType: 'image/png', buffer: PNG });
  await expect(olga.getByTestId('pending-file')).toHaveCount(3);
  await expect(olga.locator('[data-testid=pending-file][data-state=done]')).toHaveCount(3);
  await olga.getByTestId('composer-input').fill('Here are the files');
  await olga.getByTestId('composer-input').press('Enter');
  const sent = olga.getByTestId('message').filter({ hasText: 'Here are the files' });
  await expect(sent.getByTestId('attachment')).toHaveCount(3);
  await expect(sent.locator('[data-testid=attachment][data-kind=image] img')).toHaveCount(2);
  await expect(olga.getByTestId('pending-file')).toHaveCount(0);

  // The visitor sees the images as previews and the PDF as a file, and downloads the same bytes.
  const received = visitor.widget.getByTestId('omni-message').filter({ hasText: 'Here are the files' });
  await expect(received.locator('[data-testid=omni-attachment][data-kind=image]')).toHaveCount(2);
  const pdf = received.locator('[data-testid=omni-attachment][data-kind=file]');
  await expect(pdf).toContainText('price-list.pdf');
  const download = visitor.page.waitForEvent('download');
  await pdf.click();
  const path = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  expect((await readFile(path)).equals(PDF)).toBe(true);

  // The visitor sends a file; the operator sees it in the conversation.
  await visitor.widget.getByTestId('omni-file-input').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
  await expect(visitor.widget.locator('[data-testid=omni-pending-file][data-state=ready]')).toHaveCount(1);
  await visitor.widget.getByTestId('omni-input').fill('My receipt');
  await visitor.widget.getByTestId('omni-send').click();
  await expect(olga.getByTestId('message').filter({ hasText: 'My receipt' }).locator('[data-testid=attachment][data-kind=image] img')).toBeVisible();

  const stored = await db.query<{ name: string }>(
    `SELECT a.name FROM attachments a JOIN tickets t ON t.id = a.ticket_id JOIN clients c ON c.id = t.client_id WHERE c.name = 'Fiona Files' ORDER BY a.name`,
  );
  expect(stored.map((r) => r.name)).toEqual(['bike.png', expect.stringMatching(/^pasted-.*\.png$/), 'price-list.pdf', 'receipt.png']);
});

test('an oversized file and a program named like a PDF are refused with the reason; nothing is stored', async ({ browser, db }) => {
  await visitorWrites(browser, { name: 'Rex Refused', text: 'Refusal test: hello' });
  const olga = await employee(browser, 'operator@demo.local');
  await take(olga, 'Refusal test: hello');
  const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments');

  await olga.getByTestId('file-input').setInputFiles({ name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x41) });
  const huge = olga.getByTestId('pending-file').filter({ hasText: 'huge.pdf' });
  await expect(huge).toHaveAttribute('data-state', 'failed');
  await expect(huge.getByTestId('pending-file-status')).toHaveText('The file is larger than 10 MB.');

  await olga.getByTestId('file-input').setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: EXE });
  const exe = olga.getByTestId('pending-file').filter({ hasText: 'invoice.pdf' });
  await expect(exe).toHaveAttribute('data-state', 'failed');
  await expect(exe.getByTestId('pending-file-status')).toHaveText('Files of this type cannot be sent.');

  expect(await db.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments')).toEqual(before);
  // A refused file never goes with the message.
  await olga.getByTestId('composer-input').fill('Only text goes');
  await olga.getByTestId('composer-input').press('Enter');
  await expect(olga.getByTestId('message').filter({ hasText: 'Only text goes' }).getByTestId('attachment')).toHaveCount(0);
});

test('an SVG with a script and an HTML-looking file name stay inert: shown as text, downloaded, never run', async ({ browser }) => {
  const visitor = await visitorWrites(browser, { name: 'Sven Svg', text: 'SVG test: hello' });
  const olga = await employee(browser, 'operator@demo.local');
  await take(olga, 'SVG test: hello');
  const name = '<img src=x onerror=window.__nameRan=1>.svg';
  await visitor.widget.getByTestId('omni-file-input').setInputFiles({ name, mimeType: 'image/svg+xml', buffer: SVG });
  await expect(visitor.widget.locator('[data-testid=omni-pending-file][data-state=ready]')).toHaveCount(1);
  await visitor.widget.getByTestId('omni-input').fill('my logo');
  await visitor.widget.getByTestId('omni-send').click();

  const file = olga.getByTestId('message').filter({ hasText: 'my logo' }).getByTestId('attachment');
  await expect(file).toHaveAttribute('data-kind', 'file'); // not previewed as an image
  await expect(file).toContainText(name);
  const href = await file.getAttribute('href');
  const response = await olga.request.get(href ?? '');
  expect(response.headers()['content-type']).toBe('text/plain');
  expect(response.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(response.headers()['content-security-policy']).toContain('sandbox');
  expect(await olga.evaluate(() => (window as unknown as { __nameRan?: number; __svgRan?: number }).__nameRan ?? (window as unknown as { __svgRan?: number }).__svgRan)).toBeUndefined();

  // Without a session the file is not served (the access rules per department and per visitor are
  // covered by the integration tests).
  const stranger = await browser.newContext();
  expect((await stranger.request.get(new URL(href ?? '', olga.url()).toString())).status()).toBe(401);
  await stranger.close();
});
