import { randomUUID } from 'node:crypto';
import type { VisitorMessage } from '@omnichannel/contracts';
import { authAsOperator, createEmployee, createVisitor, createWorld } from '../../test/factories';
import { expectError, http } from '../../test/http';
import { useTestApp } from '../../test/test-app';

/**
 * Issue #10, point 10: state-changing requests rest on more than SameSite cookies. A page of another
 * origin, even a sibling on the same site (another port or subdomain), cannot make the app change
 * anything; the widget's routes, called from customers' sites by design, stay open to every origin.
 */
describe('cross-site posture and security headers (issue #10)', () => {
  const t = useTestApp({ config: { PUBLIC_URL: 'https://help.example.com' } });

  async function conversation() {
    const { key, department } = await createWorld(t);
    const operator = await authAsOperator(t, 'Olga', [department.id]);
    const visitor = await createVisitor(t, key);
    const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'Hello', clientMsgId: randomUUID() } });
    return { operator, visitor, ticketId: sent.body.ticketId };
  }

  const commentCount = async (ticketId: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND kind = 'comment'`, [ticketId]))[0]?.n;

  it('refuses a state-changing request from a foreign origin or site, with the session cookie, and stores nothing', async () => {
    const { operator, ticketId } = await conversation();
    const own = new URL(t.url).host;
    const post = (headers: Record<string, string>) =>
      http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie, headers, body: { kind: 'comment', body: 'forged' } });

    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: `http://${new URL(t.url).hostname}:1` }, // a sibling: same host, another port
      { origin: 'null' },
      { origin: 'not a url' },
      { 'sec-fetch-site': 'same-site' }, // a sibling subdomain, as the browser reports it
      { 'sec-fetch-site': 'cross-site' },
      { origin: `http://${own}`, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of attempts) {
      const refused = await post(headers);
      expectError(refused, 403, 'CROSS_SITE_REQUEST');
    }
    expect(await commentCount(ticketId)).toBe(0);

    // The app's own pages, the configured public address, and non-browser clients pass.
    expect((await post({ origin: `http://${own}`, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await post({ origin: 'https://help.example.com' })).status).toBe(201);
    expect((await post({})).status).toBe(201);
    expect(await commentCount(ticketId)).toBe(3);
    // Reads are not state-changing.
    expect((await http(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: operator.cookie, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
  });

  it('refuses a forged sign-in, password change and upload from another origin', async () => {
    const employee = await createEmployee(t);
    const evil = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    expectError(await http(t.url, 'POST', '/api/auth/sign-in', { headers: evil, body: { email: employee.email, password: 'correct horse battery staple' } }), 403, 'CROSS_SITE_REQUEST');
    const { operator } = await conversation();
    expectError(await http(t.url, 'POST', '/api/profile/password', { cookie: operator.cookie, headers: evil, body: { currentPassword: 'x', newPassword: 'y' } }), 403, 'CROSS_SITE_REQUEST');
    const form = new FormData();
    form.append('file', new Blob([new TextEncoder().encode('x')]), 'x.txt');
    const upload = await fetch(`${t.url}/api/attachments`, { method: 'POST', body: form, headers: { cookie: operator.cookie, ...evil } });
    expect(upload.status).toBe(403);
    expect(((await upload.json()) as { code: string }).code).toBe('CROSS_SITE_REQUEST');
    const [files] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM attachments');
    expect(files?.n).toBe(0);
  });

  it('the widget\'s routes accept every origin: they are called from customers\' sites', async () => {
    const { key } = await createWorld(t);
    const foreign = { origin: 'https://shop.example', 'sec-fetch-site': 'cross-site' };
    const session = await http<{ token: string }>(t.url, 'POST', '/api/widget/sessions', { headers: foreign, body: { key } });
    expect(session.status).toBe(201);
    const sent = await http(t.url, 'POST', '/api/widget/messages', { token: session.body.token, headers: foreign, body: { body: 'hi', clientMsgId: randomUUID() } });
    expect(sent.status).toBe(201);
  });

  it('every answer says nosniff and no-referrer; HSTS only over HTTPS', async () => {
    for (const path of ['/api/health', '/api/tickets', '/api/nope', '/', '/tickets/unassigned']) {
      const answer = await http(t.url, 'GET', path);
      expect([path, answer.headers.get('x-content-type-options'), answer.headers.get('referrer-policy')]).toEqual([path, 'nosniff', 'no-referrer']);
      expect(answer.headers.get('strict-transport-security')).toBeNull();
    }
  });
});

describe('HSTS behind a TLS-terminating proxy (issue #10)', () => {
  const t = useTestApp({ config: { TRUST_PROXY: true } });

  it('is sent when the request came over HTTPS', async () => {
    const over = await http(t.url, 'GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(over.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const plain = await http(t.url, 'GET', '/api/health', { headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });
});
