import { randomUUID } from 'node:crypto';
import {
  MAX_MESSAGE_LENGTH,
  type Message,
  type MessagePage,
  type TicketDetail,
  type TicketList,
  type TicketSummary,
  type VisitorMessage,
  type VisitorState,
} from '@omnichannel/contracts';
import { authAs, authAsOperator, createVisitor, createWorld } from '../../../test/factories';
import { expectError, http } from '../../../test/http';
import { connectVisitor } from '../../../test/sockets';
import { useTestApp } from '../../../test/test-app';

describe('tickets: the live loop over REST (WORK-1, WORK-2, WORK-6, WORK-11, CORE-5)', () => {
  // The history test writes 25 messages as one visitor at once: faster than the visitor limit (issue #10 point 6) allows.
  const t = useTestApp({ config: { VISITOR_MESSAGE_RATE_LIMIT: 1000 } });


  async function visitorWrites(key: string, body = 'Hello, my bike has a flat tyre') {
    const visitor = await createVisitor(t, key);
    const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', {
      token: visitor.token,
      body: { body, clientMsgId: randomUUID(), page: { url: 'https://shop.example/bikes?id=7', referrer: 'https://search.example/' } },
      headers: { 'user-agent': 'IntegrationTest/1.0' },
    });
    expect(sent.status).toBe(201);
    return { visitor, message: sent.body };
  }

  const count = async (_table: 'messages') => Number((await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM messages'))[0]?.n);

  it('a visitor message opens a ticket in Unassigned with its source details (WORK-1, WORK-4)', async () => {
    const { key, department } = await createWorld(t);
    const operator = await authAsOperator(t, 'Test Operator', [department.id]);
    const { message } = await visitorWrites(key);

    const list = await http<TicketList>(t.url, 'GET', '/api/tickets?view=unassigned', { cookie: operator.cookie });
    expect(list.status).toBe(200);
    const ticket = list.body.items.find((i) => i.id === message.ticketId);
    expect(ticket).toMatchObject({
      status: 'open',
      live: true,
      executor: null,
      department: { id: department.id },
      channel: { type: 'widget' },
      client: { name: 'Visitor' },
      lastMessage: { kind: 'client', body: 'Hello, my bike has a flat tyre' },
      subject: 'Hello, my bike has a flat tyre',
    });
    expect(ticket?.number).toBeGreaterThan(0);
    expect(ticket?.waitingSince).not.toBeNull();

    const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${message.ticketId}`, { cookie: operator.cookie });
    expect(detail.body.source).toEqual({
      pageUrl: 'https://shop.example/bikes?id=7',
      referrer: 'https://search.example/',
      ip: '127.0.0.1',
      userAgent: 'IntegrationTest/1.0',
    });
  });

  it('ticket numbers are sequential and history sequence numbers are per ticket', async () => {
    const { key, department } = await createWorld(t);
    const a = await visitorWrites(key, 'first');
    const b = await visitorWrites(key, 'second');
    const operator = await authAsOperator(t, 'Test Operator', [department.id]);
    const [ta, tb] = await Promise.all(
      [a, b].map((x) => http<TicketDetail>(t.url, 'GET', `/api/tickets/${x.message.ticketId}`, { cookie: operator.cookie })),
    );
    expect((tb?.body.number ?? 0) - (ta?.body.number ?? 0)).toBe(1);
    expect(a.message.seq).toBe(1);
    expect(b.message.seq).toBe(1);
  });

  it('take: the executor is set, the ticket leaves Unassigned and shows in All chats (WORK-2, WORK-3)', async () => {
    const { key, department } = await createWorld(t);
    const operator = await authAsOperator(t, 'Olga', [department.id]);
    const { message } = await visitorWrites(key);
    const taken = await http<TicketSummary>(t.url, 'POST', `/api/tickets/${message.ticketId}/take`, { cookie: operator.cookie });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ executor: { id: operator.id, name: 'Olga' }, status: 'in_progress' });

    const unassigned = await http<TicketList>(t.url, 'GET', '/api/tickets?view=unassigned', { cookie: operator.cookie });
    expect(unassigned.body.items.map((i) => i.id)).not.toContain(message.ticketId);
    const mine = await http<TicketList>(t.url, 'GET', '/api/tickets?view=mine', { cookie: operator.cookie });
    expect(mine.body.items.map((i) => i.id)).toContain(message.ticketId);

    const history = await http<MessagePage>(t.url, 'GET', `/api/tickets/${message.ticketId}/messages`, { cookie: operator.cookie });
    expect(history.body.items.map((m) => [m.seq, m.kind, m.event?.type ?? null])).toEqual([
      [1, 'client', null],
      [2, 'system', 'ticket.assigned'],
    ]);
    // Taking again by the same employee is harmless.
    const again = await http(t.url, 'POST', `/api/tickets/${message.ticketId}/take`, { cookie: operator.cookie });
    expect(again.status).toBe(200);
  });

  it('take race: of many simultaneous takers exactly one wins, the others are told who did (WORK-2)', async () => {
    const { key, department } = await createWorld(t);
    const operators = await Promise.all(Array.from({ length: 8 }, (_, i) => authAsOperator(t, `Racer ${i}`, [department.id])));
    for (let round = 0; round < 5; round++) {
      const { message } = await visitorWrites(key, `race ${round}`);
      const results = await Promise.all(
        operators.map((o) => http<TicketSummary>(t.url, 'POST', `/api/tickets/${message.ticketId}/take`, { cookie: o.cookie })),
      );
      const winners = results.filter((r) => r.status === 200);
      const losers = results.filter((r) => r.status !== 200);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(operators.length - 1);
      for (const loser of losers) {
        expectError(loser, 409, 'TICKET_ALREADY_TAKEN');
        expect((loser.body as unknown as { message: string }).message).toContain(winners[0]?.body.executor?.name);
      }
      const [row] = await t.dataSource.query<{ executor_id: string; assigned: string }[]>(
        `SELECT t.executor_id, (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id AND m.kind = 'system') AS assigned
           FROM tickets t WHERE t.id = $1`,
        [message.ticketId],
      );
      expect(row?.executor_id).toBe(winners[0]?.body.executor?.id);
      expect(Number(row?.assigned)).toBe(1);
    }
  });

  it('a reply reaches the visitor, a comment never does (WORK-6)', async () => {
    const { key, department } = await createWorld(t);
    const operator = await authAsOperator(t, 'Test Operator', [department.id]);
    const { visitor, message } = await visitorWrites(key);
    await http(t.url, 'POST', `/api/tickets/${message.ticketId}/take`, { cookie: operator.cookie });

    const comment = await http<Message>(t.url, 'POST', `/api/tickets/${message.ticketId}/messages`, {
      cookie: operator.cookie,
      body: { kind: 'comment', body: 'INTERNAL: customer is a VIP' },
    });
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({ kind: 'comment', delivery: null, author: { type: 'employee', id: operator.id } });

    const reply = await http<Message>(t.url, 'POST', `/api/tickets/${message.ticketId}/messages`, {
      cookie: operator.cookie,
      body: { kind: 'reply', body: 'We can fix it today' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.delivery?.state).toBe('queued');

    const state = await http<VisitorState>(t.url, 'GET', '/api/widget/state', { token: visitor.token });
    expect(state.status).toBe(200);
    const bodies = state.body.messages.map((m) => m.body);
    expect(bodies).toContain('We can fix it today');
    expect(bodies.join('\n')).not.toContain('INTERNAL');
    expect(JSON.stringify(state.body)).not.toContain('VIP');
    expect(state.body.conversation).toMatchObject({ ticketId: message.ticketId, live: true, operatorName: operator.name });

    // The reply left the client's waiting state.
    const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${message.ticketId}`, { cookie: operator.cookie });
    expect(detail.body.waitingSince).toBeNull();
  });

  it('a reply is delivered by the durable queue: queued → sent once the visitor\'s widget has it (WORK-9, issue #16)', async () => {
    const { key, department } = await createWorld(t);
    const operator = await authAsOperator(t, 'Test Operator', [department.id]);
    const { message, visitor } = await visitorWrites(key);
    t.sockets.push(await connectVisitor(t.url, visitor.token));
    await http(t.url, 'POST', `/api/tickets/${message.ticketId}/take`, { cookie: operator.cookie });
    const reply = await http<Message>(t.url, 'POST', `/api/tickets/${message.ticketId}/messages`, {
      cookie: operator.cookie,
      body: { kind: 'reply', body: 'On our way' },
    });
    const deadline = Date.now() + 10_000;
    let state = 'queued';
    while (state === 'queued' && Date.now() < deadline) {
      const [row] = await t.dataSource.query<{ delivery_state: string }[]>('SELECT delivery_state FROM messages WHERE id = $1', [reply.body.id]);
      state = row?.delivery_state ?? 'missing';
      if (state === 'queued') await new Promise((r) => setTimeout(r, 20));
    }
    expect(state).toBe('sent');
  });

  it('complete: the chat leaves the active lists and the ticket is completed; replies are then refused (WORK-11)', async () => {
    const { key, department } = await createWorld(t);
    const operator = await authAsOperator(t, 'Test Operator', [department.id]);
    const { visitor, message } = await visitorWrites(key);
    await http(t.url, 'POST', `/api/tickets/${message.ticketId}/take`, { cookie: operator.cookie });
    const done = await http<TicketSummary>(t.url, 'POST', `/api/tickets/${message.ticketId}/complete`, { cookie: operator.cookie });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ live: false, status: 'completed' });
    expect(done.body.completedAt).not.toBeNull();

    const mine = await http<TicketList>(t.url, 'GET', '/api/tickets?view=mine', { cookie: operator.cookie });
    expect(mine.body.items.map((i) => i.id)).not.toContain(message.ticketId);
    expectError(await http(t.url, 'POST', `/api/tickets/${message.ticketId}/complete`, { cookie: operator.cookie }), 409, 'TICKET_NOT_LIVE');
    expectError(
      await http(t.url, 'POST', `/api/tickets/${message.ticketId}/messages`, { cookie: operator.cookie, body: { kind: 'reply', body: 'late' } }),
      409,
      'TICKET_NOT_LIVE',
    );
    expectError(await http(t.url, 'POST', `/api/tickets/${message.ticketId}/take`, { cookie: operator.cookie }), 409, 'TICKET_NOT_LIVE');

    // The visitor sees the completion; writing again opens a new request.
    const state = await http<VisitorState>(t.url, 'GET', '/api/widget/state', { token: visitor.token });
    expect(state.body.conversation?.live).toBe(false);
    expect(state.body.messages.at(-1)).toMatchObject({ kind: 'system' });
    const again = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', {
      token: visitor.token,
      body: { body: 'One more question', clientMsgId: randomUUID() },
    });
    expect(again.body.ticketId).not.toBe(message.ticketId);
    expect(again.body.seq).toBe(1);
  });

  it('history pages: newest first by default, older pages by beforeSeq, resume by afterSeq (WORK-12)', async () => {
    const { key, department } = await createWorld(t);
    const operator = await authAsOperator(t, 'Test Operator', [department.id]);
    const { visitor, message } = await visitorWrites(key, 'm1');
    for (let i = 2; i <= 25; i++) {
      await http(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: `m${i}`, clientMsgId: randomUUID() } });
    }
    const base = `/api/tickets/${message.ticketId}/messages`;
    const newest = await http<MessagePage>(t.url, 'GET', `${base}?limit=10`, { cookie: operator.cookie });
    expect(newest.body.items.map((m) => m.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    expect(newest.body.hasMore).toBe(true);
    const older = await http<MessagePage>(t.url, 'GET', `${base}?limit=10&beforeSeq=16`, { cookie: operator.cookie });
    expect(older.body.items.map((m) => m.seq)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const oldest = await http<MessagePage>(t.url, 'GET', `${base}?limit=10&beforeSeq=6`, { cookie: operator.cookie });
    expect(oldest.body).toMatchObject({ hasMore: false });
    expect(oldest.body.items.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    const resumed = await http<MessagePage>(t.url, 'GET', `${base}?afterSeq=22`, { cookie: operator.cookie });
    expect(resumed.body.items.map((m) => m.body)).toEqual(['m23', 'm24', 'm25']);
    expect(resumed.body.hasMore).toBe(false);
  });

  it('retried sends with the same clientMsgId store one entry (visitor and employee)', async () => {
    const { key, department } = await createWorld(t);
    const operator = await authAsOperator(t, 'Test Operator', [department.id]);
    const visitor = await createVisitor(t, key);
    const clientMsgId = randomUUID();
    const sends = await Promise.all(
      Array.from({ length: 6 }, () =>
        http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'once', clientMsgId } }),
      ),
    );
    expect(new Set(sends.map((s) => s.status))).toEqual(new Set([201]));
    expect(new Set(sends.map((s) => s.body.id)).size).toBe(1);
    const ticketId = sends[0]?.body.ticketId as string;
    await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie: operator.cookie });

    const replyId = randomUUID();
    const replies = await Promise.all(
      Array.from({ length: 4 }, () =>
        http<Message>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, {
          cookie: operator.cookie,
          body: { kind: 'reply', body: 'once too', clientMsgId: replyId },
        }),
      ),
    );
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    const [row] = await t.dataSource.query<{ n: string }[]>("SELECT count(*) AS n FROM messages WHERE ticket_id = $1 AND kind <> 'system'", [ticketId]);
    expect(Number(row?.n)).toBe(2);
  });

  it('PERM-2: without the Unassigned right a request nobody has taken does not exist for the employee, anywhere (issue #10)', async () => {
    const { key, department } = await createWorld(t);
    const olga = await authAs(t, 'omniOnly', { name: 'Olga', departments: [department.id] });
    const operator = await authAsOperator(t, 'Anna', [department.id]);
    const { message } = await visitorWrites(key, 'Unassigned and private');
    const id = message.ticketId;
    const hidden = async () => {
      expectError(await http(t.url, 'GET', `/api/tickets/${id}`, { cookie: olga.cookie }), 404, 'TICKET_NOT_FOUND');
      expectError(await http(t.url, 'GET', `/api/tickets/${id}/messages`, { cookie: olga.cookie }), 404, 'TICKET_NOT_FOUND');
      expectError(await http(t.url, 'GET', `/api/tickets/${id}/previous`, { cookie: olga.cookie }), 404, 'TICKET_NOT_FOUND');
      const found = await http<{ items: TicketSummary[]; total: number }>(t.url, 'GET', '/api/tickets/search?q=Unassigned', { cookie: olga.cookie });
      expect(found.status).toBe(200);
      expect(found.body.items.map((i) => i.id)).not.toContain(id);
      const channel = await http<TicketList>(t.url, 'GET', '/api/tickets?view=channel&channel=widget', { cookie: olga.cookie });
      expect(channel.body.items.map((i) => i.id)).not.toContain(id);
      expectError(await http(t.url, 'POST', `/api/tickets/${id}/messages`, { cookie: olga.cookie, body: { kind: 'comment', body: 'x' } }), 404, 'TICKET_NOT_FOUND');
    };
    await hidden();
    // Once someone has taken it, it is part of the department's work and Olga sees it.
    expect((await http(t.url, 'POST', `/api/tickets/${id}/take`, { cookie: operator.cookie })).status).toBe(200);
    expect((await http(t.url, 'GET', `/api/tickets/${id}`, { cookie: olga.cookie })).status).toBe(200);
    const search = await http<{ items: TicketSummary[] }>(t.url, 'GET', '/api/tickets/search?q=Unassigned', { cookie: olga.cookie });
    expect(search.body.items.map((i) => i.id)).toContain(id);
    // Put back into the queue, it is gone again.
    expect((await http(t.url, 'POST', `/api/tickets/${id}/transfer`, { cookie: operator.cookie, body: { departmentId: department.id } })).status).toBe(200);
    await hidden();
    const [comments] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1 AND kind = 'comment'`, [id]);
    expect(comments?.n).toBe(0);
  });

  describe('bad input gets a clear error and stores nothing', () => {
    let ticketId: string;
    let cookie: string;
    let token: string;

    beforeAll(async () => {
      const { key, department } = await createWorld(t);
      const operator = await authAsOperator(t, 'Test Operator', [department.id]);
      const { visitor, message } = await visitorWrites(key);
      ticketId = message.ticketId;
      cookie = operator.cookie;
      token = visitor.token;
    });

    const cases: [string, unknown][] = [
      ['missing body', { kind: 'reply' }],
      ['empty text', { kind: 'reply', body: '   ' }],
      ['unknown kind', { kind: 'broadcast', body: 'x' }],
      ['object instead of text', { kind: 'reply', body: { $ne: null } }],
      ['array instead of object', [1, 2, 3]],
      ['bad clientMsgId', { kind: 'reply', body: 'x', clientMsgId: "' OR 1=1--" }],
    ];

    it.each(cases)('employee message with %s → 400 VALIDATION_FAILED', async (_name, body) => {
      const before = await count('messages');
      const result = await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie, body });
      expectError(result, 400, 'VALIDATION_FAILED');
      expect(await count('messages')).toBe(before);
    });

    it('a message over the maximum length → 400 MESSAGE_TOO_LONG, for employees and visitors', async () => {
      const before = await count('messages');
      const long = 'x'.repeat(MAX_MESSAGE_LENGTH + 1);
      const employee = await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie, body: { kind: 'reply', body: long } });
      expectError(employee, 400, 'MESSAGE_TOO_LONG');
      expect((employee.body as { message: string }).message).toContain(String(MAX_MESSAGE_LENGTH));
      const visitor = await http(t.url, 'POST', '/api/widget/messages', { token, body: { body: long, clientMsgId: randomUUID() } });
      expectError(visitor, 400, 'MESSAGE_TOO_LONG');
      // exactly the maximum is fine
      const max = await http(t.url, 'POST', '/api/widget/messages', {
        token,
        body: { body: 'y'.repeat(MAX_MESSAGE_LENGTH), clientMsgId: randomUUID() },
      });
      expect(max.status).toBe(201);
      expect(await count('messages')).toBe(before + 1);
    });

    it('malformed JSON → 400 with a code; a huge body → 413', async () => {
      expectError(await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie, body: '{"kind": "reply", ' }), 400, 'VALIDATION_FAILED');
      const huge = JSON.stringify({ kind: 'reply', body: 'z'.repeat(2_000_000) });
      expectError(await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie, body: huge }), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('a malformed or unknown ticket id → 400 / 404, never 500', async () => {
      expectError(await http(t.url, 'GET', '/api/tickets/not-a-uuid', { cookie }), 400, 'VALIDATION_FAILED');
      expectError(await http(t.url, 'GET', `/api/tickets/${randomUUID()}`, { cookie }), 404, 'TICKET_NOT_FOUND');
      expectError(await http(t.url, 'POST', `/api/tickets/${randomUUID()}/take`, { cookie }), 404, 'TICKET_NOT_FOUND');
      expectError(await http(t.url, 'GET', '/api/tickets?view=everything', { cookie }), 400, 'VALIDATION_FAILED');
      expectError(await http(t.url, 'GET', `/api/tickets/${ticketId}/messages?limit=100000`, { cookie }), 400, 'VALIDATION_FAILED');
      expectError(await http(t.url, 'GET', `/api/tickets/${ticketId}/messages?afterSeq=1&beforeSeq=4`, { cookie }), 400, 'VALIDATION_FAILED');
    });

    it('no session → 401 on every ticket route', async () => {
      for (const [method, path] of [
        ['GET', '/api/tickets?view=unassigned'],
        ['GET', `/api/tickets/${ticketId}`],
        ['GET', `/api/tickets/${ticketId}/messages`],
        ['POST', `/api/tickets/${ticketId}/take`],
        ['POST', `/api/tickets/${ticketId}/complete`],
      ] as const) {
        expectError(await http(t.url, method, path), 401, 'UNAUTHENTICATED');
      }
      // a visitor token is not an employee session
      expectError(await http(t.url, 'GET', '/api/tickets?view=unassigned', { token }), 401, 'UNAUTHENTICATED');
    });
  });
});
