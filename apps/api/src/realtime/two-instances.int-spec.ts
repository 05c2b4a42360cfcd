import { randomUUID } from 'node:crypto';
import type { VisitorMessage } from '@omnichannel/contracts';
import { Redis } from 'ioredis';
import { authAsOperator, createDepartment, createVisitor, createWorld } from '../../test/factories';
import { http } from '../../test/http';
import { collect, connectEmployee, connectVisitor, nextEvent, request, type TestSocket } from '../../test/sockets';
import { resetDatabase, startTestApp, type TestApp } from '../../test/test-app';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Q-2: two API processes' worth of instances (separate Nest apps, sockets, queues and Redis clients) on
 * one PostgreSQL and one Redis behave as one product.
 */
describe('two API instances with the socket.io Redis adapter (Q-2)', () => {
  let a: TestApp;
  let b: TestApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    await probe.connect().catch((error: unknown) => {
      throw new Error(`This test needs Redis at ${REDIS_URL} (set TEST_REDIS_URL): ${String(error)}`);
    });
    await probe.quit();
    // The new-visitor limit counts per address in Redis for an hour, across runs on the same machine: this
    // suite's visitors must not use up what the next run (or CI after a local run) gets.
    a = await startTestApp({ REDIS_URL, WIDGET_SESSION_RATE_LIMIT: 1_000_000 });
    b = await startTestApp({ REDIS_URL, WIDGET_SESSION_RATE_LIMIT: 1_000_000 });
    await resetDatabase(a.dataSource);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await a.close();
    await b.close();
  });

  it('a visitor on instance A reaches an operator on instance B, and B\'s reply reaches the visitor on A', async () => {
    const { key, department } = await createWorld(a);
    const operator = await authAsOperator(b, 'Bea', [department.id]);
    const visitor = await createVisitor(a, key);
    const op = await connectEmployee(b.url, operator.cookie);
    const vs = await connectVisitor(a.url, visitor.token);
    sockets.push(op, vs);

    const onB = nextEvent(op, 'ticket:upserted', (tk) => tk.lastMessage?.body === 'hello from A');
    const ack = await request<VisitorMessage>(vs, 'visitor:send', { body: 'hello from A', clientMsgId: randomUUID() });
    if (!ack.ok) throw new Error('send failed');
    const ticket = await onB;
    expect(ticket.id).toBe(ack.data.ticketId);

    await request(op, 'ticket:watch', { ticketId: ticket.id });
    const followUp = nextEvent(op, 'message:created', (m) => m.body === 'second from A');
    await request(vs, 'visitor:send', { body: 'second from A', clientMsgId: randomUUID() });
    await followUp;

    const onA = nextEvent(vs, 'visitor:message', (m) => m.kind === 'reply');
    await http(b.url, 'POST', `/api/tickets/${ticket.id}/take`, { cookie: operator.cookie });
    await http(b.url, 'POST', `/api/tickets/${ticket.id}/messages`, { cookie: operator.cookie, body: { kind: 'reply', body: 'hello from B' } });
    expect(await onA).toMatchObject({ body: 'hello from B', authorName: 'Bea' });
  });

  it('a transfer on instance A takes the conversation out of the sockets on B of those who no longer see it (PERM-6, issue #10)', async () => {
    const { key, department } = await createWorld(a);
    const other = await createDepartment(a, 'Elsewhere');
    const boris = await authAsOperator(a, 'Boris', [department.id]);
    const vera = await authAsOperator(a, 'Vera', [other.id]);
    const visitor = await createVisitor(a, key);
    const vs = await connectVisitor(a.url, visitor.token);
    const borisOnB = await connectEmployee(b.url, boris.cookie);
    const veraOnB = await connectEmployee(b.url, vera.cookie);
    sockets.push(vs, borisOnB, veraOnB);
    const ack = await request<VisitorMessage>(vs, 'visitor:send', { body: 'hello', clientMsgId: randomUUID() });
    if (!ack.ok) throw new Error('send failed');
    const ticketId = ack.data.ticketId;
    expect(await request(borisOnB, 'ticket:watch', { ticketId })).toMatchObject({ ok: true });
    const borisHears = collect(borisOnB, 'message:created');

    expect((await http(a.url, 'POST', `/api/tickets/${ticketId}/transfer`, { cookie: boris.cookie, body: { departmentId: other.id } })).status).toBe(200);
    expect(await request(veraOnB, 'ticket:watch', { ticketId })).toMatchObject({ ok: true });
    const veraHears = nextEvent(veraOnB, 'message:created', (m) => m.body === 'after the transfer');
    await request(vs, 'visitor:send', { body: 'after the transfer', clientMsgId: randomUUID() });
    await veraHears;
    // (The first message may still be crossing Redis when Boris starts to watch: only what follows counts.)
    expect(borisHears.items.filter((m) => m.body === 'after the transfer')).toEqual([]);
  });

  it('signing out on one instance closes the session\'s socket on the other', async () => {
    const operator = await authAsOperator(a, 'Test Operator');
    const op = await connectEmployee(b.url, operator.cookie);
    sockets.push(op);
    const closed = new Promise((resolve) => op.once('disconnect', resolve));
    await http(a.url, 'POST', '/api/auth/sign-out', { cookie: operator.cookie });
    await closed;
  });

  it('the sign-in rate limit is shared across instances', async () => {
    const email = `${randomUUID()}@test.local`;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const target = i % 2 === 0 ? a : b;
      statuses.push((await http(target.url, 'POST', '/api/auth/sign-in', { body: { email, password: 'wrong-password' } })).status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(a.config.SIGNIN_RATE_LIMIT);
    expect(statuses.slice(a.config.SIGNIN_RATE_LIMIT)).toEqual([429, 429]);
  });

  it('a visitor\'s message budget is one across instances, REST and sockets (issue #10 point 6)', async () => {
    const { key } = await createWorld(a);
    const visitor = await createVisitor(a, key);
    const onA = await connectVisitor(a.url, visitor.token);
    const onB = await connectVisitor(b.url, visitor.token);
    sockets.push(onA, onB);
    const limit = a.config.VISITOR_MESSAGE_RATE_LIMIT;
    const ok: boolean[] = [];
    for (let i = 0; i < limit + 6; i++) {
      const body = { body: `message ${i}`, clientMsgId: randomUUID() };
      if (i % 4 === 0) ok.push((await http(a.url, 'POST', '/api/widget/messages', { token: visitor.token, body })).status === 201);
      else if (i % 4 === 1) ok.push((await http(b.url, 'POST', '/api/widget/messages', { token: visitor.token, body })).status === 201);
      else ok.push((await request(i % 4 === 2 ? onA : onB, 'visitor:send', body)).ok);
    }
    expect(ok.filter(Boolean)).toHaveLength(limit);
    expect(ok.slice(limit)).toEqual([false, false, false, false, false, false]);
  });
});
