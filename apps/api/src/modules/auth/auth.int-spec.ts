import { randomUUID } from 'node:crypto';
import type { EmployeeSelf } from '@omnichannel/contracts';
import { TEST_PASSWORD, createEmployee, createVisitor, createWorld, signIn } from '../../../test/factories';
import { expectError, http } from '../../../test/http';
import { connectVisitor } from '../../../test/sockets';
import { useTestApp } from '../../../test/test-app';
import { hashToken } from './tokens';

describe('employee sign-in (issue #2 item 5)', () => {
  const t = useTestApp();


  it('sets an httpOnly SameSite=Strict session cookie and stores only its hash', async () => {
    const employee = await createEmployee(t, { name: 'Anna' });
    const result = await http<EmployeeSelf>(t.url, 'POST', '/api/auth/sign-in', {
      body: { email: employee.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id: employee.id, email: employee.email, name: 'Anna', permissions: ['omni.access', 'omni.unassigned'], departmentIds: [] });
    const cookie = result.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^omni_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const token = /omni_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    const stored = await t.dataSource.query<{ token_hash: string }[]>('SELECT token_hash FROM employee_sessions WHERE employee_id = $1', [employee.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).not.toContain(token);
    expect(JSON.stringify(result.body)).not.toContain('password');
  });

  it('me answers for a session and 401 without one; sign-out ends the session', async () => {
    const employee = await createEmployee(t);
    const { cookie } = await signIn(t, employee.email);
    expect((await http(t.url, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    expectError(await http(t.url, 'GET', '/api/auth/me'), 401, 'UNAUTHENTICATED');
    expect((await http(t.url, 'POST', '/api/auth/sign-out', { cookie })).status).toBe(204);
    expectError(await http(t.url, 'GET', '/api/auth/me', { cookie }), 401, 'UNAUTHENTICATED');
  });

  it('refuses a wrong password, an unknown email and a disabled employee alike', async () => {
    const employee = await createEmployee(t);
    expectError(await http(t.url, 'POST', '/api/auth/sign-in', { body: { email: employee.email, password: 'nope-nope' } }), 401, 'INVALID_CREDENTIALS');
    expectError(
      await http(t.url, 'POST', '/api/auth/sign-in', { body: { email: `${randomUUID()}@x.local`, password: TEST_PASSWORD } }),
      401,
      'INVALID_CREDENTIALS',
    );
    const { cookie } = await signIn(t, employee.email);
    await t.dataSource.query('UPDATE employees SET disabled_at = now() WHERE id = $1', [employee.id]);
    expectError(await http(t.url, 'POST', '/api/auth/sign-in', { body: { email: employee.email, password: TEST_PASSWORD } }), 401, 'INVALID_CREDENTIALS');
    expectError(await http(t.url, 'GET', '/api/auth/me', { cookie }), 401, 'UNAUTHENTICATED');
  });

  it('validates the sign-in body', async () => {
    expectError(await http(t.url, 'POST', '/api/auth/sign-in', { body: { email: 'not-an-email', password: 'x' } }), 400, 'VALIDATION_FAILED');
    expectError(await http(t.url, 'POST', '/api/auth/sign-in', { body: { email: { $ne: null }, password: { $ne: null } } }), 400, 'VALIDATION_FAILED');
  });

  it('rate-limits sign-in attempts per address and email with 429 and Retry-After', async () => {
    const employee = await createEmployee(t);
    const limit = t.config.SIGNIN_RATE_LIMIT;
    for (let i = 0; i < limit; i++) {
      expect((await http(t.url, 'POST', '/api/auth/sign-in', { body: { email: employee.email, password: 'wrong-password' } })).status).toBe(401);
    }
    const limited = await http(t.url, 'POST', '/api/auth/sign-in', { body: { email: employee.email, password: TEST_PASSWORD } });
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // another account from the same address is not locked out by this one
    const other = await createEmployee(t);
    expect((await http(t.url, 'POST', '/api/auth/sign-in', { body: { email: other.email, password: TEST_PASSWORD } })).status).toBe(200);
  });
});

describe('visitor tokens expire after a period of inactivity (issue #10 point 11)', () => {
  const t = useTestApp({ config: { VISITOR_TOKEN_IDLE_DAYS: 30 } });

  const lastSeen = async (token: string) =>
    (await t.dataSource.query<{ last_seen_at: Date }[]>('SELECT last_seen_at FROM visitor_sessions WHERE token_hash = $1', [hashToken(token)]))[0]?.last_seen_at;
  const idleFor = (token: string, interval: string) =>
    t.dataSource.query(`UPDATE visitor_sessions SET last_seen_at = now() - $2::interval WHERE token_hash = $1`, [hashToken(token), interval]);

  it('activity keeps a token alive, touching it at most once an hour; one idle longer than VISITOR_TOKEN_IDLE_DAYS is refused like an unknown one', async () => {
    const { key } = await createWorld(t);
    const visitor = await createVisitor(t, key);
    const state = (token: string) => http(t.url, 'GET', '/api/widget/state', { token });
    expect((await state(visitor.token)).status).toBe(200);

    // Cheap: a token seen within the hour is not written again.
    const seen = await lastSeen(visitor.token);
    await state(visitor.token);
    expect(await lastSeen(visitor.token)).toEqual(seen);
    // An older one is refreshed by the request.
    await idleFor(visitor.token, '2 hours');
    await state(visitor.token);
    expect(Date.now() - ((await lastSeen(visitor.token))?.getTime() ?? 0)).toBeLessThan(60_000);

    // Idle a day short of the limit: still good, and refreshed.
    await idleFor(visitor.token, '29 days');
    expect((await state(visitor.token)).status).toBe(200);
    expect(Date.now() - ((await lastSeen(visitor.token))?.getTime() ?? 0)).toBeLessThan(60_000);

    // Idle past it: refused on REST and on the socket, exactly as a token that never existed.
    await idleFor(visitor.token, '30 days 1 minute');
    const unknown = await state(`${randomUUID()}${randomUUID()}`);
    const expired = await state(visitor.token);
    expectError(expired, 401, 'UNAUTHENTICATED');
    expect({ status: expired.status, code: (expired.body as { code: string }).code }).toEqual({ status: unknown.status, code: (unknown.body as { code: string }).code });
    await expect(connectVisitor(t.url, visitor.token)).rejects.toThrow();
    expect((await state(visitor.token)).status).toBe(401); // refusing it did not revive it
  });
});
