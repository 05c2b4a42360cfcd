import { expect, newPerson, signIn, test } from '../../support/fixtures';
import { visitorWrites } from '../../support/workspace';

/**
 * Issue #4 item 11: the waiting timer in the chat window (SET-5) and the chat's colour in the list by the
 * client's waiting time, with thresholds an administrator sets (SET-6). The operator's clock is moved
 * forward instead of waiting minutes.
 */
test('a waiting client turns yellow, then red, at the configured minutes; the timer can be switched off', async ({ browser }) => {
  const admin = await newPerson(browser);
  await signIn(admin, 'admin@demo.local');
  await admin.getByTestId('nav-settings').click();
  await admin.getByLabel('Yellow after (min)').fill('3');
  await admin.getByLabel('Red after (min)').fill('2');
  await admin.getByTestId('save-settings').click();
  // Bad input: the red threshold before the yellow one is refused with the reason.
  await expect(admin.getByText('The alert threshold must come after the warning threshold')).toBeVisible();
  await admin.getByLabel('Red after (min)').fill('6');
  await admin.getByTestId('save-settings').click();
  await expect(admin.getByText('Settings saved')).toBeVisible();

  try {
    const operator = await newPerson(browser);
    await operator.clock.install();
    await signIn(operator, 'operator@demo.local');
    await operator.getByTestId('nav-unassigned').click();
    await visitorWrites(browser, { name: 'Walter Waiting', text: 'Waiting test: anyone?' });
    const row = operator.getByTestId('ticket-row').filter({ hasText: 'Walter Waiting' });
    await expect(row).toHaveAttribute('data-waiting', 'ok');
    await row.click();
    await expect(operator.getByTestId('conversation-waiting')).toContainText('waiting < 1 min');

    await operator.clock.fastForward('03:10');
    await expect(row).toHaveAttribute('data-waiting', 'warn');
    await expect(operator.getByTestId('conversation-waiting')).toContainText('waiting 3 min');
    await operator.clock.fastForward('03:00');
    await expect(row).toHaveAttribute('data-waiting', 'alert');

    // SET-5 off: no timer in the chat window or the list, for everyone, live.
    await admin.getByRole('switch', { name: 'Waiting timer' }).click();
    await admin.getByTestId('save-settings').click();
    await expect(operator.getByTestId('conversation-waiting')).toHaveCount(0);
    await expect(row.getByTestId('ticket-row-waiting')).toHaveCount(0);
  } finally {
    const restored = await admin.request.patch('/api/settings/omni', {
      data: { waitingTimer: true, waitingColors: { enabled: true, warnAfterMinutes: 2, alertAfterMinutes: 5 } },
    });
    expect(restored.ok()).toBe(true);
  }
});
