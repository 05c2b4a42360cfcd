import { randomUUID } from 'node:crypto';
import type {
  CustomField,
  Directory,
  Message,
  MessagePage,
  PreviousRequestList,
  Template,
  TemplateList,
  TicketDetail,
  TicketList,
  TicketSearchResult,
  TicketStatusInfo,
  TicketSummary,
  VisitorMessage,
} from '@omnichannel/contracts';
import { authAs, createDepartment, createVisitor, createWidgetChannel, createWorld } from '../../../test/factories';
import { expectError, http } from '../../../test/http';
import { collect, connectEmployee, connectVisitor, nextEvent, request } from '../../../test/sockets';
import { useTestApp } from '../../../test/test-app';

describe('operator workspace over the API (issue #4)', () => {
  const t = useTestApp();

  afterEach(async () => {
    await t.dataSource.query("DELETE FROM settings WHERE key = 'omni'"); // back to the defaults
  });

  async function conversation(options: { take?: boolean } = {}) {
    const world = await createWorld(t);
    const operator = await authAs(t, 'operator', { name: 'Olga', departments: [world.department.id] });
    const visitor = await createVisitor(t, world.key);
    const first = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'Hello', clientMsgId: randomUUID() } });
    if (options.take ?? true) await http(t.url, 'POST', `/api/tickets/${first.body.ticketId}/take`, { cookie: operator.cookie });
    return { world, operator, visitor, ticketId: first.body.ticketId };
  }
  const reply = (cookie: string, ticketId: string, body: string) =>
    http<Message>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie, body: { kind: 'reply', body } });

  describe('SET-1 merge replies after completion', () => {
    it('combines the replies into one entry of the ticket\'s history; the chat keeps its messages', async () => {
      const admin = await authAs(t, 'admin');
      expect((await http(t.url, 'PATCH', '/api/settings/omni', { cookie: admin.cookie, body: { mergeRepliesOnComplete: true } })).status).toBe(200);
      const { operator, ticketId, visitor } = await conversation();
      await reply(operator.cookie, ticketId, 'First answer');
      await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie, body: { kind: 'comment', body: 'internal' } });
      await reply(operator.cookie, ticketId, 'Second answer');
      const visitorSocket = await connectVisitor(t.url, visitor.token);
      t.sockets.push(visitorSocket);
      const pushed = collect(visitorSocket, 'visitor:message');
      const completed = nextEvent(visitorSocket, 'visitor:conversation', (c) => !c.live);
      expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/complete`, { cookie: operator.cookie })).status).toBe(200);
      await completed;

      const chat = await http<MessagePage>(t.url, 'GET', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie });
      expect(chat.body.items.filter((m) => m.kind === 'reply').map((m) => m.body)).toEqual(['First answer', 'Second answer']);
      const ticket = await http<MessagePage>(t.url, 'GET', `/api/tickets/${ticketId}/messages?view=ticket`, { cookie: operator.cookie });
      const replies = ticket.body.items.filter((m) => m.kind === 'reply');
      expect(replies.map((m) => m.body)).toEqual(['First answer\n\nSecond answer']);
      expect(ticket.body.items.map((m) => m.kind)).toContain('comment');
      // Nothing extra reaches the visitor.
      const state = await http<{ messages: VisitorMessage[] }>(t.url, 'GET', '/api/widget/state', { token: visitor.token });
      expect(state.body.messages.filter((m) => m.kind === 'reply').map((m) => m.body)).toEqual(['First answer', 'Second answer']);
      expect(pushed.items.map((m) => m.kind)).not.toContain('reply');
    });

    it('is off by default: replies stay as they are', async () => {
      const { operator, ticketId } = await conversation();
      await reply(operator.cookie, ticketId, 'One');
      await reply(operator.cookie, ticketId, 'Two');
      await http(t.url, 'POST', `/api/tickets/${ticketId}/complete`, { cookie: operator.cookie });
      const ticket = await http<MessagePage>(t.url, 'GET', `/api/tickets/${ticketId}/messages?view=ticket`, { cookie: operator.cookie });
      expect(ticket.body.items.filter((m) => m.kind === 'reply').map((m) => m.body)).toEqual(['One', 'Two']);
    });
  });

  it('WORK-14: complete and open as a ticket — the chat ends, the ticket stays open, replies continue from the ticket page (CORE-6)', async () => {
    const { operator, ticketId, world } = await conversation();
    const done = await http<TicketSummary>(t.url, 'POST', `/api/tickets/${ticketId}/complete`, { cookie: operator.cookie, body: { asTicket: true } });
    expect(done.body).toMatchObject({ live: false, status: 'in_progress', completedAt: null });
    const mine = await http<TicketList>(t.url, 'GET', '/api/tickets?view=mine', { cookie: operator.cookie });
    expect(mine.body.items.map((i) => i.id)).not.toContain(ticketId);
    const search = await http<TicketSearchResult>(t.url, 'GET', `/api/tickets/search?live=false&departmentId=${world.department.id}`, { cookie: operator.cookie });
    expect(search.body.items.map((i) => i.id)).toContain(ticketId);
    expect((await reply(operator.cookie, ticketId, 'Following up by email')).status).toBe(201);
    // A closed ticket takes no more replies.
    expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/status`, { cookie: operator.cookie, body: { status: 'completed' } })).status).toBe(200);
    expectError(await reply(operator.cookie, ticketId, 'too late'), 409, 'TICKET_NOT_LIVE');
  });

  it('WORK-10: transfer to a colleague with a comment — they get it live; the old executor\'s list drops it', async () => {
    const { operator, ticketId, world } = await conversation();
    const anna = await authAs(t, 'operator', { name: 'Anna', departments: [world.department.id] });
    const annaSocket = await connectEmployee(t.url, anna.cookie);
    const olgaSocket = await connectEmployee(t.url, operator.cookie);
    t.sockets.push(annaSocket, olgaSocket);
    const handed = nextEvent(annaSocket, 'ticket:handed');
    const dropped = nextEvent(olgaSocket, 'ticket:upserted', (tk) => tk.id === ticketId && tk.executor?.name === 'Anna');
    const moved = await http<TicketSummary>(t.url, 'POST', `/api/tickets/${ticketId}/transfer`, {
      cookie: operator.cookie,
      body: { employeeId: anna.id, comment: 'VIP, be gentle' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.executor).toEqual({ id: anna.id, name: 'Anna' });
    expect(await handed).toMatchObject({ kind: 'transferred', byName: 'Olga', comment: 'VIP, be gentle', ticket: { id: ticketId } });
    await dropped;
    // Olga is no longer the executor: she may comment, not reply.
    expectError(await reply(operator.cookie, ticketId, 'still me?'), 403, 'NOT_EXECUTOR');
    expect((await reply(anna.cookie, ticketId, 'Anna here')).status).toBe(201);
    // An employee of another department cannot receive it; an unknown one neither.
    const stranger = await authAs(t, 'operator', { departments: [(await createDepartment(t)).id] });
    expectError(await http(t.url, 'POST', `/api/tickets/${ticketId}/transfer`, { cookie: anna.cookie, body: { employeeId: stranger.id } }), 400, 'VALIDATION_FAILED');
    expectError(await http(t.url, 'POST', `/api/tickets/${ticketId}/transfer`, { cookie: anna.cookie, body: { employeeId: randomUUID() } }), 404, 'EMPLOYEE_NOT_FOUND');
    expectError(await http(t.url, 'POST', `/api/tickets/${ticketId}/transfer`, { cookie: anna.cookie, body: {} }), 400, 'VALIDATION_FAILED');
  });

  it('WORK-10: transfer to another department — it waits in that department\'s Unassigned', async () => {
    const { operator, ticketId } = await conversation();
    const sales = await createDepartment(t, 'Sales');
    const seller = await authAs(t, 'operator', { departments: [sales.id] });
    const sellerSocket = await connectEmployee(t.url, seller.cookie);
    t.sockets.push(sellerSocket);
    const arrives = nextEvent(sellerSocket, 'ticket:upserted', (tk) => tk.id === ticketId);
    await http(t.url, 'POST', `/api/tickets/${ticketId}/transfer`, { cookie: operator.cookie, body: { departmentId: sales.id } });
    expect(await arrives).toMatchObject({ department: { id: sales.id }, executor: null, status: 'open' });
    const queue = await http<TicketList>(t.url, 'GET', '/api/tickets?view=unassigned', { cookie: seller.cookie });
    expect(queue.body.items.map((i) => i.id)).toContain(ticketId);
    expectError(await http(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: operator.cookie }), 404, 'TICKET_NOT_FOUND');
  });

  it('WORK-5: previous requests and inviting the previous executor, who gets it live and sees it', async () => {
    const world = await createWorld(t);
    const olga = await authAs(t, 'operator', { name: 'Olga', departments: [world.department.id] });
    const visitor = await createVisitor(t, world.key);
    const first = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'first time', clientMsgId: randomUUID() } });
    await http(t.url, 'POST', `/api/tickets/${first.body.ticketId}/take`, { cookie: olga.cookie });
    await http(t.url, 'POST', `/api/tickets/${first.body.ticketId}/complete`, { cookie: olga.cookie });
    const second = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'back again', clientMsgId: randomUUID() } });
    const ivan = await authAs(t, 'operator', { name: 'Ivan', departments: [world.department.id] });
    await http(t.url, 'POST', `/api/tickets/${second.body.ticketId}/take`, { cookie: ivan.cookie });

    const previous = await http<PreviousRequestList>(t.url, 'GET', `/api/tickets/${second.body.ticketId}/previous`, { cookie: ivan.cookie });
    expect(previous.body.items).toEqual([expect.objectContaining({ id: first.body.ticketId, executor: { id: olga.id, name: 'Olga' }, status: 'completed' })]);
    const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${second.body.ticketId}`, { cookie: ivan.cookie });
    expect(detail.body.clientDetails.totalRequests).toBe(2);

    const olgaSocket = await connectEmployee(t.url, olga.cookie);
    t.sockets.push(olgaSocket);
    const invited = nextEvent(olgaSocket, 'ticket:handed', (e) => e.kind === 'invited');
    const result = await http<TicketSummary>(t.url, 'POST', `/api/tickets/${second.body.ticketId}/invite`, { cookie: ivan.cookie, body: { employeeId: olga.id } });
    expect(result.body.participantIds).toEqual([olga.id]);
    expect(await invited).toMatchObject({ byName: 'Ivan', ticket: { id: second.body.ticketId } });
    const mine = await http<TicketList>(t.url, 'GET', '/api/tickets?view=mine', { cookie: olga.cookie });
    expect(mine.body.items.map((i) => i.id)).toContain(second.body.ticketId);
    expect((await http(t.url, 'POST', `/api/tickets/${second.body.ticketId}/messages`, { cookie: olga.cookie, body: { kind: 'comment', body: 'I know them' } })).status).toBe(201);
  });

  it('issue #10 point 5: the client\'s total requests count only the requests the reader may see (WORK-4, PERM-6)', async () => {
    const world = await createWorld(t);
    const sales = await createDepartment(t, 'Sales');
    const olga = await authAs(t, 'operator', { name: 'Olga', departments: [world.department.id] });
    const seller = await authAs(t, 'operator', { name: 'Seller', departments: [sales.id] });
    const both = await authAs(t, 'operator', { name: 'Both', departments: [world.department.id, sales.id] });
    const visitor = await createVisitor(t, world.key);
    const write = async (body: string) =>
      (await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body, clientMsgId: randomUUID() } })).body.ticketId;

    // The client's first request goes to Sales and is completed there, out of Olga's sight.
    const first = await write('a question for sales');
    await http(t.url, 'POST', `/api/tickets/${first}/take`, { cookie: olga.cookie });
    expect((await http(t.url, 'POST', `/api/tickets/${first}/transfer`, { cookie: olga.cookie, body: { departmentId: sales.id } })).status).toBe(200);
    await http(t.url, 'POST', `/api/tickets/${first}/take`, { cookie: seller.cookie });
    expect((await http(t.url, 'POST', `/api/tickets/${first}/complete`, { cookie: seller.cookie })).status).toBe(200);
    const second = await write('back again');
    expect(second).not.toBe(first);

    const totalFor = async (cookie: string) => (await http<TicketDetail>(t.url, 'GET', `/api/tickets/${second}`, { cookie })).body.clientDetails.totalRequests;
    expect(await totalFor(olga.cookie)).toBe(1);
    expect((await http<PreviousRequestList>(t.url, 'GET', `/api/tickets/${second}/previous`, { cookie: olga.cookie })).body.items).toEqual([]);
    expect(await totalFor(both.cookie)).toBe(2);
  });

  it('NAV-7: read marks make lists know what is unread', async () => {
    const { operator, ticketId, visitor } = await conversation();
    let list = await http<TicketList>(t.url, 'GET', '/api/tickets?view=mine', { cookie: operator.cookie });
    const ticket = list.body.items.find((i) => i.id === ticketId);
    expect(ticket?.lastClientSeq).toBe(1);
    expect(list.body.readSeqs[ticketId]).toBeUndefined();
    await http(t.url, 'POST', `/api/tickets/${ticketId}/read`, { cookie: operator.cookie, body: { seq: 99 } });
    list = await http<TicketList>(t.url, 'GET', '/api/tickets?view=mine', { cookie: operator.cookie });
    expect(list.body.readSeqs[ticketId]).toBe(2); // capped at the ticket's last seq
    await http(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'more', clientMsgId: randomUUID() } });
    list = await http<TicketList>(t.url, 'GET', '/api/tickets?view=mine', { cookie: operator.cookie });
    expect(list.body.items.find((i) => i.id === ticketId)?.lastClientSeq).toBe(3);
    await http(t.url, 'POST', `/api/tickets/${ticketId}/read`, { cookie: operator.cookie, body: { seq: 1 } }); // never backwards
    expect((await http<TicketList>(t.url, 'GET', '/api/tickets?view=mine', { cookie: operator.cookie })).body.readSeqs[ticketId]).toBe(2);
  });

  it('WORK-4: custom fields defined by an administrator, edited on the ticket and its client, values checked', async () => {
    const admin = await authAs(t, 'admin');
    const fields: Record<string, CustomField> = {};
    for (const body of [
      { entity: 'client', key: 'company', label: 'Company', type: 'text' },
      { entity: 'client', key: 'tier', label: 'Tier', type: 'list', options: ['gold', 'silver'] },
      { entity: 'ticket', key: 'order_no', label: 'Order number', type: 'number' },
      { entity: 'ticket', key: 'due', label: 'Due', type: 'date' },
    ]) {
      const created = await http<CustomField>(t.url, 'POST', '/api/custom-fields', { cookie: admin.cookie, body });
      expect(created.status).toBe(201);
      fields[created.body.key] = created.body;
    }
    expectError(await http(t.url, 'POST', '/api/custom-fields', { cookie: admin.cookie, body: { entity: 'client', key: 'company', label: 'Again', type: 'text' } }), 409, 'CUSTOM_FIELD_TAKEN');
    expectError(await http(t.url, 'POST', '/api/custom-fields', { cookie: admin.cookie, body: { entity: 'client', key: 'x', label: 'X', type: 'list' } }), 400, 'VALIDATION_FAILED');

    const { operator, ticketId } = await conversation();
    const updated = await http(t.url, 'PATCH', `/api/tickets/${ticketId}/custom`, {
      cookie: operator.cookie,
      body: { client: { company: 'Northwind', tier: 'gold' }, ticket: { order_no: 1042, due: '2026-12-01' } },
    });
    expect(updated.status).toBe(200);
    const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: operator.cookie });
    expect(detail.body.custom).toEqual({ order_no: 1042, due: '2026-12-01' });
    expect(detail.body.clientDetails.custom).toEqual({ company: 'Northwind', tier: 'gold' });
    for (const body of [{ client: { tier: 'platinum' } }, { ticket: { order_no: 'abc' } }, { ticket: { due: 'tomorrow' } }, { ticket: { nope: 1 } }]) {
      const refused = await http<{ code: string }>(t.url, 'PATCH', `/api/tickets/${ticketId}/custom`, { cookie: operator.cookie, body });
      expect([400, 404]).toContain(refused.status);
    }
    await http(t.url, 'PATCH', `/api/tickets/${ticketId}/custom`, { cookie: operator.cookie, body: { ticket: { due: null } } });
    expect((await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: operator.cookie })).body.custom).toEqual({ order_no: 1042 });
  });

  it('CORE-4: statuses can be added and used; built-in ones cannot be removed; a used one cannot either', async () => {
    const admin = await authAs(t, 'admin');
    const created = await http<TicketStatusInfo>(t.url, 'POST', '/api/statuses', { cookie: admin.cookie, body: { code: 'on_hold', name: 'On hold', position: 35 } });
    expect(created.status).toBe(201);
    expectError(await http(t.url, 'POST', '/api/statuses', { cookie: admin.cookie, body: { code: 'on_hold', name: 'x' } }), 409, 'STATUS_TAKEN');
    expectError(await http(t.url, 'DELETE', '/api/statuses/open', { cookie: admin.cookie }), 409, 'STATUS_IN_USE');
    const { operator, ticketId } = await conversation();
    await http(t.url, 'POST', `/api/tickets/${ticketId}/complete`, { cookie: operator.cookie, body: { asTicket: true } });
    expect((await http<TicketSummary>(t.url, 'POST', `/api/tickets/${ticketId}/status`, { cookie: operator.cookie, body: { status: 'on_hold' } })).body.status).toBe('on_hold');
    expectError(await http(t.url, 'DELETE', '/api/statuses/on_hold', { cookie: admin.cookie }), 409, 'STATUS_IN_USE');
    expectError(await http(t.url, 'POST', `/api/tickets/${ticketId}/status`, { cookie: operator.cookie, body: { status: 'nope' } }), 404, 'STATUS_NOT_FOUND');
    const history = await http<MessagePage>(t.url, 'GET', `/api/tickets/${ticketId}/messages?view=ticket`, { cookie: operator.cookie });
    expect(history.body.items.at(-1)?.event).toMatchObject({ type: 'ticket.status-changed', from: 'in_progress', to: 'on_hold' });
  });

  it('WORK-9: a reply that cannot be delivered is marked failed with the reason, and can be sent again', async () => {
    const { operator, ticketId, world, visitor } = await conversation();
    const vs = await connectVisitor(t.url, visitor.token);
    const op = await connectEmployee(t.url, operator.cookie);
    t.sockets.push(vs, op);
    await request(op, 'ticket:watch', { ticketId });
    await t.dataSource.query('UPDATE channels SET enabled = false WHERE id = $1', [world.channel.id]);
    const failed = nextEvent(op, 'message:updated', (m) => m.delivery?.state === 'failed');
    const sent = await reply(operator.cookie, ticketId, 'Will this arrive?');
    const update = await failed;
    expect(update.delivery?.error).toMatch(/switched off/);
    expectError(await http(t.url, 'POST', `/api/messages/${randomUUID()}/retry`, { cookie: operator.cookie }), 404, 'MESSAGE_NOT_FOUND');
    await t.dataSource.query('UPDATE channels SET enabled = true WHERE id = $1', [world.channel.id]);
    const arrives = nextEvent(vs, 'visitor:message', (m) => m.id === sent.body.id);
    const retried = await http<Message>(t.url, 'POST', `/api/messages/${sent.body.id}/retry`, { cookie: operator.cookie });
    expect(retried.body.delivery?.state).toBe('queued');
    await arrives;
    expectError(await http(t.url, 'POST', `/api/messages/${sent.body.id}/retry`, { cookie: operator.cookie }), 409, 'NOT_RETRYABLE');
  });

  it('TPL-1, TPL-2: templates found by a tag prefix, only for their channels', async () => {
    const admin = await authAs(t, 'admin');
    const mk = (body: object) => http<Template>(t.url, 'POST', '/api/templates', { cookie: admin.cookie, body });
    expect((await mk({ title: 'Greeting', tags: ['hello', 'hi'], channels: [], body: 'Hello {client.name}, I am {operator.name}!' })).status).toBe(201);
    expect((await mk({ title: 'Telegram only', tags: ['help'], channels: ['telegram'], body: 'Use /start' })).status).toBe(201);
    expectError(await mk({ title: 'Bad', tags: ['two words'], body: 'x' }), 400, 'VALIDATION_FAILED');
    const { operator } = await conversation();
    const search = async (q: string) =>
      (await http<TemplateList>(t.url, 'GET', `/api/templates/search?${q}`, { cookie: operator.cookie })).body.items.map((i) => i.title);
    expect(await search('channel=widget&tag=h')).toEqual(['Greeting']);
    expect(await search('channel=telegram&tag=he')).toEqual(['Greeting', 'Telegram only']);
    expect(await search('channel=widget&tag=zz')).toEqual([]);
    expect(await search('channel=widget&tag=%25')).toEqual([]); // "%" is literal, not a wildcard
    expectError(await http(t.url, 'POST', '/api/templates', { cookie: operator.cookie, body: { title: 'x', tags: ['x'], body: 'x' } }), 403, 'FORBIDDEN');
  });

  it('WORK-8: typing both ways, with the visitor\'s typing preview for the staff watching', async () => {
    const { operator, ticketId, visitor } = await conversation();
    const vs = await connectVisitor(t.url, visitor.token);
    const op = await connectEmployee(t.url, operator.cookie);
    t.sockets.push(vs, op);
    await request(op, 'ticket:watch', { ticketId });
    const preview = nextEvent(op, 'ticket:typing', (e) => e.who.type === 'client');
    vs.emit('visitor:typing', { text: 'I have a que' });
    expect(await preview).toMatchObject({ ticketId, preview: 'I have a que', typing: true });
    const typing = nextEvent(vs, 'visitor:typing');
    op.emit('ticket:typing', { ticketId, typing: true });
    expect(await typing).toEqual({ typing: true, operatorName: 'Olga' });
  });

  it('the directory lists colleagues who can take conversations, and departments', async () => {
    const { operator, world } = await conversation();
    const noOmni = await authAs(t, 'noOmni', { name: 'Bookkeeper', departments: [world.department.id] });
    const directory = await http<Directory>(t.url, 'GET', '/api/directory', { cookie: operator.cookie });
    const names = directory.body.employees.map((e) => e.name);
    expect(names).toContain('Olga');
    expect(names).not.toContain('Bookkeeper');
    expect(directory.body.departments.map((d) => d.id)).toContain(world.department.id);
    expect(JSON.stringify(directory.body)).not.toContain('@');
    expectError(await http(t.url, 'GET', '/api/directory', { cookie: noOmni.cookie }), 403, 'FORBIDDEN');
  });

  it('NAV-4: a channel tab lists the live chats of that channel', async () => {
    const world = await createWorld(t);
    const operator = await authAs(t, 'operator', { departments: [world.department.id] });
    const telegram = await createWidgetChannel(t, world.department.id);
    await t.dataSource.query("UPDATE channels SET type = 'telegram' WHERE id = $1", [telegram.id]);
    const visitor = await createVisitor(t, world.key);
    const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'web', clientMsgId: randomUUID() } });
    const web = await http<TicketList>(t.url, 'GET', '/api/tickets?view=channel&channel=widget', { cookie: operator.cookie });
    expect(web.body.items.map((i) => i.id)).toContain(sent.body.ticketId);
    const tg = await http<TicketList>(t.url, 'GET', '/api/tickets?view=channel&channel=telegram', { cookie: operator.cookie });
    expect(tg.body.items.map((i) => i.id)).not.toContain(sent.body.ticketId);
    expectError(await http(t.url, 'GET', '/api/tickets?view=channel', { cookie: operator.cookie }), 400, 'VALIDATION_FAILED');
  });

  it('SET-3: the live lists show only the displayed channels, in the displayed statuses', async () => {
    const { operator, ticketId } = await conversation({ take: false });
    const admin = await authAs(t, 'admin');
    const ids = async (view: string) => (await http<TicketList>(t.url, 'GET', `/api/tickets?${view}`, { cookie: operator.cookie })).body.items.map((i) => i.id);
    const show = (patch: object) => http(t.url, 'PATCH', '/api/settings/omni', { cookie: admin.cookie, body: patch });
    expect(await ids('view=unassigned')).toContain(ticketId);
    expect((await show({ displayedStatuses: ['in_progress', 'waiting', 'completed'] })).status).toBe(200);
    expect(await ids('view=unassigned')).not.toContain(ticketId);
    expect(await ids('view=channel&channel=widget')).not.toContain(ticketId);
    expect((await show({ displayedStatuses: ['open', 'in_progress'], displayedChannels: ['telegram'] })).status).toBe(200);
    expect(await ids('view=unassigned')).not.toContain(ticketId);
    expect((await show({ displayedChannels: ['widget', 'telegram'] })).status).toBe(200);
    expect(await ids('view=unassigned')).toContain(ticketId);
  });
});
