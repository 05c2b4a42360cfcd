import { randomUUID } from 'node:crypto';
import { domainEventDataSchemas, type DomainEventType, type DispatchRule, type DispatchRuleInput, type VisitorMessage } from '@omnichannel/contracts';
import { Client } from 'pg';
import { authAs, createDepartment, createVisitor, createWorld } from '../../test/factories';
import { http } from '../../test/http';
import { resetDatabase, startTestApp, type TestApp } from '../../test/test-app';
import { EventConsumers } from './event-consumers';
import { EventLog } from './event-log';

interface LoggedEvent {
  id: string;
  tx_id: string;
  type: DomainEventType;
  actor: { type: string };
  data: Record<string, unknown>;
}

async function eventsOf(t: TestApp, ticketId: string): Promise<LoggedEvent[]> {
  return t.dataSource.query<LoggedEvent[]>('SELECT id, tx_id, type, actor, data FROM domain_events WHERE ticket_id = $1 ORDER BY tx_id, id', [ticketId]);
}

async function writes(t: TestApp, key: string, body = 'Hello, I need help') {
  const visitor = await createVisitor(t, key);
  const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body, clientMsgId: randomUUID() } });
  expect(sent.status).toBe(201);
  return { visitor, ticketId: sent.body.ticketId };
}

async function createRule(t: TestApp, cookie: string, input: DispatchRuleInput): Promise<DispatchRule> {
  const created = await http<DispatchRule>(t.url, 'POST', '/api/omni/rules', { cookie, body: input });
  expect(created.status).toBe(201);
  return created.body;
}

async function comments(t: TestApp, ticketId: string, body: string): Promise<number> {
  const [row] = await t.dataSource.query<{ n: number }[]>("SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND kind = 'comment' AND body = $2", [
    ticketId,
    body,
  ]);
  return row?.n ?? 0;
}

describe('the durable event log (issue #9)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ DISPATCH_SWEEP_MS: 600_000, WIDGET_SESSION_RATE_LIMIT: 10_000 });
    await resetDatabase(t.dataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  it('every ticket command appends its typed, past-tense events in the transaction of the change', async () => {
    const w = await createWorld(t);
    const other = await createDepartment(t, 'Second line');
    const olga = await authAs(t, 'operator', { name: 'Olga', departments: [w.department.id] });
    const boris = await authAs(t, 'operator', { name: 'Boris', departments: [w.department.id, other.id] });
    const { ticketId } = await writes(t, w.key);
    const cookie = olga.cookie;
    const ok = (status: number) => expect([200, 201]).toContain(status);
    ok((await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie })).status);
    ok((await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie, body: { kind: 'reply', body: 'Hello!' } })).status);
    ok((await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie, body: { kind: 'comment', body: 'VIP' } })).status);
    ok((await http(t.url, 'POST', `/api/tickets/${ticketId}/status`, { cookie, body: { status: 'waiting' } })).status);
    ok((await http(t.url, 'POST', `/api/tickets/${ticketId}/transfer`, { cookie, body: { departmentId: other.id, employeeId: boris.id } })).status);
    ok((await http(t.url, 'POST', `/api/tickets/${ticketId}/complete`, { cookie: boris.cookie, body: { asTicket: true } })).status);
    ok((await http(t.url, 'POST', `/api/tickets/${ticketId}/status`, { cookie: boris.cookie, body: { status: 'completed' } })).status);
    ok((await http(t.url, 'POST', `/api/tickets/${ticketId}/status`, { cookie: boris.cookie, body: { status: 'open' } })).status);
    await t.get(EventConsumers).settled();

    const all = await eventsOf(t, ticketId);
    // SLA stamping is itself a consumer of ticket.created, so its event lands whenever it ran.
    expect(all.filter((e) => e.type === 'ticket.deadlines_set')).toHaveLength(1);
    const events = all.filter((e) => e.type !== 'ticket.deadlines_set');
    expect(events.map((e) => e.type)).toEqual([
      'ticket.created',
      'message.created',
      'ticket.assigned',
      'message.created',
      'message.created',
      'ticket.status_changed',
      'ticket.transferred',
      'ticket.completed',
      'ticket.status_changed',
      'ticket.status_changed',
      'ticket.reopened',
    ]);
    for (const e of all) expect(() => domainEventDataSchemas[e.type].parse(e.data)).not.toThrow();
    expect(events[0]?.actor).toMatchObject({ type: 'client' });
    expect(events[2]).toMatchObject({ actor: { type: 'employee', id: olga.id }, data: { executorId: olga.id, previousExecutorId: null } });
    expect(events[6]?.data).toMatchObject({ fromDepartmentId: w.department.id, toDepartmentId: other.id, fromExecutorId: olga.id, toExecutorId: boris.id });
    expect(events[7]?.data).toMatchObject({ keptOpen: true });
    expect(events.map((e) => e.data.kind).filter(Boolean)).toEqual(['client', 'reply', 'comment']);
    // Ids only grow within the order consumers read (transaction, then id).
    const ids = all.map((e) => BigInt(e.id));
    expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0n))).toBe(true);
  });

  it('a refused command writes no event', async () => {
    const w = await createWorld(t);
    const olga = await authAs(t, 'operator', { name: 'Olga', departments: [w.department.id] });
    const { ticketId } = await writes(t, w.key);
    await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie: olga.cookie });
    await t.get(EventConsumers).settled();
    const before = (await eventsOf(t, ticketId)).length;
    const refused = await http(t.url, 'POST', `/api/tickets/${ticketId}/status`, { cookie: olga.cookie, body: { status: 'completed' } });
    expect(refused.status).toBe(409);
    await t.get(EventConsumers).settled();
    expect(await eventsOf(t, ticketId)).toHaveLength(before);
  });

  it('consumers never skip an event that an older transaction commits after a newer one', async () => {
    const log = t.get(EventLog);
    const [end] = await t.dataSource.query<{ tx_id: string; id: string }[]>('SELECT tx_id::text, id::text FROM domain_events ORDER BY tx_id DESC, id DESC LIMIT 1');
    const from = { txId: end?.tx_id ?? '0', eventId: end?.id ?? '0' };
    const slow = new Client({ connectionString: t.config.databaseUrl });
    const quick = new Client({ connectionString: t.config.databaseUrl });
    await Promise.all([slow.connect(), quick.connect()]);
    try {
      const insert = `INSERT INTO domain_events (type, actor, data) VALUES ('ticket.reopened', '{"type":"system","reason":"test"}', $1)`;
      await slow.query('BEGIN');
      await slow.query(insert, [JSON.stringify({ probe: 'slow' })]);
      await quick.query(insert, [JSON.stringify({ probe: 'quick' })]);
      // The quick one is committed, but an older transaction that may still add events is running.
      const meanwhile = await log.readAfter(t.dataSource.manager, from, 100);
      expect(meanwhile.events.map((e) => e.data)).not.toContainEqual({ probe: 'quick' });
      expect(meanwhile.held).toBe(true);
      // A reader that waits only for other types is not told to look again, and is handed nothing past the horizon either.
      const passingOver = await log.readAfter(t.dataSource.manager, from, 100, ['ticket.reopened'], ['ticket.created']);
      expect(passingOver.held).toBe(false);
      expect(passingOver.events.map((e) => e.data)).not.toContainEqual({ probe: 'quick' });
      await slow.query('COMMIT');
      const after = await log.readAfter(t.dataSource.manager, from, 100);
      expect(after.events.map((e) => e.data).filter((d) => 'probe' in d)).toEqual([{ probe: 'slow' }, { probe: 'quick' }]);
    } finally {
      await Promise.all([slow.end(), quick.end()]);
    }
  });

  it('a ticket change committed while no consumer ran (the process died after the commit) fires its rule once, after a restart', async () => {
    const w = await createWorld(t);
    const admin = await authAs(t, 'admin', { departments: [w.department.id] });
    await createRule(t, admin.cookie, { name: 'Night check', trigger: { type: 'ticket.created' }, actions: [{ type: 'add-comment', body: 'Checked by the night rule' }] });
    // Only the instance started below may read the log from now on.
    await t.close();

    // This instance commits the ticket, but its consumers never run: they are off, as if it died at once.
    const dying = await startTestApp({ EVENT_CONSUMERS: false, WIDGET_SESSION_RATE_LIMIT: 10_000 });
    const { ticketId } = await writes(dying, w.key);
    await new Promise((r) => setTimeout(r, 300));
    expect(await comments(dying, ticketId, 'Checked by the night rule')).toBe(0);
    await dying.close();

    // The next instance finds the event after its consumer's cursor and runs the rule, once.
    t = await startTestApp({ DISPATCH_SWEEP_MS: 600_000, WIDGET_SESSION_RATE_LIMIT: 10_000 });
    await t.get(EventConsumers).settled();
    expect(await comments(t, ticketId, 'Checked by the night rule')).toBe(1);

    // Its cursor moved in the transaction of the rule's comment: a further restart does not run it again.
    await t.close();
    t = await startTestApp({ DISPATCH_SWEEP_MS: 600_000, WIDGET_SESSION_RATE_LIMIT: 10_000 });
    await t.get(EventConsumers).settled();
    expect(await comments(t, ticketId, 'Checked by the night rule')).toBe(1);
  });

  it('a consumer killed in the middle of its batch does the batch again: what the rule wrote commits once', async () => {
    const w = await createWorld(t);
    const admin = await authAs(t, 'admin', { departments: [w.department.id] });
    const template = await http<{ id: string }>(t.url, 'POST', '/api/templates', {
      cookie: admin.cookie,
      body: { title: 'Greeting', tags: ['hello'], body: 'Hello {client.name}, we are on it.' },
    });
    expect(template.status).toBe(201);
    await createRule(t, admin.cookie, {
      name: 'Greet',
      trigger: { type: 'ticket.created' },
      actions: [
        { type: 'add-comment', body: 'Greeted by the rule' },
        { type: 'send-template', templateId: template.body.id },
      ],
    });
    await t.get(EventConsumers).settled();

    // Hold the attachments table against writes: the rule's template reply waits on it (it copies the
    // template's files) after its comment was written. SHARE mode gives the holder no transaction id, so
    // it does not hold back the log's horizon.
    const blocker = new Client({ connectionString: t.config.databaseUrl });
    await blocker.connect();
    let ticketId = '';
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE attachments IN SHARE MODE');
      ticketId = (await writes(t, w.key)).ticketId;
      // The wait happens while the statement is parsed, so pg_locks (not the activity's query text) shows it.
      const waiting = await waitFor('the rule to wait on the attachments', async () => {
        const rows = await blocker.query<{ pid: number }>(
          `SELECT l.pid FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
            WHERE NOT l.granted AND c.relname = 'attachments' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        return rows.rows[0]?.pid;
      });
      const kill = await blocker.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [waiting]);
      expect(kill.rows[0]?.ok).toBe(true);
    } finally {
      await blocker.query('COMMIT');
      await blocker.end();
    }
    // The consumer tries again (its transaction was rolled back whole) and completes the batch.
    const replies = await waitFor('the template reply', async () => {
      const [row] = await t.dataSource.query<{ n: number }[]>("SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND kind = 'reply'", [ticketId]);
      return row && row.n > 0 ? row.n : undefined;
    });
    await t.get(EventConsumers).settled();
    expect(replies).toBe(1);
    expect(await comments(t, ticketId, 'Greeted by the rule')).toBe(1);
  });
});

async function waitFor<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
