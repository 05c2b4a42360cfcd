import { randomUUID } from 'node:crypto';
import {
  Permission,
  type ApiTokenList,
  type CreatedApiToken,
  type Employee,
  type EmployeeSelf,
  type Group,
  type MessagePage,
  type TicketSummary,
  type VisitorMessage,
} from '@omnichannel/contracts';
import { TEST_PASSWORD, authAs, createDepartment, createEmployee, createGroup, createVisitor, createWidgetChannel, signIn } from '../../../test/factories';
import { expectError, http } from '../../../test/http';
import { collect, connectEmployee, nextEvent, type TestSocket } from '../../../test/sockets';
import { resetDatabase, useTestApp } from '../../../test/test-app';

describe('employees, groups and departments administration (CORE-2, CORE-3, issue #3)', () => {
  const t = useTestApp({ reset: 'each' });


  const closedWithin = (socket: TestSocket) => {
    const started = Date.now();
    return new Promise<number>((resolve) => socket.once('disconnect', () => resolve(Date.now() - started)));
  };

  it('creates employees with groups and departments; rights are the union of the groups\' (CORE-3)', async () => {
    const admin = await authAs(t, 'admin');
    const dept = await createDepartment(t);
    const omni = await createGroup(t, [Permission.OmniAccess]);
    const queue = await createGroup(t, [Permission.OmniUnassigned, Permission.OmniAccess]);
    const created = await http<Employee>(t.url, 'POST', '/api/employees', {
      cookie: admin.cookie,
      body: { email: 'New.Person@Example.com', name: 'New Person', password: 'a long password', groupIds: [omni.id, queue.id], departmentIds: [dept.id] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.person@example.com', disabled: false, departmentIds: [dept.id] });
    expect(JSON.stringify(created.body)).not.toMatch(/password/i);
    const { me } = await signIn(t, 'new.person@example.com', 'a long password');
    expect(me.permissions.sort()).toEqual([Permission.OmniAccess, Permission.OmniUnassigned].sort());

    expectError(
      await http(t.url, 'POST', '/api/employees', { cookie: admin.cookie, body: { email: 'new.person@example.com', name: 'Twin', password: 'a long password' } }),
      409,
      'EMAIL_TAKEN',
    );
    expectError(
      await http(t.url, 'POST', '/api/employees', { cookie: admin.cookie, body: { email: 'short@example.com', name: 'Short', password: 'short' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await http(t.url, 'POST', '/api/employees', { cookie: admin.cookie, body: { email: 'ghost@example.com', name: 'Ghost', password: 'a long password', groupIds: [randomUUID()] } }),
      404,
      'GROUP_NOT_FOUND',
    );
    expect((await t.dataSource.query<{ n: number }[]>("SELECT count(*)::int AS n FROM employees WHERE email IN ('short@example.com', 'ghost@example.com')"))[0]?.n).toBe(0);
  });

  it('an employee administrator without the groups right cannot raise anyone\'s rights, their own included', async () => {
    const hr = await authAs(t, 'noOmni');
    const hrGroup = await createGroup(t, [Permission.AdminEmployees]);
    await t.dataSource.query('INSERT INTO employee_groups (group_id, employee_id) VALUES ($1, $2)', [hrGroup.id, hr.id]);
    const everything = await createGroup(t, [...Object.values(Permission)]);
    await authAs(t, 'admin'); // keeps an administrator around
    expectError(await http(t.url, 'PATCH', `/api/employees/${hr.id}`, { cookie: hr.cookie, body: { groupIds: [everything.id] } }), 403, 'FORBIDDEN');
    expect((await http(t.url, 'PATCH', `/api/employees/${hr.id}`, { cookie: hr.cookie, body: { name: 'HR' } })).status).toBe(200);
  });

  it('issue #10 point 1: an employee administrator cannot take over a full administrator (reset, email, disable, delete all refused; nothing changes)', async () => {
    const admin = await authAs(t, 'admin', { name: 'Real Admin' });
    const hr = await createEmployee(t, { name: 'HR', permissions: [Permission.AdminEmployees] });
    const { cookie } = await signIn(t, hr.email);
    const before = await t.dataSource.query<{ email: string; password_hash: string; disabled_at: Date | null; deleted_at: Date | null }[]>(
      'SELECT email, password_hash, disabled_at, deleted_at FROM employees WHERE id = $1',
      [admin.id],
    );

    // The attack as it was played: reset the administrator's password, sign in with it, grant oneself everything.
    expectError(
      await http(t.url, 'POST', `/api/employees/${admin.id}/password`, { cookie, body: { password: 'i am the admin now' } }),
      403,
      'EMPLOYEE_HAS_MORE_RIGHTS',
    );
    await expect(signIn(t, admin.email, 'i am the admin now')).rejects.toThrow(/401/);
    expectError(await http(t.url, 'PATCH', `/api/employees/${admin.id}`, { cookie, body: { email: 'hr+admin@test.local' } }), 403, 'EMPLOYEE_HAS_MORE_RIGHTS');
    expectError(await http(t.url, 'PATCH', `/api/employees/${admin.id}`, { cookie, body: { disabled: true } }), 403, 'EMPLOYEE_HAS_MORE_RIGHTS');
    expectError(await http(t.url, 'DELETE', `/api/employees/${admin.id}`, { cookie }), 403, 'EMPLOYEE_HAS_MORE_RIGHTS');

    const after = await t.dataSource.query<unknown[]>('SELECT email, password_hash, disabled_at, deleted_at FROM employees WHERE id = $1', [admin.id]);
    expect(after).toEqual(before);
    // The administrator is still signed in and can still sign in with their own password.
    expect((await http(t.url, 'GET', '/api/auth/me', { cookie: admin.cookie })).status).toBe(200);
    await signIn(t, admin.email);
    // What the employee administrator may still do: rename them, and manage employees with no more rights than theirs.
    expect((await http(t.url, 'PATCH', `/api/employees/${admin.id}`, { cookie, body: { name: 'Real Admin (HQ)' } })).status).toBe(200);
    const intern = await createEmployee(t, { name: 'Intern', permissions: [] });
    expect((await http(t.url, 'POST', `/api/employees/${intern.id}/password`, { cookie, body: { password: 'a new long one' } })).status).toBe(204);
  });

  describe('the last administrator (issue #3 item 3)', () => {
    it('cannot be disabled, deleted, or lose the administration rights', async () => {
      const admin = await authAs(t, 'admin', { name: 'Only Admin' });
      const [group] = (await http<{ items: Group[] }>(t.url, 'GET', '/api/groups', { cookie: admin.cookie })).body.items;
      expectError(await http(t.url, 'PATCH', `/api/employees/${admin.id}`, { cookie: admin.cookie, body: { disabled: true } }), 409, 'LAST_ADMINISTRATOR');
      expectError(await http(t.url, 'DELETE', `/api/employees/${admin.id}`, { cookie: admin.cookie }), 409, 'LAST_ADMINISTRATOR');
      expectError(await http(t.url, 'PATCH', `/api/employees/${admin.id}`, { cookie: admin.cookie, body: { groupIds: [] } }), 409, 'LAST_ADMINISTRATOR');
      expectError(
        await http(t.url, 'PUT', `/api/groups/${group?.id}`, { cookie: admin.cookie, body: { name: 'Admins', permissions: [Permission.OmniAccess], memberIds: [admin.id] } }),
        409,
        'LAST_ADMINISTRATOR',
      );
      expectError(await http(t.url, 'DELETE', `/api/groups/${group?.id}`, { cookie: admin.cookie }), 409, 'LAST_ADMINISTRATOR');
      // Nothing changed.
      expect((await http<EmployeeSelf>(t.url, 'GET', '/api/auth/me', { cookie: admin.cookie })).body.permissions).toContain(Permission.AdminGroups);
    });

    it('two administrators disabling each other at the same moment: one of them remains', async () => {
      for (let round = 0; round < 5; round++) {
        await resetDatabase(t.dataSource);
        const a = await authAs(t, 'admin');
        const b = await authAs(t, 'admin');
        const results = await Promise.all([
          http(t.url, 'PATCH', `/api/employees/${b.id}`, { cookie: a.cookie, body: { disabled: true } }),
          http(t.url, 'PATCH', `/api/employees/${a.id}`, { cookie: b.cookie, body: { disabled: true } }),
        ]);
        const statuses = results.map((r) => r.status).sort();
        // Either one wins and the other is refused, or the second request already finds its sender disabled.
        expect(statuses.filter((s) => s === 200)).toHaveLength(1);
        const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM employees WHERE disabled_at IS NULL');
        expect(row?.n).toBe(1);
      }
    });
  });

  it('disabling an employee ends their sessions and closes their sockets within seconds; their chats go back to Unassigned', async () => {
    const dept = await createDepartment(t);
    const channel = await createWidgetChannel(t, dept.id);
    const admin = await authAs(t, 'admin', { departments: [dept.id] });
    const operator = await authAs(t, 'operator', { name: 'Leaving Operator', departments: [dept.id] });
    const visitor = await createVisitor(t, channel.publicKey as string);
    const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'hi', clientMsgId: randomUUID() } });
    await http(t.url, 'POST', `/api/tickets/${sent.body.ticketId}/take`, { cookie: operator.cookie });

    const socket = await connectEmployee(t.url, operator.cookie);
    t.sockets.push(socket);
    const adminSocket = await connectEmployee(t.url, admin.cookie);
    t.sockets.push(adminSocket);
    const closed = closedWithin(socket);
    const back = nextEvent(adminSocket, 'ticket:upserted', (tk) => tk.id === sent.body.ticketId && tk.executor === null);
    const result = await http(t.url, 'PATCH', `/api/employees/${operator.id}`, { cookie: admin.cookie, body: { disabled: true } });
    expect(result.status).toBe(200);
    expect(await closed).toBeLessThan(3000);
    expectError(await http(t.url, 'GET', '/api/auth/me', { cookie: operator.cookie }), 401, 'UNAUTHENTICATED');
    await expect(connectEmployee(t.url, operator.cookie)).rejects.toThrow();

    const released: TicketSummary = await back;
    expect(released).toMatchObject({ live: true, executor: null, status: 'open' });
    const history = await http<MessagePage>(t.url, 'GET', `/api/tickets/${sent.body.ticketId}/messages`, { cookie: admin.cookie });
    expect(history.body.items.at(-1)?.event).toMatchObject({ type: 'ticket.released', employeeName: 'Leaving Operator' });

    // Enabled again: can sign in again.
    await http(t.url, 'PATCH', `/api/employees/${operator.id}`, { cookie: admin.cookie, body: { disabled: false } });
    await expect(signIn(t, operator.email)).resolves.toBeTruthy();
  });

  it('deleting an employee keeps their history and frees their email', async () => {
    const dept = await createDepartment(t);
    const channel = await createWidgetChannel(t, dept.id);
    const admin = await authAs(t, 'admin', { departments: [dept.id] });
    const operator = await authAs(t, 'operator', { name: 'Departed', departments: [dept.id] });
    const visitor = await createVisitor(t, channel.publicKey as string);
    const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'hi', clientMsgId: randomUUID() } });
    await http(t.url, 'POST', `/api/tickets/${sent.body.ticketId}/take`, { cookie: operator.cookie });
    await http(t.url, 'POST', `/api/tickets/${sent.body.ticketId}/messages`, { cookie: operator.cookie, body: { kind: 'reply', body: 'I answered' } });

    expect((await http(t.url, 'DELETE', `/api/employees/${operator.id}`, { cookie: admin.cookie })).status).toBe(204);
    const list = await http<{ items: Employee[] }>(t.url, 'GET', '/api/employees', { cookie: admin.cookie });
    expect(list.body.items.map((e) => e.id)).not.toContain(operator.id);
    const history = await http<MessagePage>(t.url, 'GET', `/api/tickets/${sent.body.ticketId}/messages`, { cookie: admin.cookie });
    expect(history.body.items.find((m) => m.kind === 'reply')?.author.name).toBe('Departed');
    expectError(await http(t.url, 'GET', '/api/auth/me', { cookie: operator.cookie }), 401, 'UNAUTHENTICATED');
    const again = await http<Employee>(t.url, 'POST', '/api/employees', {
      cookie: admin.cookie,
      body: { email: operator.email, name: 'Successor', password: 'a long password' },
    });
    expect(again.status).toBe(201);
  });

  it('changing one\'s password ends the other sessions (and their sockets) but keeps this one; the old password stops working', async () => {
    const employee = await createEmployee(t);
    await authAs(t, 'admin');
    const here = await signIn(t, employee.email);
    const there = await signIn(t, employee.email);
    const socket = await connectEmployee(t.url, there.cookie);
    t.sockets.push(socket);
    const closed = closedWithin(socket);
    expectError(
      await http(t.url, 'POST', '/api/profile/password', { cookie: here.cookie, body: { currentPassword: 'wrong one', newPassword: 'brand new password' } }),
      400,
      'CURRENT_PASSWORD_INCORRECT',
    );
    const changed = await http(t.url, 'POST', '/api/profile/password', {
      cookie: here.cookie,
      body: { currentPassword: TEST_PASSWORD, newPassword: 'brand new password' },
    });
    expect(changed.status).toBe(204);
    expect(await closed).toBeLessThan(3000);
    expect((await http(t.url, 'GET', '/api/auth/me', { cookie: here.cookie })).status).toBe(200);
    expectError(await http(t.url, 'GET', '/api/auth/me', { cookie: there.cookie }), 401, 'UNAUTHENTICATED');
    await expect(signIn(t, employee.email)).rejects.toThrow(/401/);
    await expect(signIn(t, employee.email, 'brand new password')).resolves.toBeTruthy();
  });

  it('issue #10 point 11: an administrator\'s password reset revokes the employee\'s API tokens; changing one\'s own keeps them (API-1)', async () => {
    const admin = await authAs(t, 'admin');
    const employee = await authAs(t, 'operator');
    const newToken = async () => (await http<CreatedApiToken>(t.url, 'POST', '/api/profile/tokens', { cookie: employee.cookie, body: { name: 'crm' } })).body.token;
    const works = async (token: string) => (await http(t.url, 'GET', '/api/tickets?view=mine', { token })).status;

    const kept = await newToken();
    const changed = await http(t.url, 'POST', '/api/profile/password', { cookie: employee.cookie, body: { currentPassword: TEST_PASSWORD, newPassword: 'my own new password' } });
    expect(changed.status).toBe(204);
    expect(await works(kept)).toBe(200);

    expect((await http(t.url, 'POST', `/api/employees/${employee.id}/password`, { cookie: admin.cookie, body: { password: 'set by the admin' } })).status).toBe(204);
    expect(await works(kept)).toBe(401);
    expect(await t.dataSource.query('SELECT id FROM api_tokens WHERE employee_id = $1', [employee.id])).toEqual([]);
    // A token made after the reset works as usual.
    const { cookie } = await signIn(t, employee.email, 'set by the admin');
    const fresh = (await http<CreatedApiToken>(t.url, 'POST', '/api/profile/tokens', { cookie, body: { name: 'crm again' } })).body.token;
    expect(await works(fresh)).toBe(200);
  });

  it('a profile edit validates its input; the language and name are kept', async () => {
    const employee = await authAs(t, 'operator');
    expect((await http(t.url, 'PATCH', '/api/profile', { cookie: employee.cookie, body: { name: 'Renamed', language: 'ru' } })).status).toBe(204);
    const me = await http<EmployeeSelf>(t.url, 'GET', '/api/auth/me', { cookie: employee.cookie });
    expect(me.body).toMatchObject({ name: 'Renamed', language: 'ru' });
    for (const body of [{ avatarUrl: 'javascript:alert(1)' }, { language: 'de' }, { name: '' }, { permissions: ['admin.groups'] }]) {
      expectError(await http(t.url, 'PATCH', '/api/profile', { cookie: employee.cookie, body }), 400, 'VALIDATION_FAILED');
    }
  });

  it('API tokens: shown once, stored hashed, carry the owner\'s rights, revocable, and only by their owner (API-1)', async () => {
    const dept = await createDepartment(t);
    const owner = await authAs(t, 'operator', { departments: [dept.id] });
    const other = await authAs(t, 'operator', { departments: [dept.id] });
    const created = await http<CreatedApiToken>(t.url, 'POST', '/api/profile/tokens', { cookie: owner.cookie, body: { name: 'CRM sync' } });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^omt_[A-Za-z0-9_-]{43}$/);
    const stored = await t.dataSource.query<{ token_hash: string }[]>('SELECT token_hash FROM api_tokens');
    expect(stored.some((r) => r.token_hash.includes(created.body.token))).toBe(false);
    const list = await http<ApiTokenList>(t.url, 'GET', '/api/profile/tokens', { cookie: owner.cookie });
    expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, name: 'CRM sync' })]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    const me = await http<EmployeeSelf>(t.url, 'GET', '/api/auth/me', { token: created.body.token });
    expect(me.body).toMatchObject({ id: owner.id, permissions: [Permission.OmniAccess, Permission.OmniUnassigned] });
    expectError(await http(t.url, 'GET', '/api/employees', { token: created.body.token }), 403, 'FORBIDDEN');
    expectError(await http(t.url, 'DELETE', `/api/profile/tokens/${created.body.id}`, { cookie: other.cookie }), 404, 'API_TOKEN_NOT_FOUND');
    expect((await http(t.url, 'DELETE', `/api/profile/tokens/${created.body.id}`, { cookie: owner.cookie })).status).toBe(204);
    expectError(await http(t.url, 'GET', '/api/auth/me', { token: created.body.token }), 401, 'UNAUTHENTICATED');
  });

  it('joining a department takes effect on open sockets at once: the app reconnects into the new rooms (PERM-6)', async () => {
    const x = await createDepartment(t);
    const y = await createDepartment(t);
    const channelY = await createWidgetChannel(t, y.id);
    const admin = await authAs(t, 'admin', { departments: [x.id, y.id] });
    const operator = await authAs(t, 'operator', { departments: [x.id] });
    const socket = await connectEmployee(t.url, operator.cookie);
    t.sockets.push(socket);
    const heard = collect(socket, 'ticket:upserted');

    const visitor = await createVisitor(t, channelY.publicKey as string);
    await http(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'before', clientMsgId: randomUUID() } });
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
    const [department] = (await http<{ items: { id: string; name: string }[] }>(t.url, 'GET', '/api/departments', { cookie: admin.cookie })).body.items.filter(
      (d) => d.id === y.id,
    );
    const updated = await http(t.url, 'PUT', `/api/departments/${y.id}`, {
      cookie: admin.cookie,
      body: { name: department?.name ?? 'Y', memberIds: [admin.id, operator.id] },
    });
    expect(updated.status).toBe(200);
    await dropped;
    expect(heard.items).toEqual([]);
    socket.connect();
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const announced = nextEvent(socket, 'ticket:upserted', (tk) => tk.department.id === y.id);
    const second = await createVisitor(t, channelY.publicKey as string);
    await http(t.url, 'POST', '/api/widget/messages', { token: second.token, body: { body: 'after', clientMsgId: randomUUID() } });
    expect((await announced).lastMessage?.body).toBe('after');
  });
});
