import { randomUUID } from 'node:crypto';
import type {
  DepartmentSla,
  DispatchRule,
  DispatchRuleInput,
  DispatchRuleList,
  Message,
  MessagePage,
  OperatorPresence,
  OperatorPresenceList,
  OperatorStatus,
  Template,
  TicketDetail,
  VisitorMessage,
} from '@omnichannel/contracts';
import { authAs, createDepartment, createGroup, createVisitor, createWidgetChannel, ROLE_PERMISSIONS } from '../../../test/factories';
import { expectError, http } from '../../../test/http';
import { connectEmployee, nextEvent } from '../../../test/sockets';
import { useTestApp } from '../../../test/test-app';
import { EventConsumers } from '../../events/event-consumers';
import { DispatchClock } from './dispatch-clock';
import { RulesConsumer } from './rules.consumer';

/**
 * Issue #5 over the API: operator statuses (DSP-1, DSP-2, SET-4), rules (DSP-3), the assign action, its
 * queue and limits (DSP-4, DSP-5), re-assignment (DSP-6) and the module's SLA (SLA-1, SLA-2).
 * The periodic sweep is set to ten minutes here, so everything event-driven is shown to need no polling;
 * time-driven steps call the sweep directly after moving the clock of the rows back.
 */
describe('dispatcher, operator statuses and SLA (issue #5)', () => {
  const t = useTestApp({ config: { DISPATCH_SWEEP_MS: 600_000, WIDGET_SESSION_RATE_LIMIT: 10_000 }, reset: 'each' });


  /** A department with a widget channel, a dispatch group and an administrator. */
  async function world() {
    const department = await createDepartment(t);
    const channel = await createWidgetChannel(t, department.id);
    const group = await createGroup(t, ROLE_PERMISSIONS.operator, 'First line');
    const admin = await authAs(t, 'admin', { name: 'Ada Admin', departments: [department.id] });
    return { department, key: channel.publicKey as string, group, admin };
  }

  async function operator(w: Awaited<ReturnType<typeof world>>, name: string, options: { online?: boolean; limit?: number } = {}) {
    const op = await authAs(t, 'operator', { name, departments: [w.department.id] });
    await t.dataSource.query('INSERT INTO employee_groups (employee_id, group_id) VALUES ($1, $2)', [op.id, w.group.id]);
    if (options.limit !== undefined) expect((await http(t.url, 'PUT', `/api/omni/operators/${op.id}/limit`, { cookie: w.admin.cookie, body: { chatLimit: options.limit } })).status).toBe(200);
    if (options.online ?? true) await setStatus(op.cookie, 'online');
    return op;
  }

  async function setStatus(cookie: string, status: string) {
    return http<OperatorPresence>(t.url, 'PUT', '/api/omni/presence/me', { cookie, body: { status } });
  }

  async function rule(admin: { cookie: string }, input: DispatchRuleInput): Promise<DispatchRule> {
    const created = await http<DispatchRule>(t.url, 'POST', '/api/omni/rules', { cookie: admin.cookie, body: input });
    expect(created.status).toBe(201);
    return created.body;
  }

  const assignRule = (groupId: string, extra: Partial<DispatchRuleInput> = {}): DispatchRuleInput => ({
    name: 'Distribute new chats',
    trigger: { type: 'ticket.created' },
    actions: [{ type: 'assign', groupId, strategy: 'least-busy', preferPrevious: false }],
    ...extra,
  });

  /** A new visitor writes; resolves with the ticket id once the rules have run. */
  async function arrival(key: string, body = 'Hello, I need help') {
    const visitor = await createVisitor(t, key);
    const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body, clientMsgId: randomUUID() } });
    expect(sent.status).toBe(201);
    return { ticketId: sent.body.ticketId, visitor };
  }

  async function executorOf(ticketId: string): Promise<string | null> {
    const [row] = await t.dataSource.query<{ executor_id: string | null }[]>('SELECT executor_id FROM tickets WHERE id = $1', [ticketId]);
    return row?.executor_id ?? null;
  }

  /** Rules run after the arrival is acknowledged; wait for their outcome. */
  async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (ok(value)) return value;
      if (Date.now() > deadline) throw new Error(`Timed out; last value ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function history(cookie: string, ticketId: string): Promise<Message[]> {
    return (await http<MessagePage>(t.url, 'GET', `/api/tickets/${ticketId}/messages?limit=200`, { cookie })).body.items;
  }

  // ---------------------------------------------------------------- DSP-1, SET-4

  it('statuses: built-in and custom ones, changes recorded with time and live for everyone; SET-4 refuses offline and names the requests (DSP-1)', async () => {
    const w = await world();
    const olga = await operator(w, 'Olga', { online: false });
    const watcher = await connectEmployee(t.url, w.admin.cookie);
    t.sockets.push(watcher);

    const statuses = await http<{ items: OperatorStatus[] }>(t.url, 'GET', '/api/omni/operator-statuses', { cookie: olga.cookie });
    expect(statuses.body.items.map((s) => [s.code, s.receivesChats])).toEqual([
      ['online', true],
      ['away', false],
      ['offline', false],
    ]);
    // Custom statuses come from an administrator (PERM-3) only.
    expectError(await http(t.url, 'POST', '/api/omni/operator-statuses', { cookie: olga.cookie, body: { code: 'lunch', name: 'Lunch' } }), 403, 'FORBIDDEN');
    const lunch = await http<OperatorStatus>(t.url, 'POST', '/api/omni/operator-statuses', { cookie: w.admin.cookie, body: { code: 'lunch', name: 'Lunch', receivesChats: false } });
    expect(lunch.status).toBe(201);
    expectError(await http(t.url, 'POST', '/api/omni/operator-statuses', { cookie: w.admin.cookie, body: { code: 'lunch', name: 'Again' } }), 409, 'STATUS_TAKEN');
    expectError(await http(t.url, 'POST', '/api/omni/operator-statuses', { cookie: w.admin.cookie, body: { code: 'Bad Code', name: 'x' } }), 400, 'VALIDATION_FAILED');
    expectError(await http(t.url, 'DELETE', '/api/omni/operator-statuses/online', { cookie: w.admin.cookie }), 409, 'STATUS_IN_USE');

    const live = nextEvent(watcher, 'operator:presence', (p) => p.employeeId === olga.id && p.status === 'lunch');
    expect((await setStatus(olga.cookie, 'lunch')).body).toMatchObject({ status: 'lunch', activeChats: 0 });
    await live;
    expectError(await setStatus(olga.cookie, 'nope'), 404, 'STATUS_NOT_FOUND');
    expectError(await http(t.url, 'DELETE', '/api/omni/operator-statuses/lunch', { cookie: w.admin.cookie }), 409, 'STATUS_IN_USE');
    await setStatus(olga.cookie, 'online');
    const log = await t.dataSource.query<{ from_status: string; to_status: string; changed_by: string; changed_at: Date }[]>(
      'SELECT from_status, to_status, changed_by, changed_at FROM operator_status_changes WHERE employee_id = $1 ORDER BY id',
      [olga.id],
    );
    expect(log.map((r) => `${r.from_status}→${r.to_status}:${r.changed_by}`)).toEqual(['offline→lunch:self', 'lunch→online:self']);
    expect(log.every((r) => r.changed_at instanceof Date)).toBe(true);

    // SET-4: holding a request in a forbidden status keeps her from going offline, and she is told which.
    await http(t.url, 'PATCH', '/api/settings/omni', { cookie: w.admin.cookie, body: { forbidOfflineStatuses: ['in_progress'] } });
    const { ticketId } = await arrival(w.key);
    expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie: olga.cookie })).status).toBe(200);
    const refused = await setStatus(olga.cookie, 'offline');
    expectError(refused, 409, 'OFFLINE_FORBIDDEN');
    expect(refused.body).toMatchObject({ details: { requests: [{ id: ticketId, status: 'in_progress' }] } });
    expect((await setStatus(olga.cookie, 'away')).status).toBe(200);
    await http(t.url, 'POST', `/api/tickets/${ticketId}/complete`, { cookie: olga.cookie, body: {} });
    expect((await setStatus(olga.cookie, 'offline')).body.status).toBe('offline');
  });

  it('issue #10 point 4: a supervisor sets the status and chat limit of the operators of their departments only; another department\'s are not found, and stay as they were (PERM-5, PERM-6, DSP-1, DSP-4)', async () => {
    const sales = await createDepartment(t, 'Sales');
    const support = await createDepartment(t, 'Support');
    const supervisor = await authAs(t, 'supervisor', { name: 'Sales lead', departments: [sales.id] });
    const seller = await authAs(t, 'operator', { name: 'Seller', departments: [sales.id] });
    const both = await authAs(t, 'operator', { name: 'Both', departments: [sales.id, support.id] });
    const helper = await authAs(t, 'operator', { name: 'Helper', departments: [support.id] });
    const nowhere = await authAs(t, 'operator', { name: 'Nowhere', departments: [] });

    for (const colleague of [seller, both]) {
      expect((await http<OperatorPresence>(t.url, 'PUT', `/api/omni/operators/${colleague.id}/status`, { cookie: supervisor.cookie, body: { status: 'away' } })).body.status).toBe('away');
      expect((await http<OperatorPresence>(t.url, 'PUT', `/api/omni/operators/${colleague.id}/limit`, { cookie: supervisor.cookie, body: { chatLimit: 7 } })).body.chatLimit).toBe(7);
    }
    for (const stranger of [helper, nowhere]) {
      expectError(await http(t.url, 'PUT', `/api/omni/operators/${stranger.id}/status`, { cookie: supervisor.cookie, body: { status: 'away' } }), 404, 'EMPLOYEE_NOT_FOUND');
      expectError(await http(t.url, 'PUT', `/api/omni/operators/${stranger.id}/limit`, { cookie: supervisor.cookie, body: { chatLimit: 7 } }), 404, 'EMPLOYEE_NOT_FOUND');
    }
    // The same answer as for an employee who does not exist, so it says nothing about other departments.
    expectError(await http(t.url, 'PUT', `/api/omni/operators/${randomUUID()}/status`, { cookie: supervisor.cookie, body: { status: 'away' } }), 404, 'EMPLOYEE_NOT_FOUND');
    const rows = await t.dataSource.query<{ id: string; status: string; chat_limit: number | null }[]>(
      'SELECT id, status, chat_limit FROM employees WHERE id = ANY($1::uuid[])',
      [[helper.id, nowhere.id]],
    );
    expect(rows.map(({ status, chat_limit }) => ({ status, chat_limit }))).toEqual([
      { status: 'offline', chat_limit: null },
      { status: 'offline', chat_limit: null },
    ]);
    expect(await t.dataSource.query('SELECT 1 FROM operator_status_changes WHERE employee_id = ANY($1::uuid[])', [[helper.id, nowhere.id]])).toEqual([]);
    // A supervisor of both departments reaches the helper.
    const lead = await authAs(t, 'supervisor', { name: 'Head of service', departments: [sales.id, support.id] });
    expect((await http(t.url, 'PUT', `/api/omni/operators/${helper.id}/status`, { cookie: lead.cookie, body: { status: 'away' } })).status).toBe(200);
  });

  // ---------------------------------------------------------------- DSP-3, DSP-4, DSP-5

  it('a rule assigns new requests to the least busy online member of the group, within limits; the rest queue and move the moment capacity appears (DSP-4, DSP-5)', async () => {
    const w = await world();
    const anna = await operator(w, 'Anna', { limit: 2 });
    const boris = await operator(w, 'Boris', { limit: 1 });
    await operator(w, 'Away Alex', { online: false });
    const annaSocket = await connectEmployee(t.url, anna.cookie);
    t.sockets.push(annaSocket);
    await rule(w.admin, assignRule(w.group.id));

    const first = await arrival(w.key);
    const firstOwner = await eventually(() => executorOf(first.ticketId), (e) => e !== null);
    const second = await arrival(w.key);
    const secondOwner = await eventually(() => executorOf(second.ticketId), (e) => e !== null);
    // Least busy: the second goes to whoever has none yet.
    expect(new Set([firstOwner, secondOwner])).toEqual(new Set([anna.id, boris.id]));
    const third = await arrival(w.key);
    expect(await eventually(() => executorOf(third.ticketId), (e) => e !== null)).toBe(anna.id);

    // Everyone is full: the next two wait, in arrival order.
    const fourth = await arrival(w.key, 'fourth');
    const fifth = await arrival(w.key, 'fifth');
    const queued = await eventually(
      () => t.dataSource.query<{ id: string; queued_at: Date | null }[]>('SELECT id, queued_at FROM tickets WHERE id = ANY($1) ORDER BY queued_at', [[fourth.ticketId, fifth.ticketId]]),
      (rows) => rows.every((r) => r.queued_at !== null),
    );
    expect(queued.map((r) => r.id)).toEqual([fourth.ticketId, fifth.ticketId]);
    // The waiting visitors can be told their place in line (DSP-5).
    const place = async (v: { visitor: { token: string } }) =>
      (await http<{ position: number | null }>(t.url, 'GET', '/api/widget/queue', { token: v.visitor.token })).body.position;
    expect([await place(fourth), await place(fifth), await place(first)]).toEqual([1, 2, null]);
    const entries = await eventually(() => history(w.admin.cookie, fourth.ticketId), (h) => h.some((m) => m.event?.type === 'ticket.queued'));
    expect(entries.find((m) => m.event?.type === 'ticket.queued')?.event).toMatchObject({ groupName: 'First line', ruleName: 'Distribute new chats' });
    const presence = await http<OperatorPresenceList>(t.url, 'GET', '/api/omni/operators', { cookie: w.admin.cookie });
    expect(presence.body.items.filter((p) => p.status === 'online').map((p) => [p.name, p.activeChats, p.effectiveLimit])).toEqual([
      ['Anna', 2, 2],
      ['Boris', 1, 1],
    ]);

    // Anna completes a chat: the oldest waiting request is hers at once (no sweep runs in this test).
    const handed = nextEvent(annaSocket, 'ticket:upserted', (tk) => tk.id === fourth.ticketId && tk.executor?.id === anna.id);
    const annasChat = firstOwner === anna.id ? first.ticketId : second.ticketId;
    expect((await http(t.url, 'POST', `/api/tickets/${annasChat}/complete`, { cookie: anna.cookie, body: {} })).status).toBe(200);
    await handed;
    expect(await executorOf(fifth.ticketId)).toBeNull();

    // A higher limit is capacity too.
    await http(t.url, 'PUT', `/api/omni/operators/${boris.id}/limit`, { cookie: w.admin.cookie, body: { chatLimit: 2 } });
    expect(await eventually(() => executorOf(fifth.ticketId), (e) => e !== null)).toBe(boris.id);
    expect(await place(fifth)).toBeNull();
    const assignedEntries = await history(w.admin.cookie, fifth.ticketId);
    expect(assignedEntries.map((m) => m.event?.type).filter(Boolean)).toEqual(expect.arrayContaining(['ticket.queued', 'ticket.assigned', 'rule.applied']));
    expect(assignedEntries.find((m) => m.event?.type === 'rule.applied')?.event).toMatchObject({ ruleName: 'Distribute new chats', action: 'assign', detail: 'Boris' });

    // Counters never drift: the trigger-kept count equals the live chats.
    const drift = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM employees e WHERE e.active_chats <> (SELECT count(*) FROM tickets t WHERE t.executor_id = e.id AND t.live)`,
    );
    expect(drift[0]?.n).toBe(0);
  });

  it('a backlog is handed out when an operator comes online; round robin takes turns; the previous executor goes first when asked (DSP-4, DSP-5)', async () => {
    const w = await world();
    await rule(w.admin, assignRule(w.group.id, { actions: [{ type: 'assign', groupId: w.group.id, strategy: 'round-robin', preferPrevious: true }] }));
    const waiting = [await arrival(w.key, 'a'), await arrival(w.key, 'b'), await arrival(w.key, 'c')];
    await eventually(() => t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM tickets WHERE queued_at IS NOT NULL'), (r) => r[0]?.n === 3);

    const kate = await operator(w, 'Kate', { limit: 10 });
    for (const { ticketId } of waiting) expect(await eventually(() => executorOf(ticketId), (e) => e !== null)).toBe(kate.id);
    const lev = await operator(w, 'Lev', { limit: 10 });
    const next = [await arrival(w.key, 'd'), await arrival(w.key, 'e')];
    const owners = [];
    for (const { ticketId } of next) owners.push(await eventually(() => executorOf(ticketId), (e) => e !== null));
    // Round robin: Lev, who never had one, then Kate.
    expect(owners).toEqual([lev.id, kate.id]);

    // The same client comes back: their previous executor is preferred.
    const returning = waiting[0]!;
    await http(t.url, 'POST', `/api/tickets/${returning.ticketId}/complete`, { cookie: kate.cookie, body: {} });
    const again = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: returning.visitor.token, body: { body: 'me again', clientMsgId: randomUUID() } });
    expect(again.body.ticketId).not.toBe(returning.ticketId);
    expect(await eventually(() => executorOf(again.body.ticketId), (e) => e !== null)).toBe(kate.id);
  });

  it('issue #19 point 6: a round waits for no lock; a request at the head of the queue that another transaction holds is not jumped, and is handed out once let go (DSP-4, DSP-7)', async () => {
    const w = await world();
    await rule(w.admin, assignRule(w.group.id));
    const first = await arrival(w.key, 'first');
    const second = await arrival(w.key, 'second');
    await eventually(() => t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM tickets WHERE queued_at IS NOT NULL'), (r) => r[0]?.n === 2);
    // Another transaction holds the first request (as an SLA update or a hand-take would, for a moment).
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT id FROM tickets WHERE id = $1 FOR UPDATE', [first.ticketId]);
    try {
      const kate = await operator(w, 'Kate', { limit: 10 });
      // Rounds run (Kate coming online starts one, and it keeps looking), but the second is not served before the first.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await executorOf(first.ticketId)).toBeNull();
      expect(await executorOf(second.ticketId)).toBeNull();
      await holder.commitTransaction();
      expect(await eventually(() => executorOf(first.ticketId), (e) => e !== null)).toBe(kate.id);
      expect(await eventually(() => executorOf(second.ticketId), (e) => e !== null)).toBe(kate.id);
      const order = await t.dataSource.query<{ id: string }[]>('SELECT id FROM tickets WHERE id = ANY($1::uuid[]) ORDER BY assigned_at', [[first.ticketId, second.ticketId]]);
      expect(order.map((r) => r.id)).toEqual([first.ticketId, second.ticketId]);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
  });

  it('conditions select the requests; actions set priority, status, comment and a template reply, each in history naming the rule; rules do not trigger rules (DSP-3)', async () => {
    const w = await world();
    const template = await http<Template>(t.url, 'POST', '/api/templates', {
      cookie: w.admin.cookie,
      body: { title: 'Refund greeting', tags: ['refund'], body: 'Hello {client.name}, request #{ticket.number} is with our refunds team.' },
    });
    await http(t.url, 'POST', '/api/statuses', { cookie: w.admin.cookie, body: { code: 'refund', name: 'Refund' } });
    const refundRule = await rule(w.admin, {
      name: 'Refunds are urgent',
      trigger: { type: 'ticket.created' },
      conditions: [
        { type: 'channel', channels: ['widget'] },
        { type: 'text', contains: 'REFUND' },
      ],
      actions: [
        { type: 'set-priority', priority: 'urgent' },
        { type: 'change-status', status: 'refund' },
        { type: 'add-comment', body: 'Check the order first' },
        { type: 'send-template', templateId: template.body.id },
      ],
    });
    // A rule reacting to status changes must not fire from the rule above.
    await rule(w.admin, { name: 'Never', trigger: { type: 'client.replied' }, conditions: [{ type: 'status', statuses: ['refund'] }], actions: [{ type: 'set-priority', priority: 'low' }] });

    const visitor = await createVisitor(t, w.key);
    await http(t.url, 'PATCH', '/api/widget/visitor', { token: visitor.token, body: { name: 'Rita' } });
    const plain = await arrival(w.key, 'Just a question');
    const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'I want a refund please', clientMsgId: randomUUID() } });
    const ticketId = sent.body.ticketId;
    const detail = await eventually(
      () => http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: w.admin.cookie }),
      (r) => r.body.status === 'refund' && r.body.priority === 'urgent',
    );
    expect(detail.body.lastMessage?.kind).toBeDefined();
    const entries = await eventually(() => history(w.admin.cookie, ticketId), (h) => h.some((m) => m.kind === 'reply'));
    expect(entries.filter((m) => m.event?.type === 'rule.applied').map((m) => m.event)).toEqual([
      expect.objectContaining({ ruleId: refundRule.id, ruleName: 'Refunds are urgent', action: 'set-priority', detail: 'urgent' }),
      expect.objectContaining({ action: 'change-status', detail: 'Refund' }),
      expect.objectContaining({ action: 'add-comment' }),
      expect.objectContaining({ action: 'send-template', detail: 'Refund greeting' }),
    ]);
    expect(entries.find((m) => m.kind === 'comment')?.body).toBe('Check the order first');
    const reply = entries.find((m) => m.kind === 'reply');
    expect(reply?.body).toMatch(/^Hello .*, request #\d+ is with our refunds team\.$/);
    // The visitor gets the template reply; never the comment.
    const seen = await eventually(
      () => http<{ messages: VisitorMessage[] }>(t.url, 'GET', '/api/widget/state', { token: visitor.token }),
      (r) => r.body.messages.some((m) => m.kind === 'reply'),
    );
    expect(seen.body.messages.some((m) => m.body === 'Check the order first')).toBe(false);

    // The other request matched nothing.
    const other = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${plain.ticketId}`, { cookie: w.admin.cookie });
    expect(other.body).toMatchObject({ priority: 'normal', status: 'open' });
    // Rules' changes did not fire the client.replied rule; the client replying does.
    expect((await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: w.admin.cookie })).body.priority).toBe('urgent');
    await http(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'any news?', clientMsgId: randomUUID() } });
    await eventually(() => http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: w.admin.cookie }), (r) => r.body.priority === 'low');
  });

  it('rules are reordered, copied, switched off; a rule naming a deleted group is shown broken and skipped; invalid rules are refused (DSP-3)', async () => {
    const w = await world();
    const doomed = await createGroup(t, ROLE_PERMISSIONS.operator, 'Doomed');
    const a = await rule(w.admin, assignRule(doomed.id, { name: 'A' }));
    const b = await rule(w.admin, { name: 'B', trigger: { type: 'ticket.created' }, actions: [{ type: 'set-priority', priority: 'high' }] });
    const copy = await http<DispatchRule>(t.url, 'POST', `/api/omni/rules/${b.id}/copy`, { cookie: w.admin.cookie });
    expect(copy.body).toMatchObject({ name: 'B (copy)', enabled: false });
    const reordered = await http<DispatchRuleList>(t.url, 'PUT', '/api/omni/rules/order', { cookie: w.admin.cookie, body: { ids: [copy.body.id, b.id, a.id] } });
    expect(reordered.body.items.map((r) => r.name)).toEqual(['B (copy)', 'B', 'A']);
    expectError(await http(t.url, 'PUT', '/api/omni/rules/order', { cookie: w.admin.cookie, body: { ids: [b.id] } }), 400, 'VALIDATION_FAILED');

    await http(t.url, 'DELETE', `/api/groups/${doomed.id}`, { cookie: w.admin.cookie });
    const listed = await http<DispatchRuleList>(t.url, 'GET', '/api/omni/rules', { cookie: w.admin.cookie });
    expect(listed.body.items.find((r) => r.id === a.id)?.broken).toMatch(/group/);
    // Distribution goes on: B still runs, the broken A is skipped without harm.
    const { ticketId } = await arrival(w.key);
    await eventually(() => http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: w.admin.cookie }), (r) => r.body.priority === 'high');
    expect((await t.dataSource.query<{ queued_at: Date | null }[]>('SELECT queued_at FROM tickets WHERE id = $1', [ticketId]))[0]?.queued_at).toBeNull();

    // Invalid definitions: unknown trigger, no actions, a group that does not exist, someone without PERM-3.
    const bad = (body: unknown, cookie = w.admin.cookie) => http(t.url, 'POST', '/api/omni/rules', { cookie, body });
    expectError(await bad({ name: 'x', trigger: { type: 'whenever' }, actions: [{ type: 'set-priority', priority: 'high' }] }), 400, 'VALIDATION_FAILED');
    expectError(await bad({ name: 'x', trigger: { type: 'ticket.created' }, actions: [] }), 400, 'VALIDATION_FAILED');
    expectError(await bad(assignRule(randomUUID())), 400, 'VALIDATION_FAILED');
    const op = await authAs(t, 'operator', { departments: [w.department.id] });
    expectError(await bad(assignRule(w.group.id), op.cookie), 403, 'FORBIDDEN');
    expect((await http<DispatchRuleList>(t.url, 'GET', '/api/omni/rules', { cookie: w.admin.cookie })).body.items).toHaveLength(3);
    // Switching it off is always allowed.
    expect((await http<DispatchRule>(t.url, 'PATCH', `/api/omni/rules/${a.id}`, { cookie: w.admin.cookie, body: { enabled: false } })).body.enabled).toBe(false);
  });

  it('issue #19 point 1: a reply no rule listens to wakes no rules; a rule acts on what happens after it is saved, even when the poll reads older events later (DSP-3)', async () => {
    const w = await world();
    const { ticketId, visitor } = await arrival(w.key);
    const say = async (body: string) =>
      expect((await http(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body, clientMsgId: randomUUID() } })).status).toBe(201);
    const priority = async () => (await t.dataSource.query<{ priority: string }[]>('SELECT priority FROM tickets WHERE id = $1', [ticketId]))[0]?.priority;
    await t.app.get(EventConsumers).settled();
    // No "client replied" rule: the reply is passed over by the next poll, not looked at when it commits.
    await say('Before the rule');
    const rules = t.app.get(RulesConsumer);
    expect(rules.wants('message.created')).toBe(false);
    await rule(w.admin, { name: 'Replies are urgent', trigger: { type: 'client.replied' }, actions: [{ type: 'set-priority', priority: 'urgent' }] });
    // The poll reads the reply made before the rule existed: the rule leaves it alone.
    await new Promise((resolve) => setTimeout(resolve, t.config.EVENT_POLL_MS * 2 + 200));
    await t.app.get(EventConsumers).settled();
    expect(await priority()).toBe('normal');
    // A reply after it is saved is acted on at once.
    expect(rules.wants('message.created')).toBe(true);
    await say('After the rule');
    await eventually(priority, (p) => p === 'urgent');
  });

  // ---------------------------------------------------------------- DSP-2, DSP-6

  it('an operator whose connections are all gone becomes offline after the grace period, and their chats are handed to a colleague (DSP-2, DSP-6)', async () => {
    const w = await world();
    await http(t.url, 'PATCH', '/api/settings/omni', { cookie: w.admin.cookie, body: { offlineGraceSeconds: 1, reassignOnOffline: true } });
    const pavel = await operator(w, 'Pavel', { limit: 5 });
    await rule(w.admin, assignRule(w.group.id));
    const { ticketId } = await arrival(w.key);
    expect(await eventually(() => executorOf(ticketId), (e) => e !== null)).toBe(pavel.id);
    const rita = await operator(w, 'Rita', { limit: 5 });

    const tab1 = await connectEmployee(t.url, pavel.cookie);
    const tab2 = await connectEmployee(t.url, pavel.cookie);
    tab1.close();
    await new Promise((r) => setTimeout(r, 1500));
    // One tab is still open: still online.
    expect((await http<OperatorPresence>(t.url, 'GET', '/api/omni/presence/me', { cookie: pavel.cookie })).body.status).toBe('online');
    const ritaSocket = await connectEmployee(t.url, rita.cookie);
    t.sockets.push(ritaSocket);
    const handed = nextEvent(ritaSocket, 'ticket:upserted', (tk) => tk.id === ticketId && tk.executor?.id === rita.id, 8000);
    tab2.close();
    await handed;
    expect((await http<OperatorPresence>(t.url, 'GET', '/api/omni/presence/me', { cookie: pavel.cookie })).body.status).toBe('offline');
    const [change] = await t.dataSource.query<{ changed_by: string }[]>(
      `SELECT changed_by FROM operator_status_changes WHERE employee_id = $1 AND to_status = 'offline'`,
      [pavel.id],
    );
    expect(change?.changed_by).toBe('auto');
    expect((await history(w.admin.cookie, ticketId)).map((m) => m.event?.type)).toContain('ticket.released');
  });

  it('a request whose executor does not reply within N minutes goes to someone else (DSP-6)', async () => {
    const w = await world();
    await http(t.url, 'PATCH', '/api/settings/omni', { cookie: w.admin.cookie, body: { reassignAfterMinutes: 3 } });
    const slow = await operator(w, 'Slow', { limit: 5 });
    await rule(w.admin, assignRule(w.group.id));
    const { ticketId } = await arrival(w.key);
    expect(await eventually(() => executorOf(ticketId), (e) => e !== null)).toBe(slow.id);
    const quick = await operator(w, 'Quick', { limit: 5 });
    await t.get(DispatchClock).sweep();
    expect(await executorOf(ticketId)).toBe(slow.id); // not yet
    await t.dataSource.query(`UPDATE tickets SET waiting_since = now() - interval '4 minutes', assigned_at = now() - interval '4 minutes' WHERE id = $1`, [ticketId]);
    await t.get(DispatchClock).sweep();
    expect(await eventually(() => executorOf(ticketId), (e) => e !== null)).toBe(quick.id);
  });

  // ---------------------------------------------------------------- SLA-1, SLA-2, "unanswered for N minutes"

  it('SLA: deadlines per department in working hours; a breach is marked, announced to supervisors live, and triggers rules; "unanswered" rules fire once (SLA-1, SLA-2)', async () => {
    const w = await world();
    const supervisor = await authAs(t, 'supervisor', { name: 'Sveta', departments: [w.department.id] });
    const sla = await http<DepartmentSla>(t.url, 'PUT', `/api/omni/sla/${w.department.id}`, {
      cookie: w.admin.cookie,
      body: { firstReplyMinutes: 15, resolutionMinutes: 120, schedule: null },
    });
    expect(sla.body).toMatchObject({ firstReplyMinutes: 15, resolutionMinutes: 120 });
    expectError(
      await http(t.url, 'PUT', `/api/omni/sla/${w.department.id}`, {
        cookie: w.admin.cookie,
        body: { firstReplyMinutes: 15, resolutionMinutes: null, schedule: { timezone: 'Mars/Olympus', week: [], holidays: [] } },
      }),
      400,
      'VALIDATION_FAILED',
    );
    await rule(w.admin, { name: 'Breach is urgent', trigger: { type: 'sla.breached' }, actions: [{ type: 'set-priority', priority: 'urgent' }] });
    await rule(w.admin, { name: 'Nudge', trigger: { type: 'ticket.unanswered', minutes: 5 }, actions: [{ type: 'add-comment', body: 'Waiting 5 minutes' }] });

    const { ticketId } = await arrival(w.key);
    const detail = await eventually(
      () => http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: w.admin.cookie }),
      (r) => r.body.sla.firstReplyDue !== null,
    );
    const created = new Date(detail.body.createdAt).getTime();
    expect(new Date(detail.body.sla.firstReplyDue ?? 0).getTime() - created).toBe(15 * 60_000);
    expect(new Date(detail.body.sla.resolutionDue ?? 0).getTime() - created).toBe(120 * 60_000);

    const live = await connectEmployee(t.url, supervisor.cookie);
    t.sockets.push(live);
    const breach = nextEvent(live, 'ticket:sla-breached', (e) => e.ticket.id === ticketId);
    await t.dataSource.query(`UPDATE tickets SET first_reply_due = now() - interval '1 second', waiting_since = now() - interval '6 minutes' WHERE id = $1`, [ticketId]);
    await Promise.all([t.get(DispatchClock).sweep(), t.get(DispatchClock).sweep()]);
    await t.get(DispatchClock).sweep();
    expect(await breach).toMatchObject({ deadline: 'first-reply', ticket: { sla: { breached: ['first-reply'] } } });
    const after = await eventually(() => http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: w.admin.cookie }), (r) => r.body.priority === 'urgent');
    expect(after.body.sla.breached).toEqual(['first-reply']);
    const entries = await history(w.admin.cookie, ticketId);
    expect(entries.filter((m) => m.event?.type === 'sla.breached')).toHaveLength(1);
    expect(entries.filter((m) => m.kind === 'comment' && m.body === 'Waiting 5 minutes')).toHaveLength(1);

    // Counted in working hours: with today a holiday, the 15 minutes start at tomorrow's opening (UTC, round the clock).
    const today = new Date().toISOString().slice(0, 10);
    const allWeek = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' }));
    await http(t.url, 'PUT', `/api/omni/sla/${w.department.id}`, {
      cookie: w.admin.cookie,
      body: { firstReplyMinutes: 15, resolutionMinutes: null, schedule: { timezone: 'UTC', week: allWeek, holidays: [today] } },
    });
    const onHoliday = await arrival(w.key);
    const scheduled = await eventually(
      () => http<TicketDetail>(t.url, 'GET', `/api/tickets/${onHoliday.ticketId}`, { cookie: w.admin.cookie }),
      (r) => r.body.sla.firstReplyDue !== null,
    );
    const tomorrow = new Date(`${today}T00:00:00Z`).getTime() + 24 * 3600_000;
    expect(new Date(scheduled.body.sla.firstReplyDue ?? 0).getTime()).toBe(tomorrow + 15 * 60_000);
    expect(scheduled.body.sla.resolutionDue).toBeNull();

    // A reply in time meets the deadline: no breach for the next request.
    const second = await arrival(w.key);
    const op = await authAs(t, 'operator', { departments: [w.department.id] });
    await http(t.url, 'POST', `/api/tickets/${second.ticketId}/take`, { cookie: op.cookie });
    await http(t.url, 'POST', `/api/tickets/${second.ticketId}/messages`, { cookie: op.cookie, body: { kind: 'reply', body: 'On it' } });
    await t.dataSource.query(`UPDATE tickets SET first_reply_due = now() - interval '1 second' WHERE id = $1`, [second.ticketId]);
    await t.get(DispatchClock).sweep();
    const met = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${second.ticketId}`, { cookie: w.admin.cookie });
    expect(met.body.sla.breached).toEqual([]);
    expect(met.body.sla.firstRepliedAt).not.toBeNull();
  });
});
