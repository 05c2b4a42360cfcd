import { randomUUID } from 'node:crypto';
import type { Ack, ApiError, VisitorMessage, VisitorSession, VisitorState, WidgetConfig } from '@omnichannel/contracts';
import { createVisitor, createWorld } from '../../../test/factories';
import { expectError, http } from '../../../test/http';
import { connectVisitor, request } from '../../../test/sockets';
import { useTestApp } from '../../../test/test-app';

describe('widget endpoints (issue #2 item 7, bad input)', () => {
  const t = useTestApp({ config: { WIDGET_SESSION_RATE_LIMIT: 5 } });


  it('config answers any origin for a known key, and 404 WIDGET_KEY_UNKNOWN for an unknown one', async () => {
    const { key } = await createWorld(t);
    const known = await http<WidgetConfig>(t.url, 'GET', `/api/widget/config?key=${key}`, { headers: { origin: 'https://any.example' } });
    expect(known.status).toBe(200);
    expect(known.body).toEqual({ key, title: 'Test site', position: 'right' });
    expect(known.headers.get('access-control-allow-origin')).toBe('*');
    const unknown = await http(t.url, 'GET', '/api/widget/config?key=nope');
    expectError(unknown, 404, 'WIDGET_KEY_UNKNOWN');
    expect(unknown.headers.get('access-control-allow-origin')).toBe('*');
    expectError(await http(t.url, 'GET', '/api/widget/config?key=%3Cscript%3E'), 400, 'VALIDATION_FAILED');
  });

  it('a session is minted by the server: a 256-bit token, stored only as a hash', async () => {
    const { key } = await createWorld(t);
    const session = await createVisitor(t, key);
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.visitor).toMatchObject({ name: null, email: null });
    const rows = await t.dataSource.query<{ token_hash: string }[]>('SELECT token_hash FROM visitor_sessions');
    expect(rows.some((r) => r.token_hash === session.token)).toBe(false);
    expectError(await http(t.url, 'POST', '/api/widget/sessions', { body: { key: 'unknown-key' } }), 404, 'WIDGET_KEY_UNKNOWN');
  });

  it('the visitor gives a name and email (and may clear them); bad emails are refused', async () => {
    const { key } = await createWorld(t);
    const session = await createVisitor(t, key);
    const updated = await http(t.url, 'PATCH', '/api/widget/visitor', { token: session.token, body: { name: 'Ivan', email: 'Ivan@Example.com' } });
    expect(updated.body).toMatchObject({ name: 'Ivan', email: 'ivan@example.com' });
    expectError(await http(t.url, 'PATCH', '/api/widget/visitor', { token: session.token, body: { email: 'nope' } }), 400, 'VALIDATION_FAILED');
    expectError(await http(t.url, 'PATCH', '/api/widget/visitor', { token: session.token, body: { isAdmin: true } }), 400, 'VALIDATION_FAILED');
    const cleared = await http(t.url, 'PATCH', '/api/widget/visitor', { token: session.token, body: { email: '' } });
    expect(cleared.body).toMatchObject({ name: 'Ivan', email: null });
    const state = await http<VisitorState>(t.url, 'GET', '/api/widget/state', { token: session.token });
    expect(state.body).toEqual({ visitor: { id: session.visitor.id, name: 'Ivan', email: null }, conversation: null, messages: [], hasMore: false });
  });

  it('visitor routes need the bearer token; it is never accepted in the URL', async () => {
    const { key } = await createWorld(t);
    const session = await createVisitor(t, key);
    expectError(await http(t.url, 'GET', '/api/widget/state'), 401, 'UNAUTHENTICATED');
    expectError(await http(t.url, 'GET', `/api/widget/state?token=${session.token}`), 401, 'UNAUTHENTICATED');
    expectError(await http(t.url, 'GET', '/api/widget/state', { token: 'x'.repeat(43) }), 401, 'UNAUTHENTICATED');
  });

  it('rate-limits new visitor sessions per address', async () => {
    const { key } = await createWorld(t);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await http<VisitorSession>(t.url, 'POST', '/api/widget/sessions', { body: { key } })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});

describe('one message budget per visitor, whatever carries the messages (issue #10 point 6, Q-3)', () => {
  const t = useTestApp({ config: { VISITOR_MESSAGE_RATE_LIMIT: 5, VISITOR_MESSAGE_RATE_WINDOW_SECONDS: 60 } });

  const storedMessages = async (clientId: string) =>
    Number((await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM messages WHERE author_client_id = $1', [clientId]))[0]?.n);

  it('a visitor flooding POST /api/widget/messages gets 429 RATE_LIMITED with a retry time after the limit, and nothing more is stored (issue #10 point 6)', async () => {
    const { key } = await createWorld(t);
    const visitor = await createVisitor(t, key);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => http<ApiError>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: `flood ${i}`, clientMsgId: randomUUID() } })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(7);
    for (const answer of refused) {
      expectError(answer, 429, 'RATE_LIMITED');
      const retryAfter = (answer.body.details as { retryAfter: number }).retryAfter;
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(answer.headers.get('retry-after')).toBe(String(retryAfter));
    }
    expect(await storedMessages(visitor.visitor.id)).toBe(5);
    // Another visitor has a budget of their own.
    const other = await createVisitor(t, key);
    expect((await http(t.url, 'POST', '/api/widget/messages', { token: other.token, body: { body: 'hi', clientMsgId: randomUUID() } })).status).toBe(201);
  });

  it('four sockets and REST with one visitor token share one budget (issue #10 point 6)', async () => {
    const { key } = await createWorld(t);
    const visitor = await createVisitor(t, key);
    const sockets = await Promise.all(Array.from({ length: 4 }, () => connectVisitor(t.url, visitor.token)));
    t.sockets.push(...sockets);
    const acks: Ack<VisitorMessage>[] = await Promise.all(
      Array.from({ length: 12 }, (_, i) => request<VisitorMessage>(sockets[i % 4] as (typeof sockets)[number], 'visitor:send', { body: `socket ${i}`, clientMsgId: randomUUID() })),
    );
    expect(acks.filter((a) => a.ok)).toHaveLength(5);
    for (const ack of acks.filter((a) => !a.ok)) {
      expect(ack).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retryAfter: expect.any(Number) as number } } });
    }
    expectError(await http(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'and REST', clientMsgId: randomUUID() } }), 429, 'RATE_LIMITED');
    expect(await storedMessages(visitor.visitor.id)).toBe(5);
  });
});
