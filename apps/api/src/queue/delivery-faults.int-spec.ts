import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Message, VisitorMessage } from '@omnichannel/contracts';
import { Client } from 'pg';
import { authAsOperator, createVisitor, createWorld } from '../../test/factories';
import { http } from '../../test/http';
import { startInstanceProcess, type InstanceProcess } from '../../test/instance-process';
import { connectVisitor } from '../../test/sockets';
import { useTestApp, type SuiteApp } from '../../test/test-app';

const LEASE_SECONDS = 3;
const CONCURRENCY = 4;
const REPLIES = 6;

interface Conversation {
  label: string;
  ticketId: string;
  queue: string;
  cookie: string;
  /** Replies acknowledged by the API (201), in the order they were written. */
  sent: string[];
  /** Replies the visitor's socket received, in order, with when. */
  heard: { body: string; at: number }[];
}

/**
 * Issue #16 point 1: a delivery job whose worker died (SIGKILL) or lost its database connection is taken
 * over within the lease, and the replies queued behind it in its conversation follow, once and in order.
 * Jobs are held at chosen points by the test's own locks (nothing in the product is stubbed): a delivery
 * reads `channels` before it sends, so `LOCK TABLE channels IN ACCESS EXCLUSIVE MODE` holds every job just
 * before its send; a per-conversation queue row held `FOR NO KEY UPDATE` keeps workers from starting that
 * conversation (they skip locked queues) and holds a finishing job in the statement that releases it.
 */
describe('delivery that cannot stick (issue #16 point 1)', () => {
  const t = useTestApp({
    config: {
      WORKER_CONCURRENCY: CONCURRENCY,
      QUEUE_LEASE_SECONDS: LEASE_SECONDS,
      // Nothing but delivery jobs reads `channels` while a test holds it.
      EVENT_CONSUMERS: false,
      DISPATCH_SWEEP_MS: 600_000,
      WIDGET_SESSION_RATE_LIMIT: 10_000,
    },
  });
  const clients: Client[] = [];
  let instance: InstanceProcess | undefined;

  beforeAll(async () => {
    // Earlier suites leave retrying delivery jobs of messages they have since deleted: they would take workers.
    await t.dataSource.query('DELETE FROM graphile_worker._private_jobs WHERE locked_at IS NULL');
  });
  afterEach(async () => {
    await instance?.kill('SIGKILL');
    instance = undefined;
    for (const c of clients.splice(0)) await c.end().catch(() => undefined);
  });

  async function connection(): Promise<Client> {
    const client = new Client({ connectionString: t.config.databaseUrl });
    clients.push(client);
    await client.connect();
    return client;
  }

  it('a reply held by an instance that is SIGKILLed is delivered by another instance within the lease, and the replies behind it follow', async () => {
    const busy = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => conversation(t, `busy-${i}`)));
    const victim = await conversation(t, 'victim');
    const all = [...busy, victim];
    await Promise.all(all.map((c) => warmUp(t, c)));

    const busyQueues = await connection();
    const victimQueue = await connection();
    const channels = await connection();
    await busyQueues.query('BEGIN');
    await holdQueues(busyQueues, busy);
    await victimQueue.query('BEGIN');
    await holdQueues(victimQueue, [victim]);
    for (let i = 1; i <= REPLIES; i++) for (const c of all) await reply(t, c, `${c.label} ${i}`);
    await channels.query('BEGIN');
    await channels.query('LOCK TABLE channels IN ACCESS EXCLUSIVE MODE');
    // Every worker of this instance takes one busy conversation and waits before sending.
    await busyQueues.query('COMMIT');
    await waitFor('this instance to take every busy conversation', async () => ((await lockedQueues(t, busy)) === CONCURRENCY ? true : undefined));

    // The other instance's worker is then the only free one: it takes the victim's first reply.
    instance = await startInstanceProcess(t.config.databaseUrl, {
      WORKER_CONCURRENCY: '1',
      QUEUE_LEASE_SECONDS: String(LEASE_SECONDS),
      EVENT_CONSUMERS: 'false',
      DISPATCH_SWEEP_MS: '600000',
    });
    await victimQueue.query('COMMIT');
    await waitFor('the other instance to take the victim', async () => ((await lockedQueues(t, [victim])) === 1 ? true : undefined));
    await instance.kill('SIGKILL');
    const killedAt = Date.now();
    instance = undefined;
    await channels.query('COMMIT');

    const deadline = (LEASE_SECONDS + 5) * 1000;
    await settle(t, all, deadline);
    const takeover = (victim.heard.find((h) => h.body === 'victim 1')?.at ?? Infinity) - killedAt;
    const counts = await tally(t, all);
    process.stdout.write(
      `\ndelivery after SIGKILL: victim's first reply delivered ${(takeover / 1000).toFixed(1)} s after the kill (lease ${LEASE_SECONDS} s); ` +
        `acknowledged ${counts.acknowledged}, stored ${counts.stored}, delivered ${counts.delivered}, lost ${counts.lost}, duplicated ${counts.duplicated}\n`,
    );
    for (const c of all) expect(c.heard.map((h) => h.body)).toEqual(c.sent);
    expect(counts).toMatchObject({ lost: 0, duplicated: 0, unsent: 0 });
    expect(takeover).toBeLessThan(deadline);
  }, 60_000);

  it("workers whose connections are terminated while they finish their jobs leave nothing locked, and the instance keeps its workers", async () => {
    const all = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => conversation(t, `cut-${i}`)));
    await Promise.all(all.map((c) => warmUp(t, c)));

    const queues = await connection();
    const channels = await connection();
    const finishing = await connection();
    await queues.query('BEGIN');
    await holdQueues(queues, all);
    for (let i = 1; i <= REPLIES; i++) for (const c of all) await reply(t, c, `${c.label} ${i}`);
    await channels.query('BEGIN');
    await channels.query('LOCK TABLE channels IN ACCESS EXCLUSIVE MODE');
    await queues.query('COMMIT');
    await waitFor('every worker to take a conversation', async () => ((await lockedQueues(t, all)) === CONCURRENCY ? true : undefined));
    // The queue rows held again: each job is sent, then waits in the statement that completes it.
    await finishing.query('BEGIN');
    await holdQueues(finishing, all);
    await channels.query('COMMIT');
    // (Read outside the test's transactions: inside one, pg_stat_activity stays as it was first read.)
    const workerActivity = () =>
      t.dataSource.query<{ wait_event_type: string | null; query: string }[]>(
        "SELECT wait_event_type, query FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'omnichannel-worker'",
      );
    await waitFor(
      'every worker to wait while completing its job',
      async () => {
        const completing = (await workerActivity()).filter((a) => a.wait_event_type === 'Lock' && /delete from .*_private_jobs/.test(a.query));
        return completing.length === CONCURRENCY ? true : undefined;
      },
      10_000,
      async () => JSON.stringify((await workerActivity()).map((a) => `${a.wait_event_type ?? '-'}: ${a.query.slice(0, 60)}`)),
    );
    // (The call is in the select list, so it runs only for the rows the filter kept.)
    const terminated = await t.dataSource.query<{ pid: number; ok: boolean }[]>(
      `SELECT pid, pg_terminate_backend(pid) AS ok
         FROM (SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'omnichannel-worker' OFFSET 0) AS workers`,
    );
    expect(terminated.length).toBeGreaterThanOrEqual(CONCURRENCY);
    await finishing.query('COMMIT');

    await settle(t, all, (LEASE_SECONDS + 5) * 1000);
    const counts = await tally(t, all);
    process.stdout.write(
      `\ndelivery after pg_terminate_backend of ${terminated.length} worker connections: ` +
        `acknowledged ${counts.acknowledged}, stored ${counts.stored}, delivered ${counts.delivered}, lost ${counts.lost}, duplicated ${counts.duplicated}\n`,
    );
    for (const c of all) expect(c.heard.map((h) => h.body)).toEqual(c.sent);
    expect(counts).toMatchObject({ lost: 0, duplicated: 0, unsent: 0 });

    // The instance still runs WORKER_CONCURRENCY workers: as many conversations are taken at once again.
    await queues.query('BEGIN');
    await holdQueues(queues, all);
    for (const c of all) await reply(t, c, `${c.label} again`);
    await channels.query('BEGIN');
    await channels.query('LOCK TABLE channels IN ACCESS EXCLUSIVE MODE');
    await queues.query('COMMIT');
    await waitFor('every worker to take a conversation again', async () => ((await lockedQueues(t, all)) === CONCURRENCY ? true : undefined));
    await channels.query('COMMIT');
    await settle(t, all, 10_000);
    for (const c of all) expect(c.heard.map((h) => h.body)).toEqual(c.sent);
    // And they are the ones its heartbeat renews.
    const { rows: renewed } = await finishing.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM queue_workers WHERE instance = $1 AND renewed_at > now() - make_interval(secs => $2)`,
      [`${hostname()}:${process.pid}`, LEASE_SECONDS],
    );
    expect(renewed[0]?.n).toBe(CONCURRENCY);
  }, 60_000);
});

/** A visitor on this instance's socket, their ticket taken by an operator. */
async function conversation(t: SuiteApp, label: string): Promise<Conversation> {
  const { key, department } = await createWorld(t);
  const operator = await authAsOperator(t, `Operator ${label}`, [department.id]);
  const visitor = await createVisitor(t, key);
  const socket = await connectVisitor(t.url, visitor.token);
  t.sockets.push(socket);
  const heard: Conversation['heard'] = [];
  socket.on('visitor:message', (m: VisitorMessage) => {
    if (m.kind === 'reply') heard.push({ body: m.body, at: Date.now() });
  });
  const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'Hello', clientMsgId: randomUUID() } });
  expect(sent.status).toBe(201);
  const ticketId = sent.body.ticketId;
  expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie: operator.cookie })).status).toBe(200);
  return { label, ticketId, queue: `deliver:${ticketId}`, cookie: operator.cookie, sent: [], heard };
}

async function reply(t: SuiteApp, c: Conversation, body: string): Promise<void> {
  const result = await http<Message>(t.url, 'POST', `/api/tickets/${c.ticketId}/messages`, { cookie: c.cookie, body: { kind: 'reply', body } });
  expect(result.status).toBe(201);
  c.sent.push(body);
}

/** A first reply, delivered: the conversation's delivery queue exists from then on. */
async function warmUp(t: SuiteApp, c: Conversation): Promise<void> {
  await reply(t, c, `${c.label} 0`);
  await waitFor(`${c.label}'s first reply`, () => (c.heard.length === 1 ? true : undefined));
}

/** Holds the conversations' queue rows in graphile-worker: no worker starts them, nor completes a job of them. */
async function holdQueues(client: Client, conversations: Conversation[]): Promise<void> {
  const { rowCount } = await client.query('SELECT 1 FROM graphile_worker._private_job_queues WHERE queue_name = ANY($1::text[]) FOR NO KEY UPDATE', [
    conversations.map((c) => c.queue),
  ]);
  expect(rowCount).toBe(conversations.length);
}

/** How many of the conversations have a job a worker holds (graphile-worker's public view). */
async function lockedQueues(t: SuiteApp, conversations: Conversation[]): Promise<number> {
  const [row] = await t.dataSource.query<{ n: number }[]>(
    'SELECT count(DISTINCT queue_name)::int AS n FROM graphile_worker.jobs WHERE queue_name = ANY($1::text[]) AND locked_at IS NOT NULL',
    [conversations.map((c) => c.queue)],
  );
  return row?.n ?? 0;
}

async function tally(t: SuiteApp, conversations: Conversation[]) {
  const acknowledged = conversations.reduce((n, c) => n + c.sent.length, 0);
  const [stored] = await t.dataSource.query<{ n: number; unsent: number }[]>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE delivery_state = 'queued')::int AS unsent
       FROM messages WHERE ticket_id = ANY($1::uuid[]) AND kind = 'reply'`,
    [conversations.map((c) => c.ticketId)],
  );
  const heard = conversations.reduce((n, c) => n + c.heard.length, 0);
  const delivered = conversations.reduce((n, c) => n + new Set(c.heard.map((h) => h.body).filter((b) => c.sent.includes(b))).size, 0);
  return { acknowledged, stored: stored?.n ?? 0, delivered, lost: acknowledged - delivered, duplicated: heard - delivered, unsent: stored?.unsent ?? 0 };
}

/**
 * Waits until every conversation's visitor heard as many replies as were sent and none is still marked
 * queued (the worker marks a reply sent after the visitor's ack, so the mark follows the hearing), or the
 * time is up.
 */
async function settle(t: SuiteApp, conversations: Conversation[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !conversations.every((c) => c.heard.length >= c.sent.length)) await new Promise((r) => setTimeout(r, 25));
  while (Date.now() < deadline && (await tally(t, conversations)).unsent > 0) await new Promise((r) => setTimeout(r, 25));
}

async function waitFor<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000, explain?: () => Promise<string>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}${explain ? `: ${await explain()}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
