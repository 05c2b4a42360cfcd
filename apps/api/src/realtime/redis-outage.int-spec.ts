import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Message, MessagePage, VisitorMessage, VisitorSyncResponse } from '@omnichannel/contracts';
import { Redis } from 'ioredis';
import { authAsOperator, createVisitor, createWorld } from '../../test/factories';
import { http } from '../../test/http';
import { connectEmployee, connectVisitor, nextEvent, request, type TestSocket } from '../../test/sockets';
import { resetDatabase, startTestApp, type TestApp } from '../../test/test-app';
import { freePort } from '../../test/net';


/** A Redis of this test's own, so stopping it disturbs nobody else. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  child.once('error', () => undefined);
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  for (let i = 0; i < 50; i++) {
    if (await probe.connect().then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (probe.status !== 'ready') throw new Error('This test starts its own redis-server (from the machine\'s Redis package), and it did not start');
  await probe.quit();
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

const until = async (what: string, check: () => Promise<boolean> | boolean, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * Issue #16, fault 4: Redis killed while two instances serve a conversation across them. Nothing crashes,
 * health says "degraded", messages and replies published meanwhile are not lost: when Redis is back every
 * socket is told to resync and catches up from the database, and a reply that could not cross instances
 * is not called "sent". Clients here behave as the widget and the SPA do (merge by id, sync on
 * `sync:required`).
 */
describe('a Redis outage under two instances (issue #16)', () => {
  let redis: ChildProcess;
  let port: number;
  let a: TestApp;
  let b: TestApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const url = `redis://127.0.0.1:${port}`;
    a = await startTestApp({ REDIS_URL: url, WIDGET_SESSION_RATE_LIMIT: 1_000_000 });
    b = await startTestApp({ REDIS_URL: url, WIDGET_SESSION_RATE_LIMIT: 1_000_000 });
    await resetDatabase(a.dataSource);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await a.close();
    await b.close();
    if (redis.exitCode === null) await stopRedis(redis);
  });

  it('every message and reply sent while Redis was away arrives exactly once after it is back; none is called sent before', async () => {
    const { key, department } = await createWorld(a);
    const operator = await authAsOperator(b, 'Bea', [department.id]);
    const visitor = await createVisitor(a, key);
    const vs = await connectVisitor(a.url, visitor.token);
    const op = await connectEmployee(b.url, operator.cookie);
    sockets.push(vs, op);

    // What each side holds, merged by id as the widget and the SPA do.
    const visitorHolds = new Map<string, VisitorMessage>();
    const operatorHolds = new Map<string, Message>();
    let visitorEvents = 0;
    let operatorEvents = 0;
    (vs as unknown as { on(e: string, h: (m: VisitorMessage, ack?: () => void) => void): void }).on('visitor:message', (m, ack) => {
      visitorEvents++;
      visitorHolds.set(m.id, m);
      ack?.();
    });
    op.on('message:created', (m) => {
      operatorEvents++;
      operatorHolds.set(m.id, m);
    });

    const first = await request<VisitorMessage>(vs, 'visitor:send', { body: 'before', clientMsgId: randomUUID() });
    if (!first.ok) throw new Error('send failed');
    const ticketId = first.data.ticketId;
    await http(b.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie: operator.cookie });
    await request(op, 'ticket:watch', { ticketId });
    // The SPA opens the conversation with its history, then follows it live.
    const opened = await http<MessagePage>(b.url, 'GET', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie });
    for (const m of opened.body.items) operatorHolds.set(m.id, m);
    const resyncs = { visitor: 0, operator: 0 };
    vs.on('sync:required', () => {
      resyncs.visitor++;
      const newest = Math.max(0, ...[...visitorHolds.values()].map((m) => m.seq));
      void request<VisitorSyncResponse>(vs, 'visitor:sync', { ticketId, afterSeq: newest }).then((ack) => {
        if (ack.ok) for (const m of ack.data.messages) visitorHolds.set(m.id, m);
      });
    });
    op.on('sync:required', () => {
      resyncs.operator++;
      // As the SPA's catch-up: after the unbroken run of what it holds (a hole is fetched, not skipped).
      const seqs = [...operatorHolds.values()].map((m) => m.seq).sort((x, y) => x - y);
      let expected = seqs[0] ?? 1;
      for (const seq of seqs) {
        if (seq > expected) break;
        expected = seq + 1;
      }
      const resumeAt = expected - 1;
      void http<MessagePage>(b.url, 'GET', `/api/tickets/${ticketId}/messages?afterSeq=${resumeAt}&limit=200`, { cookie: operator.cookie }).then((page) => {
        for (const m of page.body.items) operatorHolds.set(m.id, m);
      });
    });

    await stopRedis(redis);
    await until('health to say degraded', async () => (await http<{ status: string }>(a.url, 'GET', '/api/health')).body.status === 'degraded');
    expect((await http<{ status: string; redis: string }>(b.url, 'GET', '/api/health')).body).toEqual({ status: 'degraded', redis: 'down' });

    // While Redis is away: the visitor (on A) writes, the operator (on B) replies.
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      const ack = await request<VisitorMessage>(vs, 'visitor:send', { body: `during ${i}`, clientMsgId: randomUUID() });
      if (!ack.ok) throw new Error(`send during the outage failed: ${JSON.stringify(ack)}`);
      sent.push(ack.data.id);
    }
    const replies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reply = await http<Message>(b.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie, body: { kind: 'reply', body: `reply ${i}` } });
      expect(reply.status).toBe(201);
      replies.push(reply.body.id);
    }
    // A reply that reached no socket of the visitor is not "sent".
    await new Promise((r) => setTimeout(r, 1000));
    const claimed = await a.dataSource.query<{ id: string }[]>(`SELECT id FROM messages WHERE id = ANY($1::uuid[]) AND delivery_state = 'sent'`, [replies]);
    const reachedVisitor = new Set([...visitorHolds.keys()]);
    expect(claimed.filter((r) => !reachedVisitor.has(r.id))).toEqual([]);

    redis = await startRedis(port);
    await until('both sockets to be told to resync', () => resyncs.visitor > 0 && resyncs.operator > 0);
    await until('every message and reply to arrive', () => sent.every((id) => operatorHolds.has(id)) && replies.every((id) => visitorHolds.has(id))).catch((error: unknown) => {
      throw new Error(
        `${String(error)}: the operator misses ${sent.filter((id) => !operatorHolds.has(id)).length} of ${sent.length}, the visitor ${replies.filter((id) => !visitorHolds.has(id)).length} of ${replies.length} (resyncs ${JSON.stringify(resyncs)})`,
      );
    });
    await until('health to recover', async () => (await http<{ status: string }>(a.url, 'GET', '/api/health')).body.status === 'ok');

    // Stored once each; the visitor's receipts move every reply on from queued.
    const [stored] = await a.dataSource.query<{ n: number; distinct_ids: number }[]>(
      `SELECT count(*)::int AS n, count(DISTINCT client_msg_id)::int AS distinct_ids FROM messages WHERE ticket_id = $1 AND kind = 'client'`,
      [ticketId],
    );
    await request(vs, 'visitor:receipt', { messageIds: replies, read: false });
    await until('replies to be delivered', async () => {
      const rows = await a.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM messages WHERE id = ANY($1::uuid[]) AND delivery_state = 'delivered'`, [replies]);
      return rows[0]?.n === replies.length;
    });
    const lost = sent.filter((id) => !operatorHolds.has(id)).length + replies.filter((id) => !visitorHolds.has(id)).length;
    process.stdout.write(
      `\nRedis outage: acknowledged ${sent.length + 1} visitor messages, stored ${stored?.n} (${stored?.distinct_ids} distinct), replies ${replies.length}, ` +
        `lost ${lost}, duplicated ${(stored?.n ?? 0) - (stored?.distinct_ids ?? 0)}; live events seen: visitor ${visitorEvents}, operator ${operatorEvents}; resyncs: visitor ${resyncs.visitor}, operator ${resyncs.operator}\n`,
    );
    expect(lost).toBe(0);
    expect(stored?.n).toBe(stored?.distinct_ids);
    expect(stored?.n).toBe(sent.length + 1);
  });

  it('the instances carry on across instances once Redis is back', async () => {
    const { key, department } = await createWorld(a);
    const operator = await authAsOperator(b, 'Bea', [department.id]);
    const visitor = await createVisitor(a, key);
    const op = await connectEmployee(b.url, operator.cookie);
    const vs = await connectVisitor(a.url, visitor.token);
    sockets.push(op, vs);
    const onB = nextEvent(op, 'ticket:upserted', (tk) => tk.lastMessage?.body === 'after the outage');
    await request(vs, 'visitor:send', { body: 'after the outage', clientMsgId: randomUUID() });
    await onB;
  });
});
