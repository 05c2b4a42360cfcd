import { expect, newPerson, signIn, test } from '../../support/fixtures';
import { openWidget } from '../../support/widget';

/**
 * Issue #3 end to end: an administrator creates a department, a group with only Omni + Unassigned and an
 * employee in both; that employee sees exactly what those rights allow; disabling them signs them out
 * live (CORE-2, CORE-3, PERM-1, PERM-2, PERM-6).
 */
test('an administrator sets up a department, a group and an employee; rights show and are revoked live', async ({ browser, db }) => {
  const admin = await newPerson(browser);
  await signIn(admin, 'admin@demo.local');

  // A department.
  await admin.getByTestId('nav-departments').click();
  await admin.getByTestId('add-department').click();
  await admin.getByTestId('department-name').fill('Sales');
  await admin.getByTestId('save-department').click();
  await expect(admin.getByTestId('department-row').filter({ hasText: 'Sales' })).toBeVisible();

  // A group with only two of the five Omni rights.
  await admin.getByTestId('nav-groups').click();
  await admin.getByTestId('add-group').click();
  await admin.getByTestId('group-name').fill('Sales operators');
  await expect(admin.getByTestId('tab-omni')).toBeVisible();
  for (const right of ['Omni', 'Unassigned queue', 'Omni settings', 'Telephony', 'Omni management']) {
    await expect(admin.getByRole('checkbox', { name: right, exact: true })).toBeVisible();
  }
  await admin.getByRole('checkbox', { name: 'Omni', exact: true }).check();
  await admin.getByRole('checkbox', { name: 'Unassigned queue', exact: true }).check();
  await admin.getByTestId('save-group').click();
  await expect(admin.getByTestId('group-row').filter({ hasText: 'Sales operators' })).toBeVisible();

  // An employee in that group and department.
  await admin.getByTestId('nav-employees').click();
  await admin.getByTestId('add-employee').click();
  const form = admin.getByTestId('employee-form');
  await form.getByLabel('Name').fill('Sergey Sales');
  await form.getByLabel('Email').fill('sergey@demo.local');
  await form.getByLabel('Password').fill('sergey-password');
  await form.getByTestId('employee-groups').click();
  await admin.getByRole('option', { name: 'Sales operators' }).click();
  await admin.keyboard.press('Escape');
  await form.getByTestId('employee-departments').click();
  await admin.getByRole('option', { name: 'Sales', exact: true }).click();
  await admin.keyboard.press('Escape');
  await form.getByTestId('save-employee').click();
  await expect(admin.getByTestId('employee-row').filter({ hasText: 'sergey@demo.local' })).toBeVisible();
  const [stored] = await db.query<{ permissions: string[] }>(
    `SELECT g.permissions FROM employees e JOIN employee_groups eg ON eg.employee_id = e.id JOIN groups g ON g.id = eg.group_id
      WHERE e.email = 'sergey@demo.local'`,
  );
  expect(stored?.permissions.sort()).toEqual(['omni.access', 'omni.unassigned']);

  // A visitor writes on the demo site, whose widget belongs to the Support department.
  const visitor = await newPerson(browser);
  await visitor.goto('/demo');
  const widget = await openWidget(visitor);
  await widget.getByTestId('omni-input').fill('A question for Support');
  await widget.getByTestId('omni-input').press('Enter');
  await admin.getByTestId('nav-unassigned').click();
  await expect(admin.getByTestId('ticket-row').filter({ hasText: 'A question for Support' })).toBeVisible();

  // Sergey sees exactly what his rights allow: Unassigned and All chats, of Sales only.
  const sergey = await newPerson(browser);
  await signIn(sergey, 'sergey@demo.local', 'sergey-password');
  await expect(sergey.getByTestId('nav-unassigned')).toBeVisible();
  await expect(sergey.getByTestId('nav-mine')).toBeVisible();
  for (const hidden of ['nav-settings', 'nav-employees', 'nav-groups', 'nav-departments']) await expect(sergey.getByTestId(hidden)).toHaveCount(0);
  await sergey.getByTestId('nav-unassigned').click();
  await expect(sergey.getByTestId('ticket-list-empty')).toBeVisible();
  await expect(sergey.getByText('A question for Support')).toHaveCount(0);
  await sergey.goto('/admin/employees');
  await expect(sergey.getByTestId('no-access')).toBeVisible();
  const refused = await sergey.request.get('/api/employees');
  expect(refused.status()).toBe(403);

  // Disabling him signs him out live.
  await sergey.getByTestId('nav-unassigned').click();
  await admin.getByTestId('nav-employees').click();
  const row = admin.getByTestId('employee-row').filter({ hasText: 'sergey@demo.local' });
  await row.getByTestId('employee-actions').click();
  await admin.getByTestId('disable-employee').click();
  await expect(row.getByTestId('employee-status')).toHaveText('Disabled');
  await expect(sergey).toHaveURL(/\/sign-in$/);
});

test('the last administrator cannot be disabled, and is told why', async ({ browser }) => {
  const admin = await newPerson(browser);
  await signIn(admin, 'admin@demo.local');
  await admin.getByTestId('nav-employees').click();
  const row = admin.getByTestId('employee-row').filter({ hasText: 'admin@demo.local' });
  await row.getByTestId('employee-actions').click();
  await admin.getByTestId('disable-employee').click();
  await expect(admin.getByText('This would leave no enabled administrator; keep at least one.')).toBeVisible();
  await expect(row.getByTestId('employee-status')).toHaveText('Active');
});

test('a supervisor has Settings but no administration; settings apply to everyone live', async ({ browser }) => {
  const supervisor = await newPerson(browser);
  await signIn(supervisor, 'supervisor@demo.local');
  await expect(supervisor.getByTestId('nav-settings')).toBeVisible();
  await expect(supervisor.getByTestId('nav-employees')).toHaveCount(0);
  await supervisor.getByTestId('nav-settings').click();
  await supervisor.getByLabel('Waiting timer').uncheck();
  await supervisor.getByTestId('save-settings').click();

  const operator = await newPerson(browser);
  await signIn(operator, 'operator@demo.local');
  const visitor = await newPerson(browser);
  await visitor.goto('/demo');
  const widget = await openWidget(visitor);
  await widget.getByTestId('omni-input').fill('Timer test');
  await widget.getByTestId('omni-input').press('Enter');
  await operator.getByTestId('nav-unassigned').click();
  const row = operator.getByTestId('ticket-row').filter({ hasText: 'Timer test' });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('ticket-row-waiting')).toHaveCount(0);
  // Switched back on by the supervisor: the operator's list shows the timer without a reload.
  await supervisor.getByLabel('Waiting timer').check();
  await supervisor.getByTestId('save-settings').click();
  await expect(row.getByTestId('ticket-row-waiting')).toBeVisible();
});
