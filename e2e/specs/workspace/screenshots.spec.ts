import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiAs, expect, hireOperator, test } from '../../support/fixtures';
import { gradientPng } from '../../support/files';
import { employee, reply, send, take, visitorWrites } from '../../support/workspace';

/**
 * The README's pictures of the workspace (issue #4): a conversation with the client panel, the templates
 * popup and the emoji popup, taken from a real session and saved under docs/screenshots/.
 */
const SHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

test('screenshots of the workspace for the README', async ({ browser, db }) => {
  // Three conversations are played out in full before the pictures: on a busy 2-core machine this took
  // 41 s of the default 60.
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const admin = await apiAs('admin@demo.local');
  await admin.post('/api/custom-fields', { data: { entity: 'client', key: 'loyalty', label: 'Loyalty level', type: 'list', options: ['Bronze', 'Silver', 'Gold'] } });
  await admin.post('/api/custom-fields', { data: { entity: 'ticket', key: 'order_number', label: 'Order number', type: 'text' } });
  for (const template of [
    { title: 'Shipping status', tags: ['shipping', 'tracking'], body: 'Hi {client.name}, your parcel is on its way: it left our warehouse today and arrives in 1–2 days.' },
    { title: 'Shipping costs', tags: ['shipping-costs'], body: 'Shipping is free from €50; below that it is €4.90 within the EU.' },
    { title: 'Returns', tags: ['returns'], body: 'You can return any item within 30 days: I will send you a prepaid label, {client.name}.' },
  ]) {
    await admin.post('/api/templates', { data: template });
  }
  await admin.dispose();

  const olivia = await hireOperator('Olivia Bennett');
  const operator = await employee(browser, olivia.email);

  // Maria came once before; Sam handled it.
  const maria = await visitorWrites(browser, {
    name: 'Maria Petrova',
    email: 'maria.petrova@example.com',
    text: 'Hello, do you ship to Austria?',
    referer: 'https://www.google.com/',
  });
  const [first] = await db.query<{ id: string }>(`SELECT t.id FROM tickets t JOIN clients c ON c.id = t.client_id WHERE c.email = 'maria.petrova@example.com'`);
  const sam = await apiAs('supervisor@demo.local');
  await sam.post(`/api/tickets/${first?.id}/take`);
  await sam.post(`/api/tickets/${first?.id}/messages`, { data: { kind: 'reply', body: 'Yes, we ship to all EU countries within 3 days.' } });
  await sam.post(`/api/tickets/${first?.id}/complete`, { data: {} });
  await sam.dispose();
  await expect(maria.widget.getByTestId('omni-status')).toBeVisible();

  // Two more clients wait; Olivia takes them.
  await visitorWrites(browser, { name: 'James Carter', email: 'james.carter@example.com', text: 'Do you have the Cube Kathmandu in size L?' });
  const sofia = await visitorWrites(browser, { name: 'Sofia Rossi', text: 'Can I still change the delivery address of my order?' });
  await take(operator, 'Cube Kathmandu');
  await reply(operator, 'Hi James! Yes, size L is in stock in black and grey.');
  await take(operator, 'change the delivery address');
  await reply(operator, 'Of course, Sofia — what is the new address?');

  // Maria is back with a new request.
  await send(maria.widget, 'Hi again! I ordered the Trek FX 3 last week (order 48213). The tracking has not moved since Monday.');
  await take(operator, 'Trek FX 3');
  await reply(operator, 'Hi Maria! Let me check with the warehouse, one moment.');
  await operator.getByTestId('composer-mode').getByText('Internal comment').click();
  await operator.getByTestId('composer-input').fill('Carrier shows the parcel in the Leipzig hub since Monday; asked them to prioritise.');
  await operator.getByTestId('composer-input').press('Enter');
  await operator.getByTestId('composer-mode').getByText('Reply').click();
  await maria.widget.getByTestId('omni-file-input').setInputFiles({
    name: 'shipping-label.png',
    mimeType: 'image/png',
    buffer: gradientPng(360, 220, [222, 236, 246], [120, 170, 214]),
  });
  await expect(maria.widget.locator('[data-testid=omni-pending-file][data-state=ready]')).toHaveCount(1);
  await send(maria.widget, 'Here is the label from the box.');
  await reply(operator, 'Thank you! The parcel left Leipzig this morning 🚚 and should reach you tomorrow.');
  await send(sofia.widget, 'Via Roma 12, 20121 Milano, please');

  // The client panel's fields, filled in.
  await operator.getByTestId('custom-field-loyalty').click();
  await operator.getByRole('option', { name: 'Gold' }).click();
  await operator.getByTestId('custom-field-order_number').fill('48213');
  await operator.getByTestId('custom-field-order_number').press('Enter');
  await expect(operator.getByTestId('previous-request')).toHaveCount(1);
  await expect(operator.getByTestId('custom-field-order_number')).toHaveAttribute('data-saved', 'true');

  // Maria types; Olivia reads it as it is typed.
  await maria.widget.getByTestId('omni-input').pressSequentially('Great, can it come in the afternoon?', { delay: 10 });
  await expect(operator.getByTestId('typing-preview')).toContainText('in the afternoon?');
  await operator.mouse.move(0, 0);
  await operator.screenshot({ path: join(SHOTS, 'workspace.png') });

  const input = operator.getByTestId('composer-input');
  await input.pressSequentially('/ship', { delay: 30 });
  await expect(operator.getByTestId('template-option')).toHaveCount(2);
  await operator.screenshot({ path: join(SHOTS, 'templates-popup.png') });
  await input.press('Escape');
  await input.fill('');
  await input.pressSequentially('Have a great ride :bik', { delay: 30 });
  await expect(operator.getByTestId('emoji-option').first()).toBeVisible();
  await operator.screenshot({ path: join(SHOTS, 'emoji-popup.png') });
});
