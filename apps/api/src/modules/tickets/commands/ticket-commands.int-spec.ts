import { randomUUID } from 'node:crypto';
import type { DispatchRule, DispatchRuleInput, Message, MessagePage, Template, TicketDetail, VisitorMessage, VisitorState } from '@omnichannel/contracts';
import { authAs, createDepartment, createVisitor, createWorld } from '../../../../test/factories';
import { http, uploadFile } from '../../../../test/http';
import { useTestApp } from '../../../../test/test-app';
import { EventConsumers } from '../../../events/event-consumers';
import { TicketCommands } from './ticket-commands';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2218bc50000000049454e44ae426082',
  'hex',
);

/**
 * Issue #9: people and dispatcher rules change tickets through the same commands, so the same change
 * leaves the same ticket whoever makes it (they used to disagree on a transfer and on a template reply).
 */
describe('ticket commands: one way to change a ticket (issue #9)', () => {
  const t = useTestApp({ config: { DISPATCH_SWEEP_MS: 600_000, WIDGET_SESSION_RATE_LIMIT: 10_000 }, reset: 'each' });


  async function write(key: string, body: string, visitor?: { token: string }) {
    const v = visitor ?? (await createVisitor(t, key));
    const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: v.token, body: { body, clientMsgId: randomUUID() } });
    expect(sent.status).toBe(201);
    return { visitor: v, ticketId: sent.body.ticketId };
  }

  async function rule(cookie: string, input: DispatchRuleInput): Promise<DispatchRule> {
    const created = await http<DispatchRule>(t.url, 'POST', '/api/omni/rules', { cookie, body: input });
    expect(created.status).toBe(201);
    return created.body;
  }

  async function state(ticketId: string) {
    const [row] = await t.dataSource.query<{ department_id: string; executor_id: string | null; status: string; queued_at: Date | null }[]>(
      'SELECT department_id, executor_id, status, queued_at FROM tickets WHERE id = $1',
      [ticketId],
    );
    return row;
  }

  it('a rule moving a request to another department and a person transferring it there leave it the same way', async () => {
    const w = await createWorld(t);
    const sales = await createDepartment(t, 'Sales');
    const olga = await authAs(t, 'supervisor', { name: 'Olga', departments: [w.department.id] });
    await rule(olga.cookie, {
      name: 'Sales questions go to Sales',
      trigger: { type: 'client.replied' },
      conditions: [{ type: 'text', contains: 'price' }],
      actions: [{ type: 'change-department', departmentId: sales.id }],
    });

    // By a person: Olga hands her chat to the Sales department (nobody there in particular).
    const byPerson = await write(w.key, 'Hello');
    expect((await http(t.url, 'POST', `/api/tickets/${byPerson.ticketId}/take`, { cookie: olga.cookie })).status).toBe(200);
    const moved = await http(t.url, 'POST', `/api/tickets/${byPerson.ticketId}/transfer`, { cookie: olga.cookie, body: { departmentId: sales.id } });
    expect(moved.status).toBe(200);

    // By the rule: the client of Olga's other chat asks about prices.
    const byRule = await write(w.key, 'Hello');
    expect((await http(t.url, 'POST', `/api/tickets/${byRule.ticketId}/take`, { cookie: olga.cookie })).status).toBe(200);
    await write(w.key, 'What is the price?', byRule.visitor);
    await t.get(EventConsumers).settled();

    const expected = { department_id: sales.id, executor_id: null, status: 'open', queued_at: null };
    expect(await state(byPerson.ticketId)).toEqual(expected);
    // Olga does not work in Sales, so the request leaves her, and a request nobody holds is open.
    expect(await state(byRule.ticketId)).toEqual(expected);
    const events = await t.dataSource.query<{ ticket_id: string; data: Record<string, unknown> }[]>(
      "SELECT ticket_id, data FROM domain_events WHERE type = 'ticket.transferred' ORDER BY tx_id, id",
    );
    expect(events.map((e) => [e.ticket_id, e.data.toDepartmentId, e.data.toExecutorId])).toEqual([
      [byPerson.ticketId, sales.id, null],
      [byRule.ticketId, sales.id, null],
    ]);
  });

  it("a rule's template reply is the same reply a person sends from the template: its variables filled and its files attached", async () => {
    const w = await createWorld(t);
    const admin = await authAs(t, 'admin', { name: 'Ada', departments: [w.department.id] });
    const file = await uploadFile(t.url, '/api/attachments', PNG, 'opening-hours.png', { cookie: admin.cookie });
    expect(file.status).toBe(201);
    const template = await http<Template>(t.url, 'POST', '/api/templates', {
      cookie: admin.cookie,
      body: { title: 'Welcome', tags: ['welcome'], body: 'Hello {client.name}! Write to us at {client.email}.', attachmentIds: [file.body.id] },
    });
    expect(template.status).toBe(201);
    await rule(admin.cookie, { name: 'Welcome', trigger: { type: 'ticket.created' }, actions: [{ type: 'send-template', templateId: template.body.id }] });

    const visitor = await createVisitor(t, w.key);
    await http(t.url, 'PATCH', '/api/widget/visitor', { token: visitor.token, body: { name: 'Maria' } });
    const { ticketId } = await write(w.key, 'Hi', visitor);
    await t.get(EventConsumers).settled();

    const history = await http<MessagePage>(t.url, 'GET', `/api/tickets/${ticketId}/messages`, { cookie: admin.cookie });
    const replies = history.body.items.filter((m: Message) => m.kind === 'reply');
    expect(replies).toHaveLength(1);
    // The client has no email: an automatic reply leaves the variable out rather than show "{client.email}".
    expect(replies[0]?.body).toBe('Hello Maria! Write to us at .');
    expect(replies[0]?.attachments.map((a) => a.name)).toEqual(['opening-hours.png']);
    expect(history.body.items.some((m) => m.event?.type === 'rule.applied' && m.event.detail === 'Welcome')).toBe(true);

    // The visitor receives the file with the reply, through their own download route.
    const seen = await http<VisitorState>(t.url, 'GET', '/api/widget/state', { token: visitor.token });
    const reply = seen.body.messages.find((m) => m.kind === 'reply');
    expect(reply?.attachments).toHaveLength(1);
    const download = await fetch(`${t.url}${reply?.attachments[0]?.url ?? ''}`, { headers: { authorization: `Bearer ${visitor.token}` } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('a live chat never gets a final status; a status a rule sets keeps the executor', async () => {
    const w = await createWorld(t);
    const olga = await authAs(t, 'admin', { name: 'Olga', departments: [w.department.id] });
    await rule(olga.cookie, {
      name: 'Wait after thanks',
      trigger: { type: 'client.replied' },
      conditions: [{ type: 'text', contains: 'thanks' }],
      actions: [{ type: 'change-status', status: 'waiting' }, { type: 'add-comment', body: 'Client said thanks' }],
    });
    const { ticketId, visitor } = await write(w.key, 'Hello');
    await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie: olga.cookie });
    const refused = await http(t.url, 'POST', `/api/tickets/${ticketId}/status`, { cookie: olga.cookie, body: { status: 'completed' } });
    expect(refused.status).toBe(409);
    await write(w.key, 'thanks!', visitor);
    await t.get(EventConsumers).settled();
    const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { cookie: olga.cookie });
    expect(detail.body).toMatchObject({ live: true, status: 'waiting', executor: { id: olga.id } });
  });

  it('a transaction of commands returns the events they produced, exactly those the log holds; a failed savepoint leaves none', async () => {
    const w = await createWorld(t);
    const { ticketId } = await write(w.key, 'Hello');
    await t.get(EventConsumers).settled();
    const commands = t.get(TicketCommands);
    const actor = { type: 'rule', ruleId: null, ruleName: 'Night shift' } as const;
    const done = await commands.run(async (tx) => {
      await commands.setPriority(tx, ticketId, 'urgent', actor);
      await tx
        .savepoint(async (inner) => {
          await commands.setStatus(inner, ticketId, 'waiting', actor);
          throw new Error('changed its mind');
        })
        .catch(() => undefined);
      await commands.postComment(tx, ticketId, { body: 'Marked urgent at night', author: null }, actor);
    });
    expect(done.events.map((e) => e.type)).toEqual(['ticket.priority_changed', 'message.created']);
    const logged = await t.dataSource.query<{ type: string; data: Record<string, unknown> }[]>(
      "SELECT type, data FROM domain_events WHERE ticket_id = $1 AND actor->>'type' = 'rule' ORDER BY tx_id, id",
      [ticketId],
    );
    expect(logged).toEqual(done.events.map((e) => ({ type: e.type, data: e.data })));
    expect((await done.summary(ticketId)).priority).toBe('urgent');
    expect((await state(ticketId))?.status).toBe('open');
  });
});
