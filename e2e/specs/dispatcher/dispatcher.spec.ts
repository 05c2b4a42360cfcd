import type { Page } from '@playwright/test';
import { apiAs, expect, hireOperator, newPerson, signIn, test } from '../../support/fixtures';
import { employee, take, visitorWrites } from '../../support/workspace';

/**
 * Issue #5 in the operator's app: the status switcher (DSP-1), dispatcher rules made in Settings
 * (DSP-3, DSP-4), the refusal to go offline while holding requests (SET-4), and the SLA's remaining time
 * on a chat (SLA-1, SLA-2).
 */

const ADMIN = 'admin@demo.local';

/** Arranges as the administrator through the API and always lets go of the connection. */
async function asAdmin<T>(work: (api: Awaited<ReturnType<typeof apiAs>>) => Promise<T>): Promise<T> {
  const api = await apiAs(ADMIN);
  try {
    return await work(api);
  } finally {
    await api.dispose();
  }
}

async function employeeId(email: string): Promise<string> {
  return asAdmin(async (api) => {
    const list = (await (await api.get('/api/employees')).json()) as { items: { id: string; email: string }[] };
    const found = list.items.find((e) => e.email === email);
    if (!found) throw new Error(`no employee ${email}`);
    return found.id;
  });
}

/** Picks an option of a Mantine select (its listbox renders in a portal). */
async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function goOnline(page: Page): Promise<void> {
  await page.getByTestId('status-switcher').click();
  await page.getByRole('menuitem', { name: 'Online' }).click();
  await expect(page.getByTestId('status-switcher')).toHaveAttribute('data-status', 'online');
}

test('an administrator makes a rule in Settings; a new request goes straight to an online operator of the group, the rule named in its history (DSP-1, DSP-3, DSP-4)', async ({
  browser,
  db,
}) => {
  const stamp = Date.now();
  const groupName = `Dispatch ${stamp}`;
  const ruleName = `Route refunds ${stamp}`;
  const keyword = `refund-${stamp}`;
  const hired = await hireOperator('Dora Dispatch');
  const operatorId = await employeeId(hired.email);
  const group = await asAdmin(async (api) => {
    const created = await api.post('/api/groups', { data: { name: groupName, permissions: ['omni.access'], memberIds: [operatorId] } });
    expect(created.status()).toBe(201);
    return (await created.json()) as { id: string };
  });
  try {
    // The administrator writes the rule: new request · text contains the keyword → assign to the group.
    const admin = await newPerson(browser);
    await signIn(admin, ADMIN);
    await admin.getByTestId('nav-settings').click();
    await admin.getByTestId('settings-tab-dispatcher').click();
    await admin.getByTestId('add-rule').click();
    await admin.getByTestId('rule-name').fill(ruleName);
    await admin.getByTestId('add-condition').click();
    await choose(admin, 'condition-type-0', 'Text contains');
    await admin.getByTestId('condition-text-0').fill(keyword);
    await choose(admin, 'action-group-0', groupName);
    await admin.getByTestId('rule-save').click();
    await expect(admin.getByTestId('rule-form')).toHaveCount(0);
    const row = admin.getByTestId('rule-row').filter({ hasText: ruleName });
    await expect(row.getByTestId('rule-summary')).toHaveText(`When a new request arrives · if text contains “${keyword}” → assign to ${groupName} (least busy)`);
    const [stored] = await db.query<{ enabled: boolean }>('SELECT enabled FROM dispatch_rules WHERE name = $1', [ruleName]);
    expect(stored?.enabled).toBe(true);

    // The operator goes online with the switcher; everyone's presence follows.
    const operator = await employee(browser, hired.email, 'nav-mine');
    await expect(operator.getByTestId('status-switcher')).toHaveAttribute('data-status', 'offline');
    await goOnline(operator);

    // A visitor writes: the request lands in the operator's All chats without anyone taking it.
    await visitorWrites(browser, { name: 'Rita Refund', text: `I want a ${keyword} please` });
    const chat = operator.getByTestId('ticket-row').filter({ hasText: 'Rita Refund' });
    await expect(chat).toBeVisible();
    await chat.click();
    await expect(operator.getByTestId('conversation-client')).toHaveText('Rita Refund');
    await expect(operator.getByTestId('take-button')).toHaveCount(0);
    await expect(operator.getByTestId('message').filter({ hasText: `Rule “${ruleName}”` })).toBeVisible();
    const [ticket] = await db.query<{ executor_id: string | null }>(
      `SELECT t.executor_id FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE m.body LIKE $1 LIMIT 1`,
      [`%${keyword}%`],
    );
    expect(ticket?.executor_id).toBe(operatorId);
  } finally {
    // The rule would route other tests' requests; it goes, with its group.
    await asAdmin(async (api) => {
      const rules = (await (await api.get('/api/omni/rules')).json()) as { items: { id: string; name: string }[] };
      for (const rule of rules.items.filter((r) => r.name === ruleName)) await api.delete(`/api/omni/rules/${rule.id}`);
      await api.delete(`/api/groups/${group.id}`);
    });
  }
});

test('SET-4: an operator holding a request in progress cannot go offline and is told which request holds them', async ({ browser, db }) => {
  await asAdmin(async (api) => expect((await api.patch('/api/settings/omni', { data: { forbidOfflineStatuses: ['in_progress'] } })).ok()).toBe(true));
  try {
    const hired = await hireOperator('Hold Holder');
    const operator = await employee(browser, hired.email);
    await goOnline(operator);
    await visitorWrites(browser, { name: 'Hank Held', text: 'SET-4 test: please hold on to me' });
    await take(operator, 'SET-4 test: please hold on to me');
    const [held] = await db.query<{ number: number; status: string }>(
      'SELECT t.number, t.status FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE m.body = $1',
      ['SET-4 test: please hold on to me'],
    );
    expect(held?.status).toBe('in_progress');

    await operator.getByTestId('status-switcher').click();
    await operator.getByRole('menuitem', { name: 'Offline' }).click();
    const refusal = operator.getByTestId('offline-forbidden');
    await expect(refusal).toBeVisible();
    await expect(refusal.getByTestId('held-request')).toContainText(`#${held?.number}`);
    await expect(operator.getByTestId('status-switcher')).toHaveAttribute('data-status', 'online');
    // The named request is one click away.
    await refusal.getByTestId('held-request').click();
    await expect(operator).toHaveURL(/\/chats\/[0-9a-f-]{36}$/);
  } finally {
    await asAdmin(async (api) => expect((await api.patch('/api/settings/omni', { data: { forbidOfflineStatuses: [] } })).ok()).toBe(true));
  }
});

test('SLA: the first-reply minutes set for a department show as the remaining time on a new chat (SLA-1, SLA-2)', async ({ browser, db }) => {
  const admin = await newPerson(browser);
  await signIn(admin, ADMIN);
  await admin.getByTestId('nav-settings').click();
  await admin.getByTestId('settings-tab-sla').click();
  const support = admin.locator('[data-testid="sla-card"][data-department="Support"]');
  await support.getByTestId('sla-first-reply').fill('45');
  await support.getByTestId('sla-save').click();
  await expect(admin.getByText('The SLA of Support was saved')).toBeVisible();
  try {
    const [stored] = await db.query<{ first_reply_minutes: number }>(
      'SELECT s.first_reply_minutes FROM department_sla s JOIN departments d ON d.id = s.department_id WHERE d.name = $1',
      ['Support'],
    );
    expect(stored?.first_reply_minutes).toBe(45);

    await visitorWrites(browser, { name: 'Sally Sla', text: 'SLA test: how long will this take?' });
    await admin.getByTestId('nav-unassigned').click();
    const row = admin.getByTestId('ticket-row').filter({ hasText: 'Sally Sla' });
    await expect(row.getByTestId('ticket-row-sla')).toHaveText(/^SLA (44|45) min$/);
    await row.click();
    await expect(admin.getByTestId('conversation-sla')).toHaveText(/^SLA (44|45) min$/);
  } finally {
    await asAdmin(async (api) => {
      const list = (await (await api.get('/api/omni/sla')).json()) as { items: { departmentId: string; departmentName: string }[] };
      const dept = list.items.find((d) => d.departmentName === 'Support');
      if (dept) await api.put(`/api/omni/sla/${dept.departmentId}`, { data: { firstReplyMinutes: 10, resolutionMinutes: null, schedule: null } });
    });
  }
});
