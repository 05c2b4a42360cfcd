import { randomUUID } from 'node:crypto';
import type { ApiError, Template, VisitorMessage } from '@omnichannel/contracts';
import { authAs, createEmployee, createGroup, createVisitor, createWorld } from './factories';
import { http } from './http';
import { connectVisitor, request } from './sockets';
import { tableState } from './table-state';
import { useTestApp } from './test-app';

/** What PostgreSQL cannot store: NUL, and a lone surrogate (no UTF-8 encoding). */
const BAD = { nul: 'a\u0000b', surrogate: 'a\uD800b' } as const;

interface Case {
  name: string;
  method: string;
  /** With {bad}: a query string, where the bad text goes percent-encoded. */
  path: string;
  /** A valid body; each of its strings is replaced by a bad one in turn. */
  body?: unknown;
  as: 'admin' | 'visitor';
}

/** Every string of a JSON value (object keys included), replaced by `bad` one at a time. */
function variants(value: unknown, bad: string): unknown[] {
  if (typeof value === 'string') return [bad];
  if (Array.isArray(value)) {
    const items = value as unknown[];
    return items.flatMap((item, i) => variants(item, bad).map((v) => items.map((x, j) => (j === i ? v : x))));
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return entries.flatMap(([key, item], i) => [
      ...variants(item, bad).map((v) => Object.fromEntries(entries.map(([k, x], j) => [k, j === i ? v : x]))),
      Object.fromEntries(entries.map(([k, x], j) => [j === i ? `${key}${bad}` : k, x])),
    ]);
  }
  return [];
}

/** Tables compared whole (every row as text) and tables only counted (their rows move on their own: read marks, events). */
const COMPARED = ['employees', 'groups', 'departments', 'clients', 'templates', 'custom_fields', 'ticket_statuses', 'operator_statuses', 'dispatch_rules', 'settings'];
const COUNTED = ['tickets', 'messages', 'attachments', 'api_tokens', 'domain_events'];

/**
 * Issue #10 point 9: a NUL or a lone surrogate in any text input was a 500 (PostgreSQL refuses 0x00).
 * Every input is now checked once, before its schema (parseOrThrow): 400 VALIDATION_FAILED naming the
 * field and the character, and nothing stored.
 */
describe('text PostgreSQL cannot store is refused everywhere (issue #10 point 9, Q-3)', () => {
  const t = useTestApp({ config: { SIGNIN_RATE_LIMIT: 100_000 } });

  const snapshot = () => tableState(t.dataSource, { hashed: COMPARED, counted: COUNTED });

  it('answers 400 VALIDATION_FAILED for every text field of every kind of input, REST and socket, storing nothing', async () => {
    const { department, key } = await createWorld(t);
    const admin = await authAs(t, 'admin', { departments: [department.id] });
    const visitor = await createVisitor(t, key);
    const first = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'hello', clientMsgId: randomUUID() } });
    const ticketId = first.body.ticketId;
    await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie: admin.cookie });
    const employee = await createEmployee(t, { name: 'Somebody', departments: [department.id] });
    const group = await createGroup(t, []);
    const template = await http<Template>(t.url, 'POST', '/api/templates', { cookie: admin.cookie, body: { title: 'Hi', tags: ['hi'], body: 'Hello' } });
    for (const field of [
      { entity: 'client', key: 'nickname', label: 'Nickname', type: 'text' },
      { entity: 'ticket', key: 'order', label: 'Order', type: 'text' },
    ]) {
      expect((await http(t.url, 'POST', '/api/custom-fields', { cookie: admin.cookie, body: field })).status).toBe(201);
    }
    const rule = await http<{ id: string }>(t.url, 'POST', '/api/omni/rules', {
      cookie: admin.cookie,
      body: { name: 'r', trigger: { type: 'ticket.created' }, actions: [{ type: 'set-priority', priority: 'high' }] },
    });
    expect(rule.status).toBe(201);

    const statusBody = { code: 'custom', name: 'Custom' };
    const ruleBody = {
      name: 'Rule',
      trigger: { type: 'operator.status-changed', toStatus: 'away' },
      conditions: [{ type: 'text', contains: 'refund' }],
      actions: [{ type: 'add-comment', body: 'Refund asked' }],
    };
    const cases: Case[] = [
      { name: 'sign-in', method: 'POST', path: '/api/auth/sign-in', body: { email: 'x@test.local', password: 'password' }, as: 'visitor' },
      { name: 'profile', method: 'PATCH', path: '/api/profile', body: { name: 'Me', avatarUrl: 'https://x.test/a.png' }, as: 'admin' },
      { name: 'password', method: 'POST', path: '/api/profile/password', body: { currentPassword: 'x', newPassword: 'long enough password' }, as: 'admin' },
      { name: 'API token', method: 'POST', path: '/api/profile/tokens', body: { name: 'ci' }, as: 'admin' },
      { name: 'new employee', method: 'POST', path: '/api/employees', body: { email: 'new@test.local', name: 'New', password: 'long enough password' }, as: 'admin' },
      { name: 'employee', method: 'PATCH', path: `/api/employees/${employee.id}`, body: { name: 'Renamed', email: 'renamed@test.local' }, as: 'admin' },
      { name: 'employee password', method: 'POST', path: `/api/employees/${employee.id}/password`, body: { password: 'long enough password' }, as: 'admin' },
      { name: 'new group', method: 'POST', path: '/api/groups', body: { name: 'G', permissions: [] }, as: 'admin' },
      { name: 'group', method: 'PUT', path: `/api/groups/${group.id}`, body: { name: 'G2', permissions: [] }, as: 'admin' },
      { name: 'new department', method: 'POST', path: '/api/departments', body: { name: 'D', displayName: 'Dee' }, as: 'admin' },
      { name: 'department', method: 'PUT', path: `/api/departments/${department.id}`, body: { name: 'D2', displayName: 'Dee' }, as: 'admin' },
      { name: 'reply and comment', method: 'POST', path: `/api/tickets/${ticketId}/messages`, body: { kind: 'comment', body: 'text' }, as: 'admin' },
      { name: 'transfer comment', method: 'POST', path: `/api/tickets/${ticketId}/transfer`, body: { departmentId: department.id, comment: 'over to you' }, as: 'admin' },
      { name: 'custom values', method: 'PATCH', path: `/api/tickets/${ticketId}/custom`, body: { ticket: { order: 'A-1' }, client: { nickname: 'Vanya' } }, as: 'admin' },
      { name: 'ticket search', method: 'GET', path: '/api/tickets/search?q={bad}', as: 'admin' },
      { name: 'template tag search', method: 'GET', path: '/api/templates/search?tag={bad}', as: 'admin' },
      { name: 'new template', method: 'POST', path: '/api/templates', body: { title: 'T', tags: ['tag'], body: 'Text' }, as: 'admin' },
      { name: 'template', method: 'PUT', path: `/api/templates/${template.body.id}`, body: { title: 'T', tags: ['tag'], body: 'Text' }, as: 'admin' },
      { name: 'new custom field', method: 'POST', path: '/api/custom-fields', body: { entity: 'ticket', key: 'size', label: 'Size', type: 'list', options: ['S', 'M'] }, as: 'admin' },
      { name: 'new status', method: 'POST', path: '/api/statuses', body: statusBody, as: 'admin' },
      { name: 'status', method: 'PUT', path: '/api/statuses/open', body: statusBody, as: 'admin' },
      { name: 'new operator status', method: 'POST', path: '/api/omni/operator-statuses', body: { code: 'lunch', name: 'Lunch' }, as: 'admin' },
      { name: 'new rule', method: 'POST', path: '/api/omni/rules', body: ruleBody, as: 'admin' },
      { name: 'rule', method: 'PATCH', path: `/api/omni/rules/${rule.body.id}`, body: ruleBody, as: 'admin' },
      { name: 'settings', method: 'PATCH', path: '/api/settings/omni', body: { displayedStatuses: ['open'], forbidOfflineStatuses: ['open'] }, as: 'admin' },
      { name: 'visitor profile', method: 'PATCH', path: '/api/widget/visitor', body: { name: 'Ivan', email: 'ivan@test.local' }, as: 'visitor' },
      { name: 'visitor message', method: 'POST', path: '/api/widget/messages', body: { body: 'text', clientMsgId: randomUUID(), page: { url: 'https://shop.test/', referrer: 'https://search.test/' } }, as: 'visitor' },
      { name: 'widget config', method: 'GET', path: '/api/widget/config?key={bad}', as: 'visitor' },
    ];

    const before = await snapshot();
    const answers: string[] = [];
    let tried = 0;
    for (const c of cases) {
      for (const [kind, bad] of Object.entries(BAD)) {
        const requests = c.body === undefined
          ? [{ path: c.path.replace('{bad}', kind === 'nul' ? '%00' : '%ED%A0%80'), body: undefined }]
          : variants(c.body, bad).map((body) => ({ path: c.path, body }));
        for (const r of requests) {
          tried++;
          const auth = c.as === 'admin' ? { cookie: admin.cookie } : { token: visitor.token };
          const answer = await http<ApiError>(t.url, c.method, r.path, { ...auth, body: r.body });
          const seen = `${c.name} ${kind} ${JSON.stringify(r.body ?? r.path)}: ${answer.status} ${answer.body?.code}`;
          // A lone surrogate cannot be written in a URL: its UTF-8-looking bytes arrive as U+FFFD, which is storable.
          const ok = kind === 'surrogate' && c.body === undefined ? answer.status < 500 : answer.status === 400 && answer.body?.code === 'VALIDATION_FAILED';
          if (!ok) answers.push(seen);
        }
      }
    }

    // The socket: visitor:send with a bad body or page.
    const socket = await connectVisitor(t.url, visitor.token);
    t.sockets.push(socket);
    for (const bad of Object.values(BAD)) {
      for (const payload of variants({ body: 'text', clientMsgId: randomUUID(), page: { url: 'https://shop.test/' } }, bad)) {
        tried++;
        const ack = await request(socket, 'visitor:send', payload);
        if (ack.ok || ack.error.code !== 'VALIDATION_FAILED') answers.push(`visitor:send ${JSON.stringify(payload)}: ${JSON.stringify(ack)}`);
      }
      // Typing has no answer when it is fine; a refusal comes back through the acknowledgement.
      const typing = await request(socket, 'visitor:typing', { text: bad }).catch(() => null);
      if (typing?.ok !== false || typing.error.code !== 'VALIDATION_FAILED') answers.push(`visitor:typing: ${JSON.stringify(typing)}`);
    }

    expect(answers).toEqual([]);
    expect(tried).toBeGreaterThan(100);
    expect(await snapshot()).toEqual(before);
  });

  it('names the field and the character, so the person can fix it', async () => {
    const { key } = await createWorld(t);
    const visitor = await createVisitor(t, key);
    const answer = await http<ApiError>(t.url, 'PATCH', '/api/widget/visitor', { token: visitor.token, body: { name: 'Iv\u0000an' } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'name: contains a character that cannot be stored (U+0000)',
      details: { issues: [{ path: 'name', message: 'contains a character that cannot be stored (U+0000)' }] },
    });
  });
});
