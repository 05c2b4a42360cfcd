import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { apiAs, expect, newPerson, signIn, test } from '../../support/fixtures';

/** The README's picture of the dispatcher settings (issue #5): two rules, one of them broken. */
const SHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

test('screenshot of the dispatcher rules for the README', async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  const admin = await apiAs('admin@demo.local');
  const created: { rules: string[]; groups: string[] } = { rules: [], groups: [] };
  try {
    const group = async (name: string) => {
      const response = await admin.post('/api/groups', { data: { name, permissions: ['omni.access'], memberIds: [] } });
      expect(response.status()).toBe(201);
      const { id } = (await response.json()) as { id: string };
      created.groups.push(id);
      return id;
    };
    const rule = async (data: unknown) => {
      const response = await admin.post('/api/omni/rules', { data });
      expect(response.status()).toBe(201);
      created.rules.push(((await response.json()) as { id: string }).id);
    };
    const firstLine = await group('First line');
    const nightShift = await group('Night shift');
    await rule({
      name: 'Refunds to the first line',
      trigger: { type: 'ticket.created' },
      conditions: [
        { type: 'channel', channels: ['widget', 'telegram'] },
        { type: 'text', contains: 'refund' },
      ],
      actions: [{ type: 'assign', groupId: firstLine, strategy: 'least-busy', preferPrevious: true }],
    });
    await rule({
      name: 'Escalate the silent ones',
      trigger: { type: 'ticket.unanswered', minutes: 15 },
      conditions: [{ type: 'working-hours', inside: false }],
      actions: [
        { type: 'set-priority', priority: 'urgent' },
        { type: 'assign', groupId: nightShift, strategy: 'round-robin', preferPrevious: false },
      ],
    });
    // The night shift is disbanded: the second rule shows why it can no longer run.
    expect((await admin.delete(`/api/groups/${nightShift}`)).ok()).toBe(true);
    created.groups.splice(created.groups.indexOf(nightShift), 1);

    const page = await newPerson(browser);
    await signIn(page, 'admin@demo.local');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-dispatcher').click();
    await expect(page.getByTestId('rule-row')).toHaveCount(2);
    await expect(page.getByTestId('rule-broken')).toHaveCount(1);
    await expect(page.getByTestId('operators-table')).toBeVisible();
    await page.screenshot({ path: join(SHOTS, 'dispatcher-rules.png') });
  } finally {
    for (const id of created.rules) await admin.delete(`/api/omni/rules/${id}`);
    for (const id of created.groups) await admin.delete(`/api/groups/${id}`);
    await admin.dispose();
  }
});
