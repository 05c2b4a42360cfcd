import { randomUUID } from 'node:crypto';
import type { Message, TicketSummary, VisitorMessage, VisitorSyncResponse } from '@omnichannel/contracts';
import { authAs, authAsOperator, createDepartment, createVisitor, createWidgetChannel, createWorld } from '../../test/factories';
import { http } from '../../test/http';
import { collect, connectEmployee, connectVisitor, nextEvent, request, type TestSocket } from '../../test/sockets';
import { useTestApp } from '../../test/test-app';

describe('realtime gateway: the live loop over sockets', () => {
  const t = useTestApp();
  const track = (s: TestSocket) => {
    t.sockets.push(s);
    return s;
  };


  it('a visitor message reaches an operator live as a new Unassigned request, and the visitor gets the ack (WORK-1)', async () => {
    const { key, department } = await createWorld(t);
    const operator = await authAsOperator(t, 'Test Operator', [department.id]);
    const visitor = await createVisitor(t, key);
    const op = track(await connectEmployee(t.url, operator.cookie));
    const vs = track(await connectVisitor(t.url, visitor.token));

    const upserted = nextEvent(op, 'ticket:upserted');
    const ack = await request<VisitorMessage>(vs, 'visitor:send', { body: 'Is anyone there?', clientMsgId: randomUUID() });
    expect(ack).toMatchObject({ ok: true, data: { kind: 'client', body: 'Is anyone there?', seq: 1 } });
    const ticket = await upserted;
    expect(ticket).toMatchObject({ live: true, executor: null, lastMessage: { body: 'Is anyone there?' } });
  });

  it('the whole loop: take, reply reaches the visitor with delivery receipts, comment never does, complete (WORK-2, WORK-6, WORK-9, WORK-11)', async () => {
    const { key, department } = await createWorld(t);
    const operator = await authAsOperator(t, 'Olga', [department.id]);
    const visitor = await createVisitor(t, key);
    const op = track(await connectEmployee(t.url, operator.cookie));
    const vs = track(await connectVisitor(t.url, visitor.token));
    const visitorMessages = collect(vs, 'visitor:message');

    const first = await request<VisitorMessage>(vs, 'visitor:send', { body: 'Hello', clientMsgId: randomUUID() });
    if (!first.ok) throw new Error('send failed');
    const ticketId = first.data.ticketId;
    expect(await request(op, 'ticket:watch', { ticketId })).toEqual({ ok: true, data: { lastSeq: 1 } });

    const joined = nextEvent(vs, 'visitor:conversation', (c) => c.operatorName === 'Olga');
    await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie: operator.cookie });
    expect(await joined).toMatchObject({ ticketId, live: true, operatorName: 'Olga' });

    const commentSeen = nextEvent(op, 'message:created', (m) => m.kind === 'comment');
    await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie, body: { kind: 'comment', body: 'secret note' } });
    await commentSeen;

    const replyArrives = nextEvent(vs, 'visitor:message', (m) => m.kind === 'reply');
    const sentState = nextEvent(op, 'message:updated', (m) => m.delivery?.state === 'sent');
    const reply = await http<Message>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, {
      cookie: operator.cookie,
      body: { kind: 'reply', body: 'Hi! How can I help?' },
    });
    const delivered = await replyArrives;
    expect(delivered).toMatchObject({ id: reply.body.id, body: 'Hi! How can I help?', authorName: 'Olga' });
    await sentState;

    const deliveredState = nextEvent(op, 'message:updated', (m) => m.id === reply.body.id && m.delivery?.state === 'delivered');
    await request(vs, 'visitor:receipt', { messageIds: [reply.body.id], read: false });
    await deliveredState;
    const readState = nextEvent(op, 'message:updated', (m) => m.id === reply.body.id && m.delivery?.state === 'read');
    await request(vs, 'visitor:receipt', { messageIds: [reply.body.id], read: true });
    await readState;
    // Receipts never move backwards.
    await request(vs, 'visitor:receipt', { messageIds: [reply.body.id], read: false });
    const [row] = await t.dataSource.query<{ delivery_state: string }[]>('SELECT delivery_state FROM messages WHERE id = $1', [reply.body.id]);
    expect(row?.delivery_state).toBe('read');

    const completed = nextEvent(vs, 'visitor:conversation', (c) => !c.live);
    await http(t.url, 'POST', `/api/tickets/${ticketId}/complete`, { cookie: operator.cookie });
    await completed;

    expect(visitorMessages.items.map((m) => m.kind)).not.toContain('comment');
    expect(JSON.stringify(visitorMessages.items)).not.toContain('secret note');
    expect(visitorMessages.items.filter((m) => m.id === reply.body.id)).toHaveLength(1);
  });

  it('after a reconnect the visitor asks for everything after the last seq it saw: nothing missed, nothing twice (WGT-8)', async () => {
    const { key, department } = await createWorld(t);
    const operator = await authAsOperator(t, 'Test Operator', [department.id]);
    const visitor = await createVisitor(t, key);
    let vs = await connectVisitor(t.url, visitor.token);
    const first = await request<VisitorMessage>(vs, 'visitor:send', { body: 'before the drop', clientMsgId: randomUUID() });
    if (!first.ok) throw new Error('send failed');
    const ticketId = first.data.ticketId;
    vs.close();
    await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie: operator.cookie });

    // While the visitor is away: two replies and a comment.
    for (const [kind, body] of [
      ['reply', 'reply one'],
      ['comment', 'internal'],
      ['reply', 'reply two'],
    ] as const) {
      await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie, body: { kind, body } });
    }
    // Their delivery jobs find nobody and leave them queued; on a slow machine a job still pending when the
    // visitor is back would hand its reply over live instead, and the sync below would not offer it.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const [pending] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE queue_name = $1`, [`deliver:${ticketId}`]);
      if (pending?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    vs = track(await connectVisitor(t.url, visitor.token));
    const sync = await request<VisitorSyncResponse>(vs, 'visitor:sync', { ticketId, afterSeq: first.data.seq });
    if (!sync.ok) throw new Error('sync failed');
    // seq 2 is the "taken" entry, 4 the comment (never sent to the visitor)
    expect(sync.data.messages.map((m) => [m.seq, m.kind, m.kind === 'system' ? m.event?.type : m.body])).toEqual([
      [2, 'system', 'ticket.assigned'],
      [3, 'reply', 'reply one'],
      [5, 'reply', 'reply two'],
    ]);
    // Replies nobody received stay queued, so a sync keeps offering them until the widget's receipt.
    const unacknowledged = await request<VisitorSyncResponse>(vs, 'visitor:sync', { ticketId, afterSeq: 5 });
    expect(unacknowledged.ok && unacknowledged.data.messages.map((m) => m.body)).toEqual(['reply one', 'reply two']);
    const replyIds = sync.data.messages.filter((m) => m.kind === 'reply').map((m) => m.id);
    await request(vs, 'visitor:receipt', { messageIds: replyIds, read: false });
    const again = await request<VisitorSyncResponse>(vs, 'visitor:sync', { ticketId, afterSeq: 5 });
    expect(again.ok && again.data.messages).toEqual([]);
  });

  it('a message sent twice (offline retry) is stored once and acked with the same entry', async () => {
    const { key } = await createWorld(t);
    const visitor = await createVisitor(t, key);
    const vs = track(await connectVisitor(t.url, visitor.token));
    const clientMsgId = randomUUID();
    const acks = await Promise.all([1, 2, 3].map(() => request<VisitorMessage>(vs, 'visitor:send', { body: 'retry me', clientMsgId })));
    const ids = new Set(acks.map((a) => (a.ok ? a.data.id : 'error')));
    expect(ids.size).toBe(1);
    expect(ids.has('error')).toBe(false);
  });

  describe('access and bad input on sockets', () => {
    it('refuses a handshake without credentials, with a bad visitor token, or an employee socket from another origin', async () => {
      const { key, department } = await createWorld(t);
      const operator = await authAsOperator(t, 'Test Operator', [department.id]);
      await expect(connectEmployee(t.url, 'omni_session=nope')).rejects.toThrow(/Sign in first/);
      await expect(connectVisitor(t.url, 'x'.repeat(43))).rejects.toThrow(/no longer valid/);
      await expect(connectVisitor(t.url, 'short')).rejects.toThrow();
      const { io } = await import('socket.io-client');
      const foreign = io(t.url, {
        path: '/socket.io',
        transports: ['websocket'],
        extraHeaders: { cookie: operator.cookie, origin: 'https://evil.example' },
        reconnection: false,
        forceNew: true,
      });
      await expect(
        new Promise((resolve, reject) => {
          foreign.once('connect', () => resolve('connected'));
          foreign.once('connect_error', reject);
        }),
      ).rejects.toThrow(/origin/);
      foreign.close();
      // key exists but a visitor token is needed to connect; this proves the widget path is not open
      expect(key).toBeTruthy();
    });

    it('a visitor cannot read or watch anyone else\'s conversation, nor call employee events', async () => {
      const { key } = await createWorld(t);
      const a = await createVisitor(t, key);
      const b = await createVisitor(t, key);
      const va = track(await connectVisitor(t.url, a.token));
      const vb = track(await connectVisitor(t.url, b.token));
      const sent = await request<VisitorMessage>(va, 'visitor:send', { body: 'private to A', clientMsgId: randomUUID() });
      if (!sent.ok) throw new Error('send failed');
      const bSees = collect(vb, 'visitor:message');

      const sync = await request(vb, 'visitor:sync', { ticketId: sent.data.ticketId, afterSeq: 0 });
      expect(sync).toMatchObject({ ok: false, error: { code: 'CONVERSATION_NOT_FOUND' } });
      const watch = await request(vb, 'ticket:watch', { ticketId: sent.data.ticketId });
      expect(watch).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const receipt = await request(vb, 'visitor:receipt', { messageIds: [sent.data.id] });
      expect(receipt).toMatchObject({ ok: true });

      await request(va, 'visitor:send', { body: 'still private', clientMsgId: randomUUID() });
      const restB = await http<{ conversation: unknown }>(t.url, 'GET', '/api/widget/state', { token: b.token });
      expect(restB.body.conversation).toBeNull();
      expect(bSees.items).toEqual([]);
    });

    it('an employee cannot call visitor events', async () => {
      const operator = await authAsOperator(t, 'Test Operator');
      const op = track(await connectEmployee(t.url, operator.cookie));
      const result = await request(op, 'visitor:send', { body: 'x', clientMsgId: randomUUID() });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('invalid payloads get an error ack with a code, store nothing, and keep the socket alive', async () => {
      const { key } = await createWorld(t);
      const visitor = await createVisitor(t, key);
      const vs = track(await connectVisitor(t.url, visitor.token));
      const [before] = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM messages');
      for (const payload of [null, 'text', 42, [], {}, { body: 'x' }, { body: { $ne: null }, clientMsgId: randomUUID() }, { body: '', clientMsgId: randomUUID() }]) {
        const ack = await request(vs, 'visitor:send', payload);
        expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      }
      const tooLong = await request(vs, 'visitor:send', { body: 'x'.repeat(10_001), clientMsgId: randomUUID() });
      expect(tooLong).toMatchObject({ ok: false, error: { code: 'MESSAGE_TOO_LONG' } });
      const [after] = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM messages');
      expect(after?.n).toBe(before?.n);
      expect(vs.connected).toBe(true);
      const fine = await request(vs, 'visitor:send', { body: 'still works', clientMsgId: randomUUID() });
      expect(fine.ok).toBe(true);
    });

    it('a visitor sending faster than a person types is slowed down', async () => {
      const { key } = await createWorld(t);
      const visitor = await createVisitor(t, key);
      const vs = track(await connectVisitor(t.url, visitor.token));
      const acks = await Promise.all(
        Array.from({ length: 25 }, (_, i) => request(vs, 'visitor:send', { body: `flood ${i}`, clientMsgId: randomUUID() })),
      );
      const limited = acks.filter((a) => !a.ok);
      expect(limited.length).toBe(5);
      expect(limited[0]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    });

    it('an operator watching a ticket that does not exist is told so', async () => {
      const operator = await authAsOperator(t, 'Test Operator');
      const op = track(await connectEmployee(t.url, operator.cookie));
      expect(await request(op, 'ticket:watch', { ticketId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
      expect(await request(op, 'ticket:watch', { ticketId: 'nope' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    });

    it('signing out closes that session\'s sockets', async () => {
      const operator = await authAsOperator(t, 'Test Operator');
      const op = track(await connectEmployee(t.url, operator.cookie));
      const closed = new Promise<string>((resolve) => op.once('disconnect', (reason) => resolve(reason)));
      const out = await http(t.url, 'POST', '/api/auth/sign-out', { cookie: operator.cookie });
      expect(out.status).toBe(204);
      expect(await closed).toBe('io server disconnect');
      expect((await http(t.url, 'GET', '/api/auth/me', { cookie: operator.cookie })).status).toBe(401);
    });
  });

  it('an operator does not receive events of tickets they do not watch, beyond the list update', async () => {
    const { key, department } = await createWorld(t);
    const operator = await authAsOperator(t, 'Test Operator', [department.id]);
    const visitor = await createVisitor(t, key);
    const op = track(await connectEmployee(t.url, operator.cookie));
    const messages = collect(op, 'message:created');
    const lists = collect(op, 'ticket:upserted');
    const vs = track(await connectVisitor(t.url, visitor.token));
    const upserted = nextEvent(op, 'ticket:upserted');
    await request(vs, 'visitor:send', { body: 'hi', clientMsgId: randomUUID() });
    const ticket: TicketSummary = await upserted;
    expect(ticket.lastMessage?.body).toBe('hi');
    expect(messages.items).toEqual([]);
    expect(lists.items.length).toBeGreaterThan(0);
  });

  describe('a ticket that leaves an employee\'s view stops reaching their sockets (PERM-6, issue #10)', () => {
    /** A conversation in department X taken by Anna, watched by her colleague Boris; department Y's Vera stands by. */
    async function watchedConversation() {
      const x = await createDepartment(t, 'X');
      const y = await createDepartment(t, 'Y');
      const channel = await createWidgetChannel(t, x.id);
      const anna = await authAsOperator(t, 'Anna', [x.id]);
      const boris = await authAsOperator(t, 'Boris', [x.id]);
      const vera = await authAsOperator(t, 'Vera', [y.id]);
      const visitor = await createVisitor(t, channel.publicKey as string);
      const vs = track(await connectVisitor(t.url, visitor.token));
      const first = await request<VisitorMessage>(vs, 'visitor:send', { body: 'Hello', clientMsgId: randomUUID() });
      if (!first.ok) throw new Error('send failed');
      const ticketId = first.data.ticketId;
      await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie: anna.cookie });
      const annaSocket = track(await connectEmployee(t.url, anna.cookie));
      const borisSocket = track(await connectEmployee(t.url, boris.cookie));
      expect(await request(annaSocket, 'ticket:watch', { ticketId })).toMatchObject({ ok: true });
      expect(await request(borisSocket, 'ticket:watch', { ticketId })).toMatchObject({ ok: true });
      return { x, y, anna, boris, vera, vs, ticketId, annaSocket, borisSocket };
    }

    it('after a transfer to a department they cannot see: no client messages, comments or visitor typing, and their typing no longer reaches the visitor', async () => {
      const { y, anna, vera, vs, ticketId, annaSocket, borisSocket } = await watchedConversation();
      const heard = [annaSocket, borisSocket].map((s) => ({ messages: collect(s, 'message:created'), typing: collect(s, 'ticket:typing') }));
      const visitorTyping = collect(vs, 'visitor:typing');

      const moved = await http(t.url, 'POST', `/api/tickets/${ticketId}/transfer`, { cookie: anna.cookie, body: { departmentId: y.id } });
      expect(moved.status).toBe(200);
      expect((await http(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: anna.cookie })).status).toBe(404);

      // Vera, in department Y, watches now and hears everything that follows: the control for "nothing".
      const veraSocket = track(await connectEmployee(t.url, vera.cookie));
      expect(await request(veraSocket, 'ticket:watch', { ticketId })).toMatchObject({ ok: true });
      const veraTyping = nextEvent(veraSocket, 'ticket:typing', (e) => e.who.type === 'client');
      vs.emit('visitor:typing', { text: 'secret plans' });
      await veraTyping;
      const veraClient = nextEvent(veraSocket, 'message:created', (m) => m.kind === 'client' && m.body === 'Are you there?');
      await request(vs, 'visitor:send', { body: 'Are you there?', clientMsgId: randomUUID() });
      await veraClient;
      const veraComment = nextEvent(veraSocket, 'message:created', (m) => m.kind === 'comment');
      await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie: vera.cookie, body: { kind: 'comment', body: 'internal only' } });
      await veraComment;
      // Their typing: dropped, while Vera's reaches the visitor.
      annaSocket.emit('ticket:typing', { ticketId, typing: true });
      borisSocket.emit('ticket:typing', { ticketId, typing: true });
      const veraTypes = nextEvent(vs, 'visitor:typing', (e) => e.operatorName === 'Vera');
      veraSocket.emit('ticket:typing', { ticketId, typing: true });
      await veraTypes;

      for (const h of heard) {
        expect(h.messages.items.filter((m) => m.kind !== 'system')).toEqual([]);
        expect(h.typing.items).toEqual([]);
      }
      expect(visitorTyping.items.map((e) => e.operatorName)).toEqual(['Vera']);
    });

    it('removed from the department, a watcher\'s sockets close; reconnected, the conversation is not theirs to watch', async () => {
      const { x, y, boris, borisSocket, ticketId } = await watchedConversation();
      const admin = await authAs(t, 'admin', { departments: [x.id, y.id] });
      const members = await t.dataSource.query<{ employee_id: string }[]>('SELECT employee_id FROM department_members WHERE department_id = $1', [x.id]);
      const closed = new Promise((resolve) => borisSocket.once('disconnect', resolve));
      const moved = await http(t.url, 'PUT', `/api/departments/${x.id}`, {
        cookie: admin.cookie,
        body: { name: 'X', memberIds: members.map((m) => m.employee_id).filter((id) => id !== boris.id) },
      });
      expect(moved.status).toBe(200);
      await closed;
      const again = track(await connectEmployee(t.url, boris.cookie));
      expect(await request(again, 'ticket:watch', { ticketId })).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
    });

    it('a request put back into the queue leaves the sockets of those without the Unassigned right (PERM-2)', async () => {
      const x = await createDepartment(t, 'X');
      const channel = await createWidgetChannel(t, x.id);
      const supervisor = await authAs(t, 'supervisor', { departments: [x.id] });
      const omniOnly = await authAs(t, 'omniOnly', { name: 'Olga', departments: [x.id] });
      const visitor = await createVisitor(t, channel.publicKey as string);
      const vs = track(await connectVisitor(t.url, visitor.token));
      const first = await request<VisitorMessage>(vs, 'visitor:send', { body: 'Hello', clientMsgId: randomUUID() });
      if (!first.ok) throw new Error('send failed');
      const ticketId = first.data.ticketId;
      const olga = track(await connectEmployee(t.url, omniOnly.cookie));
      // Unassigned: not hers to see.
      expect(await request(olga, 'ticket:watch', { ticketId })).toMatchObject({ ok: false, error: { code: 'TICKET_NOT_FOUND' } });
      expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/transfer`, { cookie: supervisor.cookie, body: { employeeId: omniOnly.id } })).status).toBe(200);
      expect(await request(olga, 'ticket:watch', { ticketId })).toMatchObject({ ok: true });
      const messages = collect(olga, 'message:created');

      // Back to the department's queue, nobody's: Olga's socket leaves the conversation.
      expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/transfer`, { cookie: supervisor.cookie, body: { departmentId: x.id } })).status).toBe(200);
      const sup = track(await connectEmployee(t.url, supervisor.cookie));
      expect(await request(sup, 'ticket:watch', { ticketId })).toMatchObject({ ok: true });
      const control = nextEvent(sup, 'message:created', (m) => m.kind === 'client' && m.body === 'still here');
      await request(vs, 'visitor:send', { body: 'still here', clientMsgId: randomUUID() });
      await control;
      expect(messages.items.filter((m) => m.kind === 'client')).toEqual([]);
    });
  });

  describe('replies that wait are neither skipped nor called sent (issue #16)', () => {
    it('a reply nobody received stays queued; the sync after the visitor\'s later message still returns it; receipts then move it on', async () => {
      const { key, department } = await createWorld(t);
      const operator = await authAsOperator(t, 'Olga', [department.id]);
      const visitor = await createVisitor(t, key);
      const first = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'Hello', clientMsgId: randomUUID() } });
      const ticketId = first.body.ticketId;
      await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie: operator.cookie });
      const op = track(await connectEmployee(t.url, operator.cookie));
      await request(op, 'ticket:watch', { ticketId });

      // The visitor has no socket: the reply's delivery reaches nobody and it must not claim "sent".
      const reply = await http<Message>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie: operator.cookie, body: { kind: 'reply', body: 'Are you still there?' } });
      const state = async () => (await t.dataSource.query<{ delivery_state: string }[]>('SELECT delivery_state FROM messages WHERE id = $1', [reply.body.id]))[0]?.delivery_state;
      const deadline = Date.now() + 3000;
      while (Date.now() < deadline && (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM graphile_worker.jobs`))[0]?.n) await new Promise((r) => setTimeout(r, 50));
      expect(await state()).toBe('queued');

      // The visitor writes again (a later seq), then connects and syncs from the newest seq they hold.
      const later = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'Yes!', clientMsgId: randomUUID() } });
      expect(later.body.seq).toBeGreaterThan(reply.body.seq);
      const vs = track(await connectVisitor(t.url, visitor.token));
      const synced = await request<{ messages: VisitorMessage[] }>(vs, 'visitor:sync', { ticketId, afterSeq: later.body.seq });
      if (!synced.ok) throw new Error('sync failed');
      expect(synced.data.messages.map((m) => m.id)).toEqual([reply.body.id]);

      const delivered = nextEvent(op, 'message:updated', (m) => m.id === reply.body.id && m.delivery?.state === 'delivered');
      await request(vs, 'visitor:receipt', { messageIds: [reply.body.id], read: false });
      await delivered;
      // Received: a later sync from the same point returns nothing more.
      const again = await request<{ messages: VisitorMessage[] }>(vs, 'visitor:sync', { ticketId, afterSeq: later.body.seq });
      expect(again.ok && again.data.messages).toEqual([]);
    });

    it('a reply is sent once a socket of the visitor acknowledged it', async () => {
      const { key, department } = await createWorld(t);
      const operator = await authAsOperator(t, 'Olga', [department.id]);
      const visitor = await createVisitor(t, key);
      const vs = track(await connectVisitor(t.url, visitor.token));
      const acked: string[] = [];
      (vs as unknown as { on(e: string, h: (m: VisitorMessage, ack?: () => void) => void): void }).on('visitor:message', (m, ack) => {
        acked.push(m.id);
        ack?.();
      });
      const first = await request<VisitorMessage>(vs, 'visitor:send', { body: 'Hello', clientMsgId: randomUUID() });
      if (!first.ok) throw new Error('send failed');
      await http(t.url, 'POST', `/api/tickets/${first.data.ticketId}/take`, { cookie: operator.cookie });
      const op = track(await connectEmployee(t.url, operator.cookie));
      await request(op, 'ticket:watch', { ticketId: first.data.ticketId });
      const reply = await http<Message>(t.url, 'POST', `/api/tickets/${first.data.ticketId}/messages`, { cookie: operator.cookie, body: { kind: 'reply', body: 'Hi' } });
      await nextEvent(op, 'message:updated', (m) => m.id === reply.body.id && m.delivery?.state === 'sent');
      expect(acked).toContain(reply.body.id);
    });
  });
});
