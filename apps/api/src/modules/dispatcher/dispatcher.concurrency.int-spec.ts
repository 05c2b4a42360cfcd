import { randomUUID } from 'node:crypto';
import type { VisitorMessage } from '@omnichannel/contracts';
import fc from 'fast-check';
import { authAs, createDepartment, createGroup, createVisitor, createWidgetChannel, ROLE_PERMISSIONS } from '../../../test/factories';
import { http } from '../../../test/http';
import { resetDatabase, startTestApp, type TestApp } from '../../../test/test-app';

const DEFAULT_LIMIT = 2;

type Op =
  | { type: 'arrive'; via: number }
  | { type: 'complete'; pick: number; via: number }
  | { type: 'status'; who: number; to: 'online' | 'away'; via: number }
  | { type: 'raise'; who: number; via: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ type: fc.constant('arrive' as const), via: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('complete' as const), pick: fc.nat(50), via: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('status' as const), who: fc.nat(5), to: fc.constantFrom('online' as const, 'away' as const), via: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('raise' as const), who: fc.nat(5), via: fc.nat(1) }) },
);

/**
 * DSP-7: the dispatcher's guarantees hold under concurrency across two API instances. fast-check fires
 * batches of simultaneous arrivals, completions, status changes and limit raises, alternating instances,
 * and after each batch checks: nobody above their limit; no request assigned twice; nobody waits while
 * an online operator has room; nobody who waited was overtaken by a later arrival.
 */
describe('dispatcher under concurrency, two instances (DSP-7)', () => {
  let apps: TestApp[];

  beforeAll(async () => {
    // Without Redis: the guarantees live in PostgreSQL alone (and the many visitor sessions of this test
    // must not fill the shared rate-limit counters other tests read).
    const overrides = { DISPATCH_SWEEP_MS: 600_000, WIDGET_SESSION_RATE_LIMIT: 100_000 };
    apps = [await startTestApp(overrides), await startTestApp(overrides)];
  }, 60_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
  }, 30_000);

  it('never above a limit, never one request to two operators, every request assigned once capacity exists, queue order kept', async () => {
    const [a] = apps as [TestApp, TestApp];
    let runs = 0;
    let operations = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(opArb, { minLength: 1, maxLength: 10 }), { minLength: 2, maxLength: 5 }), async (batches) => {
        runs++;
        await resetDatabase(a.dataSource);
        const department = await createDepartment(a);
        const channel = await createWidgetChannel(a, department.id);
        const group = await createGroup(a, ROLE_PERMISSIONS.operator, 'Pool');
        const admin = await authAs(a, 'admin', { departments: [department.id] });
        await http(a.url, 'PATCH', '/api/settings/omni', { cookie: admin.cookie, body: { defaultChatLimit: DEFAULT_LIMIT } });
        const operators: Awaited<ReturnType<typeof authAs>>[] = [];
        for (let i = 0; i < 6; i++) {
          const op = await authAs(a, 'operator', { name: `Op ${i}`, departments: [department.id] });
          await a.dataSource.query('INSERT INTO employee_groups (employee_id, group_id) VALUES ($1, $2)', [op.id, group.id]);
          if (i % 2 === 0) await http(a.url, 'PUT', '/api/omni/presence/me', { cookie: op.cookie, body: { status: 'online' } });
          operators.push(op);
        }
        await http(a.url, 'POST', '/api/omni/rules', {
          cookie: admin.cookie,
          body: { name: 'Pool', trigger: { type: 'ticket.created' }, actions: [{ type: 'assign', groupId: group.id, strategy: 'least-busy', preferPrevious: false }] },
        });
        const batchOf = new Map<string, number>();

        for (const [index, batch] of batches.entries()) {
          const live = await a.dataSource.query<{ id: string; executor_id: string }[]>('SELECT id, executor_id FROM tickets WHERE live AND executor_id IS NOT NULL ORDER BY number');
          await Promise.all(
            batch.map(async (op) => {
              operations++;
              const app = apps[op.via] as TestApp;
              switch (op.type) {
                case 'arrive': {
                  const visitor = await createVisitor(app, channel.publicKey as string);
                  const sent = await http<VisitorMessage>(app.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'hi', clientMsgId: randomUUID() } });
                  batchOf.set(sent.body.ticketId, index);
                  return;
                }
                case 'complete': {
                  const ticket = live[op.pick % Math.max(live.length, 1)];
                  const owner = operators.find((o) => o.id === ticket?.executor_id);
                  if (ticket && owner) await http(app.url, 'POST', `/api/tickets/${ticket.id}/complete`, { cookie: owner.cookie, body: {} });
                  return;
                }
                case 'status': {
                  const who = operators[op.who % operators.length];
                  if (who) await http(app.url, 'PUT', '/api/omni/presence/me', { cookie: who.cookie, body: { status: op.to } });
                  return;
                }
                case 'raise': {
                  const who = operators[op.who % operators.length];
                  if (!who) return;
                  const [row] = await app.dataSource.query<{ chat_limit: number | null }[]>('SELECT chat_limit FROM employees WHERE id = $1', [who.id]);
                  const next = Math.min((row?.chat_limit ?? DEFAULT_LIMIT) + 1, 5);
                  await http(app.url, 'PUT', `/api/omni/operators/${who.id}/limit`, { cookie: admin.cookie, body: { chatLimit: next } });
                  return;
                }
              }
            }),
          );
          await settled(a, [...batchOf.keys()]);
          await checkInvariants(a, batchOf);
        }
      }),
      { numRuns: 6, endOnFailure: true },
    );
    console.log(`dispatcher property: ${runs} runs, ${operations} concurrent operations over 2 instances, 0 violations`);
  }, 300_000);
});

/** Every arrival has been through the rules: assigned or waiting in the queue. */
async function settled(t: TestApp, ticketIds: string[]): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const [row] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1::uuid[]) AND live AND executor_id IS NULL AND queued_at IS NULL`,
      [ticketIds],
    );
    if (row?.n === 0) return;
    if (Date.now() > deadline) throw new Error(`${row?.n} arrivals were neither assigned nor queued`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function checkInvariants(t: TestApp, batchOf: Map<string, number>): Promise<void> {
  const q = <T>(sql: string, params: unknown[] = []) => t.dataSource.query<T[]>(sql, params);
  // The counter the limit is enforced on matches the truth, and nobody is above their limit.
  const drift = await q<{ id: string }>(`SELECT e.id FROM employees e WHERE e.active_chats <> (SELECT count(*) FROM tickets t WHERE t.executor_id = e.id AND t.live)`);
  expect(drift).toEqual([]);
  const over = await q<{ name: string; n: number; lim: number }>(
    `SELECT e.name, e.active_chats AS n, COALESCE(e.chat_limit, $1) AS lim FROM employees e WHERE e.active_chats > COALESCE(e.chat_limit, $1)`,
    [DEFAULT_LIMIT],
  );
  expect(over).toEqual([]);
  // One request, one assignment.
  const twice = await q<{ ticket_id: string }>(
    `SELECT ticket_id FROM messages WHERE kind = 'system' AND event->>'type' = 'ticket.assigned' GROUP BY ticket_id HAVING count(*) > 1`,
  );
  expect(twice).toEqual([]);
  // Nobody waits while someone online has room (event-driven: allow the last events a moment to land).
  const deadline = Date.now() + 3000;
  for (;;) {
    const [stuck] = await q<{ waiting: number; room: number }>(
      `SELECT (SELECT count(*)::int FROM tickets WHERE live AND executor_id IS NULL AND queued_at IS NOT NULL) AS waiting,
              (SELECT count(*)::int FROM employees e WHERE e.status = 'online' AND e.active_chats < COALESCE(e.chat_limit, $1)
                 AND EXISTS (SELECT 1 FROM employee_groups eg JOIN groups g ON g.id = eg.group_id WHERE eg.employee_id = e.id AND g.name = 'Pool')) AS room`,
      [DEFAULT_LIMIT],
    );
    if (!stuck || stuck.waiting === 0 || stuck.room === 0) break;
    if (Date.now() > deadline) throw new Error(`${stuck.waiting} requests wait while ${stuck.room} online operators have room`);
    await new Promise((r) => setTimeout(r, 20));
  }
  // Queue order: no request still waiting arrived in an earlier batch than one the dispatcher assigned.
  const waiting = await q<{ id: string }>(`SELECT id FROM tickets WHERE live AND executor_id IS NULL AND queued_at IS NOT NULL`);
  const assigned = await q<{ ticket_id: string }>(`SELECT DISTINCT ticket_id FROM messages WHERE kind = 'system' AND event->>'type' = 'ticket.assigned'`);
  const oldestWaiting = Math.min(...waiting.map((w) => batchOf.get(w.id) ?? Infinity));
  const overtakers = assigned.filter((r) => (batchOf.get(r.ticket_id) ?? -1) > oldestWaiting);
  expect(overtakers).toEqual([]);
}
