import { expect, newPerson, signIn, test } from '../../support/fixtures';
import { PDF } from '../../support/files';
import { employee, take, visitorWrites } from '../../support/workspace';

/**
 * Issue #4 items 4 and 6: reply templates (TPL-1: channels, tags, variables, files; TPL-2: "/" and a tag
 * in the reply box offers the chat channel's templates, keyboard-navigable) and emoji (":" and a name,
 * and the picker).
 */

test('an administrator writes templates; "/" and a tag offers the chat channel\'s ones and inserts one filled in (TPL-1, TPL-2)', async ({ browser, db }) => {
  const admin = await newPerson(browser);
  await signIn(admin, 'admin@demo.local');
  await admin.getByTestId('nav-settings').click();
  await admin.getByTestId('settings-tab-templates').click();

  const addTemplate = async (title: string, tags: string[], body: string, channels: string[] = [], file?: { name: string; buffer: Buffer }) => {
    await admin.getByTestId('add-template').click();
    const form = admin.getByTestId('template-form');
    await admin.getByTestId('template-title').fill(title);
    await admin.getByTestId('template-tags').click();
    for (const tag of tags) {
      await admin.keyboard.type(tag);
      await admin.keyboard.press('Enter');
    }
    if (channels.length > 0) {
      await admin.getByTestId('template-channels').click();
      for (const channel of channels) await admin.getByRole('option', { name: channel }).click();
      await admin.keyboard.press('Escape');
    }
    await admin.getByTestId('template-body').fill(body);
    if (file) {
      const chooser = admin.waitForEvent('filechooser');
      await admin.getByTestId('template-attach').click();
      await (await chooser).setFiles({ name: file.name, mimeType: 'application/pdf', buffer: file.buffer });
      await expect(form.locator('[data-testid=pending-file][data-state=done]')).toHaveCount(1);
    }
    await admin.getByTestId('save-template').click();
    await expect(form).toHaveCount(0);
    await expect(admin.getByTestId('template-row').filter({ hasText: title })).toBeVisible();
  };
  await addTemplate('Delivery times', ['delivery'], 'Hello {client.name}! Delivery takes 2 days. Your request is #{ticket.number}. — {operator.name}', [], {
    name: 'delivery-terms.pdf',
    buffer: PDF,
  });
  await addTemplate('Delay apology', ['delay'], 'Sorry for the delay, {client.name}.');
  await addTemplate('Telegram bot', ['deliverybot'], 'Use /track in our bot', ['Telegram']);
  // A tag with a space becomes two tags; a tag with other characters is refused with the reason.
  await admin.getByTestId('add-template').click();
  await admin.getByTestId('template-tags').click();
  await admin.keyboard.type('bad!tag');
  await admin.keyboard.press('Enter');
  await expect(admin.getByTestId('template-form').locator('.mantine-InputWrapper-error')).toContainText('bad!tag');
  await admin.keyboard.press('Escape');

  await visitorWrites(browser, { name: 'Tess Template', email: 'tess@example.com', text: 'Template test: where is my order?' });
  const olga = await employee(browser, 'operator@demo.local');
  await take(olga, 'Template test: where is my order?');
  const input = olga.getByTestId('composer-input');
  const popup = olga.getByTestId('template-popup');
  const options = olga.getByTestId('template-option');

  // "/del": the widget chat's templates only (not the Telegram one), in the keyboard's reach.
  await input.pressSequentially('/del', { delay: 30 });
  await expect(popup).toBeVisible();
  await expect(options).toHaveCount(2);
  await expect(popup).not.toContainText('Telegram bot');
  await input.press('Escape');
  await expect(popup).toHaveCount(0);
  await input.fill('');
  await input.pressSequentially('/deli', { delay: 30 });
  await expect(options).toHaveCount(1);
  await input.press('Enter');
  const [ticket] = await db.query<{ number: number }>(`SELECT t.number FROM tickets t JOIN clients c ON c.id = t.client_id WHERE c.name = 'Tess Template'`);
  await expect(input).toHaveValue(`Hello Tess Template! Delivery takes 2 days. Your request is #${ticket?.number}. — Olga Operator`);
  await expect(olga.locator('[data-testid=pending-file][data-state=done]')).toContainText('delivery-terms.pdf');
  await input.press('Enter');
  const sent = olga.getByTestId('message').filter({ hasText: 'Delivery takes 2 days' });
  await expect(sent.getByTestId('attachment')).toContainText('delivery-terms.pdf');

  // Arrows choose among several; a tag that matches nothing offers nothing.
  await input.pressSequentially('/de', { delay: 30 });
  await expect(options).toHaveCount(2);
  await input.press('ArrowDown');
  const chosen = await olga.locator('[data-testid=template-option][aria-selected=true]').innerText();
  await input.press('Tab');
  await expect(input).toHaveValue(chosen.includes('Delay apology') ? 'Sorry for the delay, Tess Template.' : /Delivery takes 2 days/);
  await input.fill('');
  await input.pressSequentially('/nothing-like-this', { delay: 20 });
  await expect(popup).toHaveCount(0);
});

test('emoji: ":" and a name offers emoji, the picker inserts one (item 6)', async ({ browser }) => {
  const visitor = await visitorWrites(browser, { name: 'Emma Emoji', text: 'Emoji test: hi' });
  const olga = await employee(browser, 'operator@demo.local');
  await take(olga, 'Emoji test: hi');
  const input = olga.getByTestId('composer-input');

  await input.pressSequentially('Thanks :smi', { delay: 40 });
  await expect(olga.getByTestId('emoji-popup')).toBeVisible();
  await expect(olga.getByTestId('emoji-option').first()).toContainText('😄');
  await input.press('Enter');
  await expect(input).toHaveValue('Thanks 😄 ');
  // A time is not an emoji name.
  await input.pressSequentially('see you at 10:30', { delay: 20 });
  await expect(olga.getByTestId('emoji-popup')).toHaveCount(0);

  await olga.getByTestId('emoji-button').click();
  await expect(olga.getByTestId('emoji-picker')).toBeVisible();
  await olga.getByTestId('emoji-picker-search').fill('red heart');
  await olga.getByTestId('emoji-picker-item').first().click();
  await expect(input).toHaveValue(/^Thanks 😄 see you at 10:30❤️/);
  await input.press('Enter');
  await expect(visitor.widget.getByTestId('omni-message').filter({ hasText: 'Thanks 😄 see you at 10:30❤️' })).toBeVisible();
});
