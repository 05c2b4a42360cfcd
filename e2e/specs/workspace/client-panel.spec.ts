import { expect, newPerson, signIn, test } from '../../support/fixtures';
import { employee, reply, send, take, visitorWrites } from '../../support/workspace';

/**
 * Issue #4 items 2, 3 and 9: the client panel (WORK-4) with the administrator's custom fields, previous
 * requests with an invitation of their executor (WORK-5), and transfer to a colleague (WORK-10).
 */

test('the client panel shows who the client is and where they came from; custom fields are defined and filled (WORK-4)', async ({ browser, db }) => {
  // An administrator defines a client field (list) and a ticket field (number) in the settings.
  const admin = await newPerson(browser);
  await signIn(admin, 'admin@demo.local');
  await admin.getByTestId('nav-settings').click();
  await admin.getByTestId('settings-tab-fields').click();
  await admin.getByTestId('add-field').click();
  await admin.getByTestId('field-label').fill('Plan');
  await expect(admin.getByTestId('field-key')).toHaveValue('plan');
  await admin.getByTestId('field-type').click();
  await admin.getByRole('option', { name: 'List' }).click();
  await admin.getByTestId('field-options').fill('Free');
  await admin.keyboard.press('Enter');
  await admin.getByTestId('field-options').fill('Pro');
  await admin.keyboard.press('Enter');
  await admin.getByTestId('field-save').click();
  await expect(admin.getByTestId('field-row').filter({ hasText: 'Plan' })).toBeVisible();
  await admin.getByTestId('add-field').click();
  await admin.getByTestId('field-form').getByText('Ticket', { exact: true }).click();
  await admin.getByTestId('field-label').fill('Order total');
  await admin.getByTestId('field-type').click();
  await admin.getByRole('option', { name: 'Number' }).click();
  await admin.getByTestId('field-save').click();
  await expect(admin.getByTestId('field-row').filter({ hasText: 'Order total' })).toBeVisible();
  // A key that breaks the rules is refused with the reason, and nothing is stored.
  await admin.getByTestId('add-field').click();
  await admin.getByTestId('field-label').fill('Broken');
  await admin.getByTestId('field-key').fill('Not a key!');
  await admin.getByTestId('field-save').click();
  await expect(admin.getByTestId('form-error')).toContainText('lowercase');
  expect(await db.query(`SELECT 1 FROM custom_fields WHERE label = 'Broken'`)).toHaveLength(0);

  // A visitor arrives from a search engine; the operator opens the request.
  await visitorWrites(browser, { name: 'Petra Panel', email: 'petra@example.com', text: 'Panel test: hello', referer: 'https://search.example.org/?q=bikes' });
  const operator = await employee(browser, 'operator@demo.local');
  await take(operator, 'Panel test: hello');
  const panel = operator.getByTestId('client-panel');
  await expect(panel.getByTestId('client-email')).toContainText('petra@example.com');
  await expect(panel.getByTestId('client-channel')).toContainText('Chat');
  await expect(panel.getByTestId('client-page')).toContainText('/demo');
  await expect(panel.getByTestId('client-referrer')).toContainText('https://search.example.org/?q=bikes');
  await expect(panel.getByTestId('client-ip')).toContainText('127.0.0.1');
  const [ticket] = await db.query<{ number: number; id: string }>(
    `SELECT t.number, t.id FROM tickets t JOIN clients c ON c.id = t.client_id WHERE c.name = 'Petra Panel'`,
  );
  await expect(panel.getByTestId('client-ticket-number')).toContainText(`#${ticket?.number}`);
  await expect(panel.getByTestId('client-total-requests')).toHaveText('1 request in total');

  // The operator fills the fields; they are stored on the client and on the ticket.
  await panel.getByTestId('custom-field-plan').click();
  await operator.getByRole('option', { name: 'Pro' }).click();
  await expect(panel.getByTestId('custom-field-plan')).toHaveAttribute('data-saved', 'true');
  await panel.getByTestId('custom-field-order_total').fill('129.5');
  await panel.getByTestId('custom-field-order_total').press('Enter');
  await expect(panel.getByTestId('custom-field-order_total')).toHaveAttribute('data-saved', 'true');
  const [stored] = await db.query<{ client: Record<string, unknown>; ticket: Record<string, unknown> }>(
    `SELECT c.custom AS client, t.custom AS ticket FROM tickets t JOIN clients c ON c.id = t.client_id WHERE t.id = $1`,
    [ticket?.id],
  );
  expect(stored).toEqual({ client: { plan: 'Pro' }, ticket: { order_total: 129.5 } });
  await operator.reload();
  await expect(operator.getByTestId('custom-field-plan')).toHaveValue('Pro');
  await expect(operator.getByTestId('custom-field-order_total')).toHaveValue('129.5');
});

test('a returning client\'s previous request shows with its executor, who is invited and hears it live (WORK-5)', async ({ browser }) => {
  // Sam handled the client's first request.
  const sam = await employee(browser, 'supervisor@demo.local');
  const visitor = await visitorWrites(browser, { name: 'Rita Returning', text: 'Previous test: first visit' });
  await take(sam, 'Previous test: first visit');
  await reply(sam, 'Glad to help, Rita!');
  await sam.getByTestId('complete-button').click();
  await expect(sam.getByTestId('conversation-completed')).toBeVisible();

  // She comes back; Olga takes the new request and sees the old one.
  await expect(visitor.widget.getByTestId('omni-status')).toBeVisible();
  await send(visitor.widget, 'Previous test: I am back');
  const olga = await employee(browser, 'operator@demo.local');
  await take(olga, 'Previous test: I am back');
  await expect(olga.getByTestId('client-total-requests')).toHaveText('2 requests in total');
  const previous = olga.getByTestId('previous-request');
  await expect(previous).toHaveCount(1);
  await expect(previous.getByTestId('previous-executor')).toHaveText('Handled by Sam Supervisor');

  // Invite Sam: he gets it live, and the conversation is in his chats.
  await sam.getByTestId('nav-mine').click();
  await previous.getByTestId('previous-invite').click();
  await expect(olga.getByTestId('previous-here')).toBeVisible();
  await expect(sam.getByText('Olga Operator invited you to conversation')).toBeVisible();
  await expect(sam.getByTestId('ticket-row').filter({ hasText: 'Rita Returning' })).toBeVisible();
  await expect(olga.getByTestId('message').filter({ hasText: 'Olga Operator invited Sam Supervisor' })).toBeVisible();

  // "Open" goes to the previous request's page with its history.
  await previous.getByTestId('previous-open').click();
  await expect(olga).toHaveURL(/\/tickets\//);
  await expect(olga.getByTestId('message').filter({ hasText: 'Glad to help, Rita!' })).toBeVisible();
});

test('a request without previous ones shows no previous-requests block (WORK-5)', async ({ browser }) => {
  await visitorWrites(browser, { name: 'Nadia New', text: 'Previous test: brand new' });
  const olga = await employee(browser, 'operator@demo.local');
  await olga.getByTestId('ticket-row').filter({ hasText: 'Previous test: brand new' }).click();
  await expect(olga.getByTestId('client-panel')).toBeVisible();
  await expect(olga.getByTestId('previous-requests')).toHaveCount(0);
});

test('transfer to a colleague with a comment: they get it live, the client sees nothing internal (WORK-10)', async ({ browser, db }) => {
  const sam = await employee(browser, 'supervisor@demo.local', 'nav-mine');
  const visitor = await visitorWrites(browser, { name: 'Tom Transfer', text: 'Transfer test: billing question' });
  const olga = await employee(browser, 'operator@demo.local');
  await take(olga, 'Transfer test: billing question');
  await olga.getByTestId('transfer-button').click();
  await olga.getByTestId('transfer-employee').click();
  await olga.getByRole('option', { name: 'Sam Supervisor' }).click();
  await olga.getByTestId('transfer-comment').fill('Billing: he was charged twice');
  await olga.getByTestId('transfer-submit').click();

  // Olga's list drops it; Sam is told and finds it in his chats, with the comment in the history.
  await expect(olga.getByText(/transferred to Sam Supervisor/)).toBeVisible();
  await expect(olga.getByTestId('ticket-row').filter({ hasText: 'Tom Transfer' })).toHaveCount(0);
  await expect(sam.getByText('Olga Operator transferred request')).toBeVisible();
  const row = sam.getByTestId('ticket-row').filter({ hasText: 'Tom Transfer' });
  await row.click();
  await expect(sam.getByTestId('message').filter({ hasText: 'Billing: he was charged twice' })).toHaveAttribute('data-kind', 'comment');
  await expect(sam.getByTestId('message').filter({ hasText: 'Olga Operator transferred the request to Sam Supervisor' })).toBeVisible();
  await reply(sam, 'Hi Tom, Sam from billing here.');
  await expect(visitor.widget.getByTestId('omni-message').filter({ hasText: 'Sam from billing' })).toBeVisible();
  await expect(visitor.widget.getByText('charged twice')).toHaveCount(0);
  const [ticket] = await db.query<{ executor: string }>(
    `SELECT e.name AS executor FROM tickets t JOIN clients c ON c.id = t.client_id JOIN employees e ON e.id = t.executor_id WHERE c.name = 'Tom Transfer'`,
  );
  expect(ticket?.executor).toBe('Sam Supervisor');
});

test('whatever a client types as their name or message is shown as text, never run as HTML', async ({ browser }) => {
  const hostile = '<img src=x onerror="window.__pwned=1">Eve';
  await visitorWrites(browser, { name: hostile, text: '<script>window.__pwned=2</script><b>bold?</b>' });
  const olga = await employee(browser, 'operator@demo.local');
  const row = olga.getByTestId('ticket-row').filter({ hasText: hostile });
  await expect(row).toBeVisible();
  await row.click();
  await expect(olga.getByTestId('client-panel-name')).toHaveText(hostile);
  await expect(olga.getByTestId('message').filter({ hasText: '<script>window.__pwned=2</script><b>bold?</b>' })).toBeVisible();
  expect(await olga.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(olga.locator('[data-testid=client-panel] img, [data-testid=message-list] b')).toHaveCount(0);
});
