import { expect, newPerson, signIn, test } from '../../support/fixtures';
import { employee, reply, take, visitorWrites } from '../../support/workspace';

/**
 * Issue #4 items 7, 8, 10 and 11: typing both ways with the typing preview (WORK-8), delivery states with
 * the reason of a failure and a retry (WORK-9), completing a chat as a ticket (WORK-14) with merged
 * replies (SET-1), the plain ticket list and page (CORE-6) and configurable statuses (CORE-4).
 */

test('typing shows both ways; the operator reads the visitor\'s text as it is typed (WORK-8)', async ({ browser }) => {
  const visitor = await visitorWrites(browser, { name: 'Tina Typing', text: 'Typing test: hello' });
  const olga = await employee(browser, 'operator@demo.local');
  await take(olga, 'Typing test: hello');

  await visitor.widget.getByTestId('omni-input').pressSequentially('My frame is cracked', { delay: 20 });
  await expect(olga.getByTestId('typing-preview')).toContainText('My frame is cracked');
  await visitor.widget.getByTestId('omni-input').press('Enter');
  await expect(olga.getByTestId('message').filter({ hasText: 'My frame is cracked' })).toBeVisible();
  await expect(olga.getByTestId('typing-preview')).toHaveCount(0);

  await olga.getByTestId('composer-input').pressSequentially('Let me see', { delay: 20 });
  await expect(visitor.widget.getByTestId('omni-typing')).toContainText('Olga Operator');
  await olga.getByTestId('composer-input').press('Enter');
  await expect(visitor.widget.getByTestId('omni-message').filter({ hasText: 'Let me see' })).toBeVisible();
  await expect(visitor.widget.getByTestId('omni-typing')).toHaveCount(0);
});

test('a reply that cannot be delivered says why and is sent again with Retry (WORK-9)', async ({ browser, db }) => {
  const visitor = await visitorWrites(browser, { name: 'Dora Delivery', text: 'Delivery test: hi' });
  const olga = await employee(browser, 'operator@demo.local');
  await take(olga, 'Delivery test: hi');
  await reply(olga, 'Delivery test: first answer');
  await expect(olga.getByTestId('message').filter({ hasText: 'first answer' }).getByTestId('delivery-state')).toHaveAttribute('data-state', 'read');

  // The channel is switched off: the next reply fails with the reason; the client never gets it.
  await db.query(`UPDATE channels SET enabled = false WHERE public_key = 'demo'`);
  try {
    await olga.getByTestId('composer-input').fill('Delivery test: second answer');
    await olga.getByTestId('composer-input').press('Enter');
    const failed = olga.getByTestId('message').filter({ hasText: 'second answer' });
    await expect(failed).toHaveAttribute('data-state', 'failed');
    await expect(failed).toContainText('switched off');
  } finally {
    await db.query(`UPDATE channels SET enabled = true WHERE public_key = 'demo'`);
  }
  await expect(visitor.widget.getByText('second answer')).toHaveCount(0);

  // Back on: Retry sends the same message; it arrives once and its state moves on.
  const failed = olga.getByTestId('message').filter({ hasText: 'second answer' });
  await failed.getByTestId('retry-button').click();
  await expect(visitor.widget.getByTestId('omni-message').filter({ hasText: 'second answer' })).toHaveCount(1);
  await expect(failed.getByTestId('delivery-state')).toHaveAttribute('data-state', 'read');
});

test('complete and open as a ticket: replies merge in the ticket, work goes on from the ticket page (WORK-14, SET-1, CORE-6)', async ({ browser, db }) => {
  const admin = await newPerson(browser);
  await signIn(admin, 'admin@demo.local');
  await admin.getByTestId('nav-settings').click();
  await admin.getByRole('switch', { name: 'Merge replies after completion' }).click();
  await admin.getByTestId('save-settings').click();
  await expect(admin.getByText('Settings saved').last()).toBeVisible();
  // A custom status (CORE-4).
  await admin.getByTestId('settings-tab-statuses').click();
  await admin.getByTestId('add-status').click();
  await admin.getByTestId('status-name').fill('Waiting for parts');
  await admin.getByTestId('status-code').fill('waiting_parts');
  await admin.getByTestId('status-save').click();
  await expect(admin.getByTestId('status-row').filter({ hasText: 'Waiting for parts' })).toBeVisible();
  await admin.getByTestId('settings-tab-general').click();
  await admin.getByRole('checkbox', { name: 'Waiting for parts' }).check();
  await admin.getByTestId('save-settings').click();
  await expect(admin.getByText('Settings saved').last()).toBeVisible();

  try {
    const visitor = await visitorWrites(browser, { name: 'Carl Complete', email: 'carl@example.com', text: 'Ticket test: my brakes squeak' });
    const olga = await employee(browser, 'operator@demo.local');
    await take(olga, 'Ticket test: my brakes squeak');
    await reply(olga, 'We need to order new pads.');
    await reply(olga, 'They arrive on Friday.');
    await olga.getByTestId('complete-menu').click();
    await olga.getByTestId('complete-as-ticket').click();

    // The chat left the live lists; the ticket page shows one merged reply and stays open for work.
    await expect(olga).toHaveURL(/\/tickets\/[0-9a-f-]+$/);
    await expect(olga.getByTestId('message').filter({ hasText: 'We need to order new pads.They arrive on Friday.' })).toHaveCount(0);
    const merged = olga.getByTestId('message').filter({ hasText: 'We need to order new pads.' });
    await expect(merged).toHaveCount(1);
    await expect(merged).toContainText('They arrive on Friday.');
    await expect(olga.getByTestId('message').filter({ hasText: 'ended the chat; the ticket stays open' })).toBeVisible();
    await expect(visitor.widget.getByTestId('omni-message').filter({ hasText: 'They arrive on Friday.' })).toHaveCount(1);
    await olga.getByTestId('nav-mine').click();
    await expect(olga.getByTestId('ticket-row').filter({ hasText: 'Carl Complete' })).toHaveCount(0);

    // CORE-6: the ticket list finds it by the client's name; the executor sets a custom status and replies.
    await olga.getByTestId('nav-tickets').click();
    await olga.getByTestId('tickets-search').fill('Carl Complete');
    const row = olga.getByTestId('tickets-row').filter({ hasText: 'Carl Complete' });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('tickets-row-status')).toHaveText(/in progress/i);
    await row.click();
    await olga.getByTestId('status-menu').click();
    await olga.getByTestId('status-option-waiting_parts').click();
    await expect(olga.getByTestId('status-menu')).toHaveText('Waiting for parts');
    await reply(olga, 'Update: the pads are in.');
    await expect(visitor.widget.getByTestId('omni-message').filter({ hasText: 'the pads are in' })).toBeVisible();

    // A final status closes it: no more replies.
    await olga.getByTestId('status-menu').click();
    await olga.getByTestId('status-option-completed').click();
    await expect(olga.getByTestId('conversation-completed')).toBeVisible();
    await olga.getByTestId('back-to-tickets').click();
    await olga.getByTestId('tickets-status').click();
    await olga.getByRole('option', { name: 'Completed' }).click();
    await olga.getByTestId('tickets-search').fill('Carl Complete');
    await expect(olga.getByTestId('tickets-row').filter({ hasText: 'Carl Complete' })).toHaveCount(1);
    const [ticket] = await db.query<{ status: string; live: boolean }>(
      `SELECT t.status, t.live FROM tickets t JOIN clients c ON c.id = t.client_id WHERE c.name = 'Carl Complete'`,
    );
    expect(ticket).toEqual({ status: 'completed', live: false });
  } finally {
    expect((await admin.request.patch('/api/settings/omni', { data: { mergeRepliesOnComplete: false } })).ok()).toBe(true);
  }
});
