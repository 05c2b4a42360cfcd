import { randomUUID } from 'node:crypto';
import {
  apiRouteList,
  errorHttpStatus,
  operatorTypingSchema,
  visitorReceiptSchema,
  visitorSendMessageSchema,
  visitorSyncRequestSchema,
  visitorTypingSchema,
  watchTicketSchema,
  type Ack,
  type AnyApiRoute,
  type Attachment,
  type CreatedApiToken,
  type VisitorMessage,
} from '@omnichannel/contracts';
import type { z } from 'zod';
import { authAs, createDepartment, createEmployee, createGroup, createVisitor, createWidgetChannel, ROLE_PERMISSIONS } from './factories';
import { HOSTILE_PATH_SEGMENTS, HOSTILE_QUERY_VALUES, HOSTILE_RAW_BODIES, HOSTILE_VALUES, LEAK_PATTERNS, fieldsOf } from './hostile-input';
import { http } from './http';
import { endpointInventory } from './route-inventory';
import { connectEmployee, connectVisitor, type TestSocket } from './sockets';
import { changedTables, productTables, tableState, type TableSelection } from './table-state';
import { ChannelsService } from '../src/modules/channels/channels.service';
import { useTestApp } from './test-app';

/** Tables written in the background or on every authenticated use (last seen, cursors): counted, not hashed. */
const COUNTED_ONLY = new Set(['employee_sessions', 'api_tokens', 'visitor_sessions']);
/** Bookkeeping of the event consumers, the queue workers' heartbeats and the migrations, never a request's effect. */
const IGNORED = new Set(['event_cursors', 'queue_workers', 'migrations', 'typeorm_metadata']);

/** The socket events and the contract schema of each: the test fails when the gateway has one not listed. */
const SOCKET_EVENTS: Record<string, { schema: z.ZodType; valid: (w: World) => Record<string, unknown>; ack: boolean }> = {
  'ticket:watch': { schema: watchTicketSchema, valid: (w) => ({ ticketId: w.ticketId }), ack: true },
  'ticket:unwatch': { schema: watchTicketSchema, valid: (w) => ({ ticketId: w.ticketId }), ack: true },
  'ticket:typing': { schema: operatorTypingSchema, valid: (w) => ({ ticketId: w.ticketId, typing: true }), ack: false },
  'visitor:send': { schema: visitorSendMessageSchema, valid: () => ({ body: 'hello', clientMsgId: randomUUID() }), ack: true },
  'visitor:sync': { schema: visitorSyncRequestSchema, valid: (w) => ({ ticketId: w.ticketId, afterSeq: 0 }), ack: true },
  'visitor:receipt': { schema: visitorReceiptSchema, valid: (w) => ({ messageIds: [w.messageId], read: true }), ack: true },
  'visitor:typing': { schema: visitorTypingSchema, valid: () => ({ text: 'typing' }), ack: false },
};

/**
 * A body each of these routes accepts: hostile values go into one field at a time on top of it, so they
 * reach the work behind the validation (the rest get them one field alone).
 */
const VALID_BODIES: Partial<Record<string, (w: World) => Record<string, unknown>>> = {
  'auth.signIn': () => ({ email: 'nobody@test.local', password: 'wrong-password' }),
  'profile.update': () => ({ name: 'Fuzz Admin' }),
  'profile.createToken': () => ({ name: 'token' }),
  'employees.create': () => ({ email: `${randomUUID().slice(0, 8)}@test.local`, name: 'New', password: 'correct horse battery', groupIds: [], departmentIds: [] }),
  'employees.update': () => ({ name: 'Victim' }),
  'groups.create': () => ({ name: `G ${randomUUID().slice(0, 6)}`, permissions: [] }),
  'groups.update': () => ({ name: `G ${randomUUID().slice(0, 6)}`, permissions: [] }),
  'departments.create': () => ({ name: `D ${randomUUID().slice(0, 6)}`, memberIds: [] }),
  'departments.update': () => ({ name: `D ${randomUUID().slice(0, 6)}`, memberIds: [] }),
  'tickets.postMessage': () => ({ kind: 'comment', body: 'note' }),
  'tickets.transfer': (w) => ({ departmentId: w.ids.departmentX }),
  'tickets.changeStatus': () => ({ status: 'waiting' }),
  'tickets.markRead': () => ({ seq: 1 }),
  'tickets.updateCustom': () => ({ ticket: { fz: 'value' } }),
  'templates.create': () => ({ title: 'T', tags: ['t'], body: 'b' }),
  'templates.update': () => ({ title: 'T', tags: ['t'], body: 'b' }),
  'customFields.create': () => ({ entity: 'ticket', key: `k${randomUUID().slice(0, 6)}`, label: 'K', type: 'text' }),
  'statuses.create': () => ({ code: `s_${randomUUID().slice(0, 6)}`, name: 'S' }),
  'operatorStatuses.create': () => ({ code: `o_${randomUUID().slice(0, 6)}`, name: 'O' }),
  'rules.create': () => ({ name: 'R', trigger: { type: 'ticket.created' }, actions: [{ type: 'set-priority', priority: 'high' }] }),
  'widget.createSession': (w) => ({ key: w.ids.widgetKey }),
  'widget.updateVisitor': () => ({ name: 'Visitor', email: 'v@test.local' }),
  'widget.sendMessage': () => ({ body: 'hello', clientMsgId: randomUUID() }),
};

interface World {
  adminCookie: string;
  visitorToken: string;
  ticketId: string;
  messageId: string;
  ids: Record<string, string>;
}

interface Attempt {
  label: string;
  path?: string;
  query?: string;
  body?: string | Uint8Array | FormData;
  type?: string;
}

/**
 * Issue #10, point 13: every REST route (from the route objects) and every socket event (from the
 * gateway) gets malformed JSON, wrong types, missing and extra fields, huge strings and bodies, NUL and
 * lone surrogates, injection strings, path traversal in ids and file names, negative and huge numbers.
 * It fails on any 5xx, any answer that is not the error contract or leaks internals, and any row a
 * refused request wrote.
 */
describe('hostile input over every REST route and socket event (issue #10)', () => {
  const t = useTestApp({
    config: { SIGNIN_RATE_LIMIT: 1_000_000, WIDGET_SESSION_RATE_LIMIT: 1_000_000, VISITOR_MESSAGE_RATE_LIMIT: 1_000_000, VISITOR_UPLOAD_FILES_PER_HOUR: 1_000_000, VISITOR_UPLOAD_MB_PER_HOUR: 1_000_000 },
  });
  let w: World;
  let tables: TableSelection = { hashed: [], counted: [] };
  let last: Record<string, string> = {};
  const failures: string[] = [];
  const counts = { rest: 0, socket: 0, refused: 0, accepted: 0 };

  beforeAll(async () => {
    const department = await createDepartment(t, 'Fuzz');
    const channel = await createWidgetChannel(t, department.id);
    const admin = await authAs(t, 'admin', { departments: [department.id] });
    const visitor = await createVisitor(t, channel.publicKey as string);
    const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: 'help', clientMsgId: randomUUID() } });
    const ticketId = sent.body.ticketId;
    await http(t.url, 'POST', `/api/tickets/${ticketId}/take`, { cookie: admin.cookie });
    const reply = await http<{ id: string }>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { cookie: admin.cookie, body: { kind: 'reply', body: 'hi' } });
    const asAdmin = async <T>(method: string, path: string, body?: unknown) => {
      const result = await http<T>(t.url, method, path, { cookie: admin.cookie, body });
      if (result.status >= 300) throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
      return result.body;
    };
    const upload = async (path: string, auth: Record<string, string>) => {
      const form = new FormData();
      form.append('file', new Blob([new TextEncoder().encode('notes')]), 'notes.txt');
      return ((await (await fetch(`${t.url}${path}`, { method: 'POST', body: form, headers: auth })).json()) as Attachment).id;
    };
    const victim = await createEmployee(t, { permissions: ROLE_PERMISSIONS.operator, departments: [department.id] });
    const code = `fz_${randomUUID().slice(0, 6)}`;
    const operatorStatus = `fo_${randomUUID().slice(0, 6)}`;
    await asAdmin('POST', '/api/statuses', { code, name: 'Fuzz' });
    await asAdmin('POST', '/api/omni/operator-statuses', { code: operatorStatus, name: 'Fuzz' });
    w = {
      adminCookie: admin.cookie,
      visitorToken: visitor.token,
      ticketId,
      messageId: reply.body.id,
      ids: {
        profile: (await asAdmin<CreatedApiToken>('POST', '/api/profile/tokens', { name: 'fuzz' })).id,
        employees: victim.id,
        presence: victim.id,
        groups: (await createGroup(t, ROLE_PERMISSIONS.omniOnly)).id,
        departments: (await createDepartment(t)).id,
        tickets: ticketId,
        messages: reply.body.id,
        attachments: await upload('/api/attachments', { cookie: admin.cookie }),
        widget: await upload('/api/widget/attachments', { authorization: `Bearer ${visitor.token}` }),
        templates: (await asAdmin<{ id: string }>('POST', '/api/templates', { title: 'T', tags: ['t'], body: 'b' })).id,
        customFields: (await asAdmin<{ id: string }>('POST', '/api/custom-fields', { entity: 'ticket', key: 'fz', label: 'F', type: 'text' })).id,
        rules: (await asAdmin<{ id: string }>('POST', '/api/omni/rules', { name: 'R', trigger: { type: 'ticket.created' }, actions: [{ type: 'set-priority', priority: 'high' }] })).id,
        'statuses:code': code,
        'operatorStatuses:code': operatorStatus,
        'sla:departmentId': department.id,
        channels: (
          await t.get(ChannelsService).createMessenger({ type: 'telegram', name: 'Fuzz bot', departmentId: department.id, settings: {}, secrets: { botToken: '1:x', webhookSecret: 'fuzz-secret' } })
        ).id,
        departmentX: department.id,
        widgetKey: channel.publicKey as string,
      },
    };
    tables = await productTables(t.dataSource, { countedOnly: COUNTED_ONLY, ignored: IGNORED });
    last = await settle();
  });

  afterAll(() => {
    process.stdout.write(
      `\nhostile input: ${counts.rest + counts.socket} cases (${counts.rest} REST, ${counts.socket} socket; ${counts.refused} refused, ${counts.accepted} accepted), failures: ${failures.length}\n`,
    );
  });

  const state = () => tableState(t.dataSource, tables);

  /** After an accepted request, waits until its after-commit work (events, jobs) has stopped writing. */
  async function settle(): Promise<Record<string, string>> {
    let previous = await state();
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 30));
      const now = await state();
      if (changedTables(previous, now).length === 0) return now;
      previous = now;
    }
    return previous;
  }

  /** Judges one answer: no 5xx, the error contract, no leak, and nothing written when refused. */
  async function judge(where: string, status: number, text: string): Promise<void> {
    // A messenger's API answering (here: unreachable) is the platform's word, passed on as 502 PLATFORM_REFUSED, not our failure.
    if (status >= 500 && !(status === 502 && text.includes('"PLATFORM_REFUSED"'))) failures.push(`${where}: ${status} ${text.slice(0, 300)}`);
    if (status >= 400) {
      counts.refused++;
      let code: unknown;
      try {
        code = (JSON.parse(text) as { code?: unknown; message?: unknown }).code;
      } catch {
        code = undefined;
      }
      if (typeof code !== 'string' || errorHttpStatus[code as keyof typeof errorHttpStatus] !== status) {
        failures.push(`${where}: ${status} is not the error contract: ${text.slice(0, 200)}`);
      }
      const leak = LEAK_PATTERNS.find((p) => p.test(text));
      if (leak) failures.push(`${where}: the answer leaks internals (${String(leak)}): ${text.slice(0, 300)}`);
      const written = changedTables(last, await state());
      if (written.length > 0) {
        failures.push(`${where}: refused with ${status} but wrote to ${written.join(', ')}`);
        last = await settle();
      }
    } else {
      counts.accepted++;
      last = await settle();
    }
  }

  function auth(route: AnyApiRoute): Record<string, string> {
    if (route.access.kind === 'employee') return { cookie: w.adminCookie };
    if (route.access.kind === 'visitor') return { authorization: `Bearer ${w.visitorToken}` };
    return {};
  }

  function validParam(route: AnyApiRoute, name: string): string {
    const value = w.ids[`${route.group}:${name}`] ?? (name === 'id' ? w.ids[route.group] : undefined);
    if (!value) throw new Error(`The hostile-input test has no valid ${name} for ${route.id}: add one to its world`);
    return value;
  }

  function pathOf(route: AnyApiRoute, override?: { name: string; segment: string }): string {
    return `/api${route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => (override?.name === name ? override.segment : encodeURIComponent(validParam(route, name))))}`;
  }

  async function attempt(route: AnyApiRoute, a: Attempt): Promise<void> {
    const headers: Record<string, string> = { ...auth(route) };
    if (a.type) headers['content-type'] = a.type;
    else if (typeof a.body === 'string' || a.body instanceof Uint8Array) headers['content-type'] = 'application/json';
    const url = `${t.url}${a.path ?? pathOf(route)}${a.query ? `?${a.query}` : ''}`;
    let status: number;
    let text: string;
    try {
      const response = await fetch(url, { method: route.method, headers, body: route.method === 'GET' ? undefined : a.body });
      status = response.status;
      text = await response.text();
    } catch (error) {
      failures.push(`${route.id} ${a.label}: the connection failed (${String(error)})`);
      return;
    }
    counts.rest++;
    await judge(`${route.id} ${a.label}`, status, text);
  }

  const describeValue = (v: unknown) => {
    const s = JSON.stringify(v) ?? String(v);
    return s.length > 40 ? `${s.slice(0, 37)}…(${s.length})` : s;
  };

  it('REST: hostile path parameters, query strings, JSON bodies and uploads on every route', async () => {
    expect(Object.keys(VALID_BODIES).filter((id) => !apiRouteList.some((r) => r.id === id))).toEqual([]);
    const routes = apiRouteList.filter((r) => r.id !== 'auth.signOut');
    for (const route of routes) {
      // Path parameters: each replaced by hostile segments.
      for (const name of route.path.match(/:([A-Za-z]+)/g)?.map((p) => p.slice(1)) ?? []) {
        for (const segment of HOSTILE_PATH_SEGMENTS) {
          await attempt(route, { label: `:${name}=${segment.slice(0, 30)}`, path: pathOf(route, { name, segment }), body: route.body ? '{}' : undefined });
        }
      }
      // Query strings: each field hostile, repeated, and unknown fields.
      if (route.query) {
        for (const field of fieldsOf(route.query)) {
          for (const value of HOSTILE_QUERY_VALUES) await attempt(route, { label: `?${field}=${describeValue(value)}`, query: new URLSearchParams({ [field]: value }).toString() });
          await attempt(route, { label: `?${field} twice`, query: `${field}=a&${field}=b` });
          await attempt(route, { label: `?${field}[x]`, query: `${field}[x]=1&${field}[]=2` });
        }
        await attempt(route, { label: '?unknown', query: 'unknown=1&__proto__[polluted]=yes&constructor[prototype][polluted]=yes' });
      }
      // JSON bodies: malformed, wrong types, missing and extra fields, hostile values in each field.
      if (route.body) {
        for (const raw of HOSTILE_RAW_BODIES) await attempt(route, { label: `raw ${describeValue(typeof raw.body === 'string' ? raw.body : '<bytes>')} ${raw.type ?? ''}`, body: raw.body, type: raw.type });
        for (const value of HOSTILE_VALUES) await attempt(route, { label: `body=${describeValue(value)}`, body: JSON.stringify(value) });
        const base = VALID_BODIES[route.id];
        for (const field of fieldsOf(route.body)) {
          for (const value of HOSTILE_VALUES) {
            await attempt(route, { label: `body.${field}=${describeValue(value)}`, body: JSON.stringify({ [field]: value }) });
            if (base) await attempt(route, { label: `valid body, ${field}=${describeValue(value)}`, body: JSON.stringify({ ...base(w), [field]: value }) });
          }
        }
        if (base) {
          await attempt(route, { label: 'valid body with an extra field', body: JSON.stringify({ ...base(w), extra: 1 }) });
          if (route.id === 'tickets.updateCustom') {
            for (const value of HOSTILE_VALUES) await attempt(route, { label: `custom value ${describeValue(value)}`, body: JSON.stringify({ ticket: { fz: value }, client: { fz: value } }) });
          }
        }
        await attempt(route, { label: 'body over the size limit', body: JSON.stringify({ body: 'x'.repeat(1_100_000) }) });
      }
      if (route.upload) {
        for (const upload of hostileUploads()) await attempt(route, upload);
      }
      if (!route.body && !route.upload && route.method !== 'GET') {
        // No body declared: one sent anyway must not matter.
        await attempt(route, { label: 'unexpected body', body: '{"__proto__":{"polluted":"yes"}}' });
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(failures).toEqual([]);
    expect(counts.rest).toBeGreaterThan(3000);
  }, 900_000);

  it('sockets: hostile payloads on every event the gateway listens to', async () => {
    const events = endpointInventory(t.app)
      .filter((e) => e.kind === 'socket')
      .map((e) => ({ name: e.name.replace(/^socket /, ''), kind: e.rule?.kind }));
    expect(events.map((e) => e.name).filter((name) => !(name in SOCKET_EVENTS))).toEqual([]);
    const sockets: Record<string, TestSocket> = {
      employee: await connectEmployee(t.url, w.adminCookie),
      visitor: await connectVisitor(t.url, w.visitorToken),
    };
    t.sockets.push(...Object.values(sockets));
    for (const event of events) {
      const spec = SOCKET_EVENTS[event.name];
      const socket = sockets[event.kind === 'visitor' ? 'visitor' : 'employee'];
      if (!spec || !socket) throw new Error(`No socket for ${event.name}`);
      const payloads: [string, unknown][] = HOSTILE_VALUES.map((v) => [`payload=${describeValue(v)}`, v]);
      for (const field of fieldsOf(spec.schema)) {
        for (const v of HOSTILE_VALUES) payloads.push([`${field}=${describeValue(v)}`, { ...spec.valid(w), [field]: v }]);
      }
      payloads.push(['extra field', { ...spec.valid(w), extra: '\u0000', ...(JSON.parse('{"__proto__":{"polluted":"yes"}}') as object) }]);
      for (const [label, payload] of payloads) {
        const where = `socket ${event.name} ${label}`;
        counts.socket++;
        if (spec.ack) {
          const ack = await emitWithAck(socket, event.name, payload);
          if (!ack) {
            failures.push(`${where}: no acknowledgement`);
            continue;
          }
          if (ack.ok) {
            counts.accepted++;
            last = await settle();
          } else {
            const status = errorHttpStatus[ack.error.code];
            await judge(where, ack.error.code === 'INTERNAL' ? 500 : status, JSON.stringify(ack.error));
          }
        } else {
          socket.emit(event.name as 'ticket:typing', payload as never);
          // Still served: the next acknowledged request is answered.
          const alive = await emitWithAck(socket, event.kind === 'visitor' ? 'visitor:sync' : 'ticket:unwatch', event.kind === 'visitor' ? { ticketId: w.ticketId, afterSeq: 0 } : { ticketId: w.ticketId });
          if (!alive?.ok) failures.push(`${where}: the socket stopped answering (${JSON.stringify(alive)})`);
          await judge(where, 400, JSON.stringify({ code: 'VALIDATION_FAILED', message: 'fire and forget' }));
        }
        if (!socket.connected) {
          failures.push(`${where}: the server closed the socket`);
          socket.connect();
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(failures).toEqual([]);
  }, 600_000);

  function hostileUploads(): Attempt[] {
    const file = (name: string, bytes = 'plain text notes') => {
      const form = new FormData();
      form.append('file', new Blob([new TextEncoder().encode(bytes)]), name);
      return form;
    };
    const boundary = '----fuzz';
    const start = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello`;
    const uploads: Attempt[] = [
      { label: 'multipart without a boundary', body: 'abc', type: 'multipart/form-data' },
      { label: 'multipart cut off', body: start, type: `multipart/form-data; boundary=${boundary}` },
      { label: 'multipart with a wrong boundary', body: `${start}\r\n--other--\r\n`, type: `multipart/form-data; boundary=${boundary}` },
      { label: 'multipart empty', body: '', type: `multipart/form-data; boundary=${boundary}` },
      { label: 'not multipart', body: '{"file":"x"}', type: 'application/json' },
    ];
    const other = new FormData();
    other.append('other', 'x');
    uploads.push({ label: 'no file field', body: other });
    const two = file('a.txt');
    two.append('file', new Blob([new TextEncoder().encode('b')]), 'b.txt');
    uploads.push({ label: 'two files', body: two });
    for (const name of ['../../../etc/passwd', '..\\..\\win.ini', 'a\u0000b.txt', 'invoice\u202Etxt.exe', `${'x'.repeat(1000)}.txt`, '', '.htaccess', 'con.txt', 'a.js', 'a.exe', '\ud800.txt', '<script>.txt']) {
      uploads.push({ label: `file name ${describeValue(name)}`, body: file(name) });
    }
    uploads.push({ label: 'empty file', body: file('empty.txt', '') });
    return uploads;
  }
});

async function emitWithAck(socket: TestSocket, event: string, payload: unknown): Promise<Ack<unknown> | null> {
  try {
    return await (socket as unknown as { timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<Ack<unknown>> } }).timeout(5000).emitWithAck(event, payload);
  } catch {
    return null;
  }
}
