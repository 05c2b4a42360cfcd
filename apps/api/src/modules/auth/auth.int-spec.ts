import { randomUUID } from 'node:crypto';
import type { EmployeeSelf } from '@omnichannel/contracts';
import { TEST_PASSWORD, createEmployee, signIn } from '../../../test/factories';
import { expectError, http } from '../../../test/http';
import { useTestApp } from '../../../test/test-app';

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
