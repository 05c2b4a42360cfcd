import { randomUUID } from 'node:crypto';
import { Permission, allPermissions, omniPermissions, routeTable, type CreatedApiToken, type RouteId, type VisitorMessage } from '@omnichannel/contracts';
import { EmployeesService } from '../src/modules/employees/employees.service';
import { authAs, createEmployee, createGroup, createVisitor, createWidgetChannel, createDepartment, signIn, ROLE_PERMISSIONS, TEST_PASSWORD } from './factories';
import { http } from './http';
import { routeIdOf } from './route-inventory';
import { connectEmployee, connectVisitor, collect, nextEvent, request, type TestSocket } from './sockets';
import { useTestApp } from './test-app';

/**
 * PERM-6, issue #3: every principal against every REST route and socket event that touches tickets,
 * messages, settings and administration. "allow" means a 2xx; any other value is the exact refusal
 * status. 404 (not 403) for another department's ticket, so nothing reveals that it exists.
 */

type Principal =
  | 'admin'
  | 'supervisor'
  | 'operator'
  | 'omniOnly'
  | 'noOmni'
  | 'otherDept'
  | 'disabled'
  | 'apiToken'
  | 'visitor'
  | 'anonymous';
const PRINCIPALS: Principal[] = ['admin', 'supervisor', 'operator', 'omniOnly', 'noOmni', 'otherDept', 'disabled', 'apiToken', 'visitor', 'anonymous'];
type Outcome = 'allow' | 400 | 401 | 403 | 404 | 409 | 502;
type Observed = 'allow' | number;

interface Req {
  method: string;
  path: string;
  body?: unknown;
}

interface RestCase {
  name: string;
  /** Builds fresh targets for one principal's attempt (so a successful change does not spoil the next). */
  request: (w: World) => Req | Promise<Req>;
  expect: Partial<Record<Principal, Outcome>> & { default: Outcome };
}

interface World {
  deptX: string;
  deptY: string;
  keyX: string;
  keyY: string;
  operatorId: string;
  /** The operator of department Y (the `otherDept` principal). */
  operatorYId: string;
  /** A fresh live request in department X, unassigned. */
  unassignedX(): Promise<string>;
  /** A fresh live request in department X, taken by the operator. */
  assignedX(): Promise<string>;
  unassignedY(): Promise<string>;
  /** A file on a reply in a fresh department X conversation. */
  fileOnX(): Promise<string>;
  /** A delivered reply in a fresh department X conversation taken by the operator. */
  replyOnX(): Promise<string>;
}

const EMPLOYEE_DENIALS = { disabled: 401, visitor: 401, anonymous: 401 } as const;

describe('authorization matrix (PERM-1…6, API-1)', () => {
  const t = useTestApp({ config: { WIDGET_SESSION_RATE_LIMIT: 100_000, SIGNIN_RATE_LIMIT: 100_000 } });
  let w: World;
  const auth: Record<Principal, { cookie?: string; token?: string }> = {} as Record<Principal, { cookie?: string; token?: string }>;
  let restCases = 0;
  let socketCases = 0;
  const unexpected: string[] = [];

  beforeAll(async () => {
    const x = await createDepartment(t, 'Department X');
    const y = await createDepartment(t, 'Department Y');
    const channelX = await createWidgetChannel(t, x.id);
    const channelY = await createWidgetChannel(t, y.id);
    const both = [x.id, y.id];
    const admin = await authAs(t, 'admin', { departments: both });
    const supervisor = await authAs(t, 'supervisor', { departments: [x.id] });
    const operator = await authAs(t, 'operator', { departments: [x.id] });
    const omniOnly = await authAs(t, 'omniOnly', { departments: [x.id] });
    const noOmni = await authAs(t, 'noOmni', { departments: [x.id] });
    const otherDept = await authAs(t, 'operator', { departments: [y.id] });
    const disabled = await authAs(t, 'operator', { departments: [x.id] });
    await t.get(EmployeesService).update(disabled.id, { disabled: true }, { ...adminPrincipal(admin.id) });
    const token = await http<CreatedApiToken>(t.url, 'POST', '/api/profile/tokens', { cookie: operator.cookie, body: { name: 'matrix' } });
    const visitor = await createVisitor(t, channelX.publicKey as string);
    Object.assign(auth, {
      admin: { cookie: admin.cookie },
      supervisor: { cookie: supervisor.cookie },
      operator: { cookie: operator.cookie },
      omniOnly: { cookie: omniOnly.cookie },
      noOmni: { cookie: noOmni.cookie },
      otherDept: { cookie: otherDept.cookie },
      disabled: { cookie: disabled.cookie },
      apiToken: { token: token.body.token },
      visitor: { token: visitor.token },
      anonymous: {},
    });

    const openRequest = async (key: string) => {
      const v = await createVisitor(t, key);
      const sent = await http<VisitorMessage>(t.url, 'POST', '/api/widget/messages', {
        token: v.token,
        body: { body: 'help', clientMsgId: randomUUID() },
      });
      return sent.body.ticketId;
    };
    w = {
      deptX: x.id,
      deptY: y.id,
      keyX: channelX.publicKey as string,
      keyY: channelY.publicKey as string,
      operatorId: operator.id,
      operatorYId: otherDept.id,
      unassignedX: () => openRequest(w.keyX),
      unassignedY: () => openRequest(w.keyY),
      assignedX: async () => {
        const id = await openRequest(w.keyX);
        await http(t.url, 'POST', `/api/tickets/${id}/take`, { cookie: operator.cookie });
        return id;
      },
      replyOnX: async () => {
        const id = await w.assignedX();
        const reply = await http<{ id: string }>(t.url, 'POST', `/api/tickets/${id}/messages`, { cookie: operator.cookie, body: { kind: 'reply', body: 'hi' } });
        return reply.body.id;
      },
      fileOnX: async () => {
        const id = await w.assignedX();
        const form = new FormData();
        form.append('file', new Blob([new TextEncoder().encode('notes')]), 'notes.txt');
        const uploaded = (await (await fetch(`${t.url}/api/attachments`, { method: 'POST', body: form, headers: { cookie: operator.cookie } })).json()) as { id: string };
        await http(t.url, 'POST', `/api/tickets/${id}/messages`, { cookie: operator.cookie, body: { kind: 'reply', body: '', attachmentIds: [uploaded.id] } });
        return uploaded.id;
      },
    };
  });

  afterAll(() => {
    process.stdout.write(
      `\nauthorization matrix: ${restCases + socketCases} cases (${restCases} REST, ${socketCases} socket), ${PRINCIPALS.length} principals, unexpected outcomes: ${unexpected.length}\n`,
    );
  });

  function adminPrincipal(id: string) {
    return {
      kind: 'employee' as const,
      id,
      name: 'admin',
      email: 'a@x',
      language: null,
      avatarUrl: null,
      notifySound: true,
      notifyDesktop: true,
      permissions: [...allPermissions],
      departmentIds: [],
      sessionId: null,
      tokenId: null,
    };
  }

  const freshEmployee = async () => (await createEmployee(t, { permissions: ROLE_PERMISSIONS.operator, departments: [w.deptX] })).id;
  const freshGroup = async () => (await createGroup(t, ROLE_PERMISSIONS.omniOnly)).id;
  const freshDepartment = async () => (await createDepartment(t)).id;

  /** Something made by an administrator, for a case to change or remove. */
  const asAdmin = async <T>(method: string, path: string, body?: unknown) => (await http<T>(t.url, method, path, { cookie: auth.admin.cookie, body })).body;
  const freshOperatorStatus = async () => (await asAdmin<{ code: string }>('POST', '/api/omni/operator-statuses', { code: `s_${randomUUID().slice(0, 8)}`, name: 'Lunch' })).code;
  const freshRule = async () =>
    (await asAdmin<{ id: string }>('POST', '/api/omni/rules', { name: 'R', trigger: { type: 'ticket.created' }, actions: [{ type: 'set-priority', priority: 'high' }] })).id;
  const freshTemplate = async () => (await asAdmin<{ id: string }>('POST', '/api/templates', { title: 'T', tags: ['t'], body: 'b' })).id;
  const freshField = async () => asAdmin<{ id: string; key: string }>('POST', '/api/custom-fields', { entity: 'ticket', key: `k${randomUUID().slice(0, 6)}`, label: 'K', type: 'text' });
  const freshStatus = async () => (await asAdmin<{ code: string }>('POST', '/api/statuses', { code: `s_${randomUUID().slice(0, 6)}`, name: 'S' })).code;
  const settingsOnly = { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow' } as const;

  const ticketRead = { supervisor: 'allow', operator: 'allow', omniOnly: 'allow', apiToken: 'allow', admin: 'allow', noOmni: 404, otherDept: 404 } as const;
  /** PERM-2: a request nobody has taken yet does not exist for those without the Unassigned right. */
  const unassignedRead = { ...ticketRead, omniOnly: 404 } as const;
  const cases: RestCase[] = [
    // ---------------------------------------------------------------- tickets and messages
    {
      name: 'list Unassigned',
      request: () => ({ method: 'GET', path: '/api/tickets?view=unassigned' }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow', operator: 'allow', otherDept: 'allow', apiToken: 'allow' },
    },
    {
      name: 'list own chats',
      request: () => ({ method: 'GET', path: '/api/tickets?view=mine' }),
      expect: { default: 'allow', ...EMPLOYEE_DENIALS, noOmni: 403 },
    },
    {
      name: 'read a ticket of department X',
      request: async (x) => ({ method: 'GET', path: `/api/tickets/${await x.unassignedX()}` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, ...unassignedRead, noOmni: 403 },
    },
    {
      name: 'read a taken ticket of department X',
      request: async (x) => ({ method: 'GET', path: `/api/tickets/${await x.assignedX()}` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, ...ticketRead, noOmni: 403 },
    },
    {
      name: 'read a ticket of department Y',
      request: async (x) => ({ method: 'GET', path: `/api/tickets/${await x.unassignedY()}` }),
      expect: { default: 404, ...EMPLOYEE_DENIALS, admin: 'allow', otherDept: 'allow', noOmni: 403 },
    },
    {
      // A widget client has no messenger picture: whoever may see the ticket reaches "no picture" (404 CLIENT_AVATAR_NOT_FOUND).
      name: 'the client\'s picture of a taken ticket of department X',
      request: async (x) => ({ method: 'GET', path: `/api/tickets/${await x.assignedX()}/client-avatar` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, ...ticketRead, supervisor: 404, operator: 404, omniOnly: 404, apiToken: 404, admin: 404, noOmni: 403 },
    },
    {
      name: 'read history of department X',
      request: async (x) => ({ method: 'GET', path: `/api/tickets/${await x.unassignedX()}/messages` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, ...unassignedRead, noOmni: 403 },
    },
    {
      name: 'read history of a taken ticket of department X',
      request: async (x) => ({ method: 'GET', path: `/api/tickets/${await x.assignedX()}/messages` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, ...ticketRead, noOmni: 403 },
    },
    {
      name: 'read history of department Y',
      request: async (x) => ({ method: 'GET', path: `/api/tickets/${await x.unassignedY()}/messages` }),
      expect: { default: 404, ...EMPLOYEE_DENIALS, admin: 'allow', otherDept: 'allow', noOmni: 403 },
    },
    {
      name: 'comment on a ticket of department X',
      request: async (x) => ({ method: 'POST', path: `/api/tickets/${await x.assignedX()}/messages`, body: { kind: 'comment', body: 'note' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, ...ticketRead, noOmni: 403 },
    },
    {
      name: 'reply in the operator\'s chat (executor or supervisor only)',
      request: async (x) => ({ method: 'POST', path: `/api/tickets/${await x.assignedX()}/messages`, body: { kind: 'reply', body: 'hi' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow', operator: 'allow', apiToken: 'allow', otherDept: 404, noOmni: 403 },
    },
    {
      name: 'comment on a ticket of department Y',
      request: async (x) => ({ method: 'POST', path: `/api/tickets/${await x.unassignedY()}/messages`, body: { kind: 'comment', body: 'note' } }),
      expect: { default: 404, ...EMPLOYEE_DENIALS, admin: 'allow', otherDept: 'allow', noOmni: 403 },
    },
    {
      name: 'take a request of department X',
      request: async (x) => ({ method: 'POST', path: `/api/tickets/${await x.unassignedX()}/take` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow', operator: 'allow', apiToken: 'allow', otherDept: 404 },
    },
    {
      name: 'take a request of department Y',
      request: async (x) => ({ method: 'POST', path: `/api/tickets/${await x.unassignedY()}/take` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', otherDept: 'allow', supervisor: 404, operator: 404, apiToken: 404 },
    },
    {
      name: 'complete the operator\'s chat (executor or supervisor only)',
      request: async (x) => ({ method: 'POST', path: `/api/tickets/${await x.assignedX()}/complete` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow', operator: 'allow', apiToken: 'allow', otherDept: 404, noOmni: 403 },
    },
    // ---------------------------------------------------------------- settings (PERM-3)
    {
      name: 'read module settings',
      request: () => ({ method: 'GET', path: '/api/settings/omni' }),
      expect: { default: 'allow', ...EMPLOYEE_DENIALS, noOmni: 403 },
    },
    {
      name: 'change module settings',
      request: () => ({ method: 'PATCH', path: '/api/settings/omni', body: { waitingTimer: true } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow' },
    },
    // ---------------------------------------------------------------- dispatcher, statuses and SLA (issue #5)
    { name: 'read operator statuses', request: () => ({ method: 'GET', path: '/api/omni/operator-statuses' }), expect: { default: 'allow', ...EMPLOYEE_DENIALS, noOmni: 403 } },
    {
      name: 'add an operator status',
      request: () => ({ method: 'POST', path: '/api/omni/operator-statuses', body: { code: `s_${randomUUID().slice(0, 8)}`, name: 'Training' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow' },
    },
    { name: 'switch one\'s own status', request: () => ({ method: 'PUT', path: '/api/omni/presence/me', body: { status: 'away' } }), expect: { default: 'allow', ...EMPLOYEE_DENIALS, noOmni: 403 } },
    { name: 'see operators\' presence', request: () => ({ method: 'GET', path: '/api/omni/operators' }), expect: { default: 'allow', ...EMPLOYEE_DENIALS, noOmni: 403 } },
    {
      name: 'set a colleague\'s status (supervisor)',
      request: (x) => ({ method: 'PUT', path: `/api/omni/operators/${x.operatorId}/status`, body: { status: 'away' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow' },
    },
    {
      name: 'set an operator\'s chat limit',
      request: (x) => ({ method: 'PUT', path: `/api/omni/operators/${x.operatorId}/limit`, body: { chatLimit: 3 } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow' },
    },
    {
      name: 'set the status of an operator of department Y (issue #10 point 4: not found for a supervisor of X)',
      request: (x) => ({ method: 'PUT', path: `/api/omni/operators/${x.operatorYId}/status`, body: { status: 'away' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 404 },
    },
    {
      name: 'set the chat limit of an operator of department Y (issue #10 point 4: not found for a supervisor of X)',
      request: (x) => ({ method: 'PUT', path: `/api/omni/operators/${x.operatorYId}/limit`, body: { chatLimit: 3 } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 404 },
    },
    { name: 'read dispatcher rules', request: () => ({ method: 'GET', path: '/api/omni/rules' }), expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow' } },
    {
      name: 'create a dispatcher rule',
      request: () => ({ method: 'POST', path: '/api/omni/rules', body: { name: 'R', trigger: { type: 'ticket.created' }, actions: [{ type: 'set-priority', priority: 'high' }] } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow' },
    },
    { name: 'read SLA settings', request: () => ({ method: 'GET', path: '/api/omni/sla' }), expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow' } },
    {
      name: 'change a department\'s SLA',
      request: (x) => ({ method: 'PUT', path: `/api/omni/sla/${x.deptX}`, body: { firstReplyMinutes: 12, resolutionMinutes: null, schedule: null } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow' },
    },
    // ---------------------------------------------------------------- administration
    { name: 'list employees', request: () => ({ method: 'GET', path: '/api/employees' }), expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' } },
    {
      name: 'create an employee',
      request: () => ({ method: 'POST', path: '/api/employees', body: { email: `${randomUUID()}@x.local`, name: 'New', password: 'long enough pw' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' },
    },
    {
      name: 'edit an employee',
      request: async () => ({ method: 'PATCH', path: `/api/employees/${await freshEmployee()}`, body: { name: 'Renamed' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' },
    },
    {
      name: 'disable an employee',
      request: async () => ({ method: 'PATCH', path: `/api/employees/${await freshEmployee()}`, body: { disabled: true } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' },
    },
    {
      name: 'set an employee\'s password',
      request: async () => ({ method: 'POST', path: `/api/employees/${await freshEmployee()}/password`, body: { password: 'another long one' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' },
    },
    {
      name: 'delete an employee',
      request: async () => ({ method: 'DELETE', path: `/api/employees/${await freshEmployee()}` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' },
    },
    { name: 'list groups', request: () => ({ method: 'GET', path: '/api/groups' }), expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' } },
    {
      name: 'create a group with every right',
      request: () => ({ method: 'POST', path: '/api/groups', body: { name: 'Everything', permissions: [...allPermissions] } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' },
    },
    {
      name: 'edit a group',
      request: async () => ({ method: 'PUT', path: `/api/groups/${await freshGroup()}`, body: { name: 'G', permissions: ['omni.access'] } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' },
    },
    {
      name: 'delete a group',
      request: async () => ({ method: 'DELETE', path: `/api/groups/${await freshGroup()}` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' },
    },
    { name: 'list departments', request: () => ({ method: 'GET', path: '/api/departments' }), expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' } },
    {
      name: 'create a department',
      request: () => ({ method: 'POST', path: '/api/departments', body: { name: 'New dept' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' },
    },
    {
      name: 'edit a department',
      request: async () => ({ method: 'PUT', path: `/api/departments/${await freshDepartment()}`, body: { name: 'Renamed dept' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' },
    },
    {
      name: 'delete a department',
      request: async () => ({ method: 'DELETE', path: `/api/departments/${await freshDepartment()}` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' },
    },
    // ---------------------------------------------------------------- one's own profile
    { name: 'who am I', request: () => ({ method: 'GET', path: '/api/auth/me' }), expect: { default: 'allow', ...EMPLOYEE_DENIALS } },
    { name: 'list own API tokens', request: () => ({ method: 'GET', path: '/api/profile/tokens' }), expect: { default: 'allow', ...EMPLOYEE_DENIALS } },
    {
      name: 'edit own profile',
      request: () => ({ method: 'PATCH', path: '/api/profile', body: { language: 'ru' } }),
      expect: { default: 'allow', ...EMPLOYEE_DENIALS },
    },
    // ---------------------------------------------------------------- the visitor's side
    {
      name: 'read the widget conversation',
      request: () => ({ method: 'GET', path: '/api/widget/state' }),
      expect: { default: 401, visitor: 'allow' },
    },
    { name: 'the visitor\'s place in the queue', request: () => ({ method: 'GET', path: '/api/widget/queue' }), expect: { default: 401, visitor: 'allow' } },
    {
      name: 'send as a visitor',
      request: () => ({ method: 'POST', path: '/api/widget/messages', body: { body: 'hi', clientMsgId: randomUUID() } }),
      expect: { default: 401, visitor: 'allow' },
    },
    // ---------------------------------------------------------------- the workspace (issue #4)
    {
      name: 'upload a file (sent without a file: who may upload reaches the "no file" check)',
      request: () => ({ method: 'POST', path: '/api/attachments' }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 400, supervisor: 400, operator: 400, omniOnly: 400, otherDept: 400, apiToken: 400 },
    },
    {
      name: 'download a file of a department X ticket',
      request: async (x) => ({ method: 'GET', path: `/api/attachments/${await x.fileOnX()}` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, ...ticketRead, noOmni: 403 },
    },
    {
      name: 'download a file of a department X ticket as a visitor (not theirs)',
      request: async (x) => ({ method: 'GET', path: `/api/widget/attachments/${await x.fileOnX()}` }),
      expect: { default: 401, visitor: 404 },
    },
    {
      name: 'search the ticket list (CORE-6)',
      request: () => ({ method: 'GET', path: '/api/tickets/search' }),
      expect: { default: 'allow', ...EMPLOYEE_DENIALS, noOmni: 403 },
    },
    {
      name: 'search the text of conversations (issue #19; what each may see: ticket-search.int-spec.ts)',
      request: () => ({ method: 'GET', path: '/api/tickets/search/messages?q=hello' }),
      expect: { default: 'allow', ...EMPLOYEE_DENIALS, noOmni: 403 },
    },
    {
      name: 'previous requests of a department X ticket\'s client',
      request: async (x) => ({ method: 'GET', path: `/api/tickets/${await x.unassignedX()}/previous` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, ...unassignedRead, noOmni: 403 },
    },
    {
      name: 'transfer the operator\'s chat (executor or supervisor)',
      request: async (x) => ({ method: 'POST', path: `/api/tickets/${await x.assignedX()}/transfer`, body: { departmentId: x.deptX } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow', operator: 'allow', apiToken: 'allow', otherDept: 404 },
    },
    {
      name: 'invite into the operator\'s chat (executor or supervisor)',
      request: async (x) => ({ method: 'POST', path: `/api/tickets/${await x.assignedX()}/invite`, body: { employeeId: x.operatorId } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow', operator: 'allow', apiToken: 'allow', otherDept: 404 },
    },
    {
      name: 'change the status of the operator\'s chat',
      request: async (x) => ({ method: 'POST', path: `/api/tickets/${await x.assignedX()}/status`, body: { status: 'waiting' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow', operator: 'allow', apiToken: 'allow', otherDept: 404 },
    },
    {
      name: 'mark a department X ticket read',
      request: async (x) => ({ method: 'POST', path: `/api/tickets/${await x.unassignedX()}/read`, body: { seq: 1 } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, ...unassignedRead, noOmni: 403 },
    },
    {
      name: 'mark a taken department X ticket read',
      request: async (x) => ({ method: 'POST', path: `/api/tickets/${await x.assignedX()}/read`, body: { seq: 1 } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, ...ticketRead, noOmni: 403 },
    },
    {
      name: 'edit custom values of a department X ticket',
      request: async (x) => ({ method: 'PATCH', path: `/api/tickets/${await x.unassignedX()}/custom`, body: {} }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, ...unassignedRead, noOmni: 403 },
    },
    {
      name: 'resend a reply (one that did not fail: refused as not retryable to those allowed)',
      request: async (x) => ({ method: 'POST', path: `/api/messages/${await x.replyOnX()}/retry` }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 409, supervisor: 409, operator: 409, apiToken: 409, otherDept: 404, noOmni: 403 },
    },
    {
      name: 'search templates (reply box)',
      request: () => ({ method: 'GET', path: '/api/templates/search?tag=a' }),
      expect: { default: 'allow', ...EMPLOYEE_DENIALS, noOmni: 403 },
    },
    {
      name: 'create a template',
      request: () => ({ method: 'POST', path: '/api/templates', body: { title: 'T', tags: ['t'], body: 'b' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow' },
    },
    {
      name: 'list custom fields',
      request: () => ({ method: 'GET', path: '/api/custom-fields' }),
      expect: { default: 'allow', ...EMPLOYEE_DENIALS, noOmni: 403 },
    },
    {
      name: 'create a custom field',
      request: () => ({ method: 'POST', path: '/api/custom-fields', body: { entity: 'ticket', key: `k${randomUUID().slice(0, 6)}`, label: 'K', type: 'text' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow' },
    },
    {
      name: 'list statuses',
      request: () => ({ method: 'GET', path: '/api/statuses' }),
      expect: { default: 'allow', ...EMPLOYEE_DENIALS, noOmni: 403 },
    },
    {
      name: 'create a status',
      request: () => ({ method: 'POST', path: '/api/statuses', body: { code: `s_${randomUUID().slice(0, 6)}`, name: 'S' } }),
      expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow', supervisor: 'allow' },
    },
    {
      name: 'read the directory of colleagues',
      request: () => ({ method: 'GET', path: '/api/directory' }),
      expect: { default: 'allow', ...EMPLOYEE_DENIALS, noOmni: 403 },
    },
    // ---------------------------------------------------------------- every other route contract (API-1)
    { name: 'health check', request: () => ({ method: 'GET', path: '/api/health' }), expect: { default: 'allow' } },
    { name: 'the OpenAPI document', request: () => ({ method: 'GET', path: '/api/openapi.json' }), expect: { default: 'allow' } },
    {
      name: 'sign in (anyone may try)',
      request: async (x) => ({
        method: 'POST',
        path: '/api/auth/sign-in',
        body: { email: (await createEmployee(t, { permissions: ROLE_PERMISSIONS.operator, departments: [x.deptX] })).email, password: TEST_PASSWORD },
      }),
      expect: { default: 'allow' },
    },
    {
      name: 'change one\'s own password (with a wrong current one: who may reaches the check)',
      request: () => ({ method: 'POST', path: '/api/profile/password', body: { currentPassword: 'not it', newPassword: 'another long one' } }),
      expect: { default: 400, ...EMPLOYEE_DENIALS },
    },
    { name: 'create an API token', request: () => ({ method: 'POST', path: '/api/profile/tokens', body: { name: 'more' } }), expect: { default: 'allow', ...EMPLOYEE_DENIALS } },
    {
      name: 'revoke an API token (someone else\'s is not found)',
      request: () => ({ method: 'DELETE', path: `/api/profile/tokens/${randomUUID()}` }),
      expect: { default: 404, ...EMPLOYEE_DENIALS },
    },
    { name: 'read an employee', request: (x) => ({ method: 'GET', path: `/api/employees/${x.operatorId}` }), expect: { default: 403, ...EMPLOYEE_DENIALS, admin: 'allow' } },
    { name: 'one\'s own status', request: () => ({ method: 'GET', path: '/api/omni/presence/me' }), expect: { default: 'allow', ...EMPLOYEE_DENIALS, noOmni: 403 } },
    {
      name: 'rename an operator status',
      request: async () => ({ method: 'PATCH', path: `/api/omni/operator-statuses/${await freshOperatorStatus()}`, body: { name: 'Break' } }),
      expect: settingsOnly,
    },
    { name: 'remove an operator status', request: async () => ({ method: 'DELETE', path: `/api/omni/operator-statuses/${await freshOperatorStatus()}` }), expect: settingsOnly },
    {
      name: 'reorder the dispatcher rules',
      request: async () => ({ method: 'PUT', path: '/api/omni/rules/order', body: { ids: (await asAdmin<{ items: { id: string }[] }>('GET', '/api/omni/rules')).items.map((r) => r.id) } }),
      expect: settingsOnly,
    },
    { name: 'change a dispatcher rule', request: async () => ({ method: 'PATCH', path: `/api/omni/rules/${await freshRule()}`, body: { name: 'R2' } }), expect: settingsOnly },
    { name: 'copy a dispatcher rule', request: async () => ({ method: 'POST', path: `/api/omni/rules/${await freshRule()}/copy` }), expect: settingsOnly },
    { name: 'delete a dispatcher rule', request: async () => ({ method: 'DELETE', path: `/api/omni/rules/${await freshRule()}` }), expect: settingsOnly },
    { name: 'list templates (administration)', request: () => ({ method: 'GET', path: '/api/templates' }), expect: settingsOnly },
    {
      name: 'change a template',
      request: async () => ({ method: 'PUT', path: `/api/templates/${await freshTemplate()}`, body: { title: 'T2', tags: ['t'], body: 'b2' } }),
      expect: settingsOnly,
    },
    { name: 'delete a template', request: async () => ({ method: 'DELETE', path: `/api/templates/${await freshTemplate()}` }), expect: settingsOnly },
    {
      name: 'change a custom field',
      request: async () => {
        const field = await freshField();
        return { method: 'PUT', path: `/api/custom-fields/${field.id}`, body: { entity: 'ticket', key: field.key, label: 'K2', type: 'text' } };
      },
      expect: settingsOnly,
    },
    { name: 'delete a custom field', request: async () => ({ method: 'DELETE', path: `/api/custom-fields/${(await freshField()).id}` }), expect: settingsOnly },
    {
      name: 'rename a ticket status',
      request: async () => {
        const code = await freshStatus();
        return { method: 'PUT', path: `/api/statuses/${code}`, body: { code, name: 'S2' } };
      },
      expect: settingsOnly,
    },
    { name: 'delete a ticket status', request: async () => ({ method: 'DELETE', path: `/api/statuses/${await freshStatus()}` }), expect: settingsOnly },
    { name: 'list channels with their health', request: () => ({ method: 'GET', path: '/api/channels' }), expect: settingsOnly },
    {
      name: 'connect a messenger (its API unreachable: those allowed reach the platform check)',
      request: (x) => ({
        method: 'POST',
        path: '/api/channels',
        body: { type: 'telegram', name: 'Bot', departmentId: x.deptX, settings: { apiBaseUrl: 'http://127.0.0.1:9' }, secrets: { botToken: '1:unreachable' } },
      }),
      expect: { ...settingsOnly, admin: 502, supervisor: 502 },
    },
    { name: 'rename a channel', request: async (x) => ({ method: 'PATCH', path: `/api/channels/${(await createWidgetChannel(t, x.deptX)).id}`, body: { name: 'Site' } }), expect: settingsOnly },
    { name: 'delete a channel', request: async (x) => ({ method: 'DELETE', path: `/api/channels/${(await createWidgetChannel(t, x.deptX)).id}` }), expect: settingsOnly },
    {
      name: 'register a channel\'s webhook (the widget has none: those allowed reach "not a messenger")',
      request: async (x) => ({ method: 'POST', path: `/api/channels/${(await createWidgetChannel(t, x.deptX)).id}/register-webhook` }),
      expect: { ...settingsOnly, admin: 404, supervisor: 404 },
    },
    { name: 'a widget\'s public settings', request: (x) => ({ method: 'GET', path: `/api/widget/config?key=${x.keyX}` }), expect: { default: 'allow' } },
    { name: 'start a visitor session', request: (x) => ({ method: 'POST', path: '/api/widget/sessions', body: { key: x.keyX } }), expect: { default: 'allow' } },
    { name: 'set the visitor\'s name', request: () => ({ method: 'PATCH', path: '/api/widget/visitor', body: { name: 'Vera' } }), expect: { default: 401, visitor: 'allow' } },
    {
      name: 'upload a file as a visitor (sent without a file: who may upload reaches the "no file" check)',
      request: () => ({ method: 'POST', path: '/api/widget/attachments' }),
      expect: { default: 401, visitor: 400 },
    },
  ];

  /** Route contracts this matrix cannot play with shared principals, and the test that covers each. */
  const elsewhere: Partial<Record<RouteId, string>> = {
    'auth.signOut': 'it ends the session that calls it; auth.int-spec.ts signs out and is refused without a session',
    'channels.webhook': 'public by design, proven by the platform\'s own mechanism instead: channel-webhooks.int-spec.ts refuses forged and missing secrets',
    'channels.file': 'public by design, a signed expiring link for the platform to download from: messenger-channels.int-spec.ts refuses an altered one',
  };
  const reached = new Set<RouteId>();

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    for (const principal of PRINCIPALS) {
      const expected = c.expect[principal] ?? c.expect.default;
      const req = await c.request(w);
      const route = routeIdOf(req.method, req.path);
      if (route) reached.add(route);
      const result = await http(t.url, req.method, req.path, { body: req.body, ...auth[principal] });
      restCases++;
      const got: Observed = result.status >= 200 && result.status < 300 ? 'allow' : result.status;
      if (got !== expected) unexpected.push(`${c.name} as ${principal}: expected ${expected}, got ${got} ${JSON.stringify(result.body)}`);
    }
    expect(unexpected.filter((u) => u.startsWith(`${c.name} as`))).toEqual([]);
  });

  it('reaches every route contract (or names the test that covers it)', () => {
    expect((Object.keys(routeTable) as RouteId[]).filter((id) => !reached.has(id) && !elsewhere[id])).toEqual([]);
  });

  describe('sockets: the same rules as REST', () => {
    const sockets: TestSocket[] = [];
    afterAll(() => sockets.forEach((s) => s.close()));

    const connect = async (principal: Principal): Promise<TestSocket | null> => {
      const a = auth[principal];
      try {
        const s = principal === 'visitor' ? await connectVisitor(t.url, a.token ?? '') : await connectEmployee(t.url, a.cookie ?? '');
        sockets.push(s);
        return s;
      } catch {
        return null;
      }
    };

    it('who may connect', async () => {
      const expected: Record<Principal, boolean> = {
        admin: true,
        supervisor: true,
        operator: true,
        omniOnly: true,
        noOmni: true,
        otherDept: true,
        disabled: false,
        apiToken: false, // sockets use the session cookie; integrations use REST
        visitor: true,
        anonymous: false,
      };
      for (const principal of PRINCIPALS) {
        const s = await connect(principal);
        socketCases++;
        if (Boolean(s) !== expected[principal]) unexpected.push(`socket connect as ${principal}: expected ${expected[principal]}`);
      }
      expect(unexpected.filter((u) => u.startsWith('socket connect'))).toEqual([]);
    });

    it('who may watch a conversation, and who hears of new requests', async () => {
      const connected = new Map<Principal, TestSocket>();
      for (const p of ['admin', 'supervisor', 'operator', 'omniOnly', 'noOmni', 'otherDept'] as const) {
        const s = await connect(p);
        if (s) connected.set(p, s);
      }
      const ticketX = await w.unassignedX();
      const ticketY = await w.unassignedY();
      const watchExpect: Record<string, { x: boolean; y: boolean }> = {
        admin: { x: true, y: true },
        supervisor: { x: true, y: false },
        operator: { x: true, y: false },
        // PERM-2: the request in X is not taken yet.
        omniOnly: { x: false, y: false },
        noOmni: { x: false, y: false },
        otherDept: { x: false, y: true },
      };
      for (const [p, s] of connected) {
        for (const [which, id] of [
          ['x', ticketX],
          ['y', ticketY],
        ] as const) {
          const ack = await request(s, 'ticket:watch', { ticketId: id });
          socketCases++;
          if (ack.ok !== watchExpect[p]?.[which]) unexpected.push(`socket watch ${which} as ${p}: got ${JSON.stringify(ack)}`);
        }
      }

      // A new request in X is announced to exactly those who may take it (PERM-2 and department X).
      const heard = new Map([...connected].map(([p, s]) => [p, collect(s, 'ticket:upserted')]));
      const fresh = await w.unassignedX();
      const announcedTo = new Set(['admin', 'supervisor', 'operator']);
      const deadline = Date.now() + 2000;
      while (Date.now() < deadline && ![...announcedTo].every((p) => heard.get(p as Principal)?.items.some((i) => i.id === fresh))) {
        await new Promise((r) => setTimeout(r, 20));
      }
      // Give stray deliveries the same time to arrive before asserting they did not.
      await new Promise((r) => setTimeout(r, 300));
      for (const [p, h] of heard) {
        socketCases++;
        const got = h.items.some((i) => i.id === fresh);
        if (got !== announcedTo.has(p)) unexpected.push(`socket announcement of a new X request to ${p}: got ${got}`);
      }

      // Issue #10: a conversation transferred to department Y leaves the sockets of those who no longer see it.
      const taken = await w.assignedX();
      const watching = new Set<Principal>();
      for (const [p, s] of connected) if ((await request(s, 'ticket:watch', { ticketId: taken })).ok) watching.add(p);
      const comments = new Map([...connected].map(([p, s]) => [p, collect(s, 'message:created')]));
      await asAdmin('POST', `/api/tickets/${taken}/transfer`, { departmentId: w.deptY });
      const adminHears = nextEvent(connected.get('admin') as TestSocket, 'message:created', (m) => m.body === 'after the move');
      await asAdmin('POST', `/api/tickets/${taken}/messages`, { kind: 'comment', body: 'after the move' });
      await adminHears;
      await new Promise((r) => setTimeout(r, 300));
      for (const p of watching) {
        socketCases++;
        const got = comments.get(p)?.items.some((m) => m.body === 'after the move') ?? false;
        if (got !== (p === 'admin')) unexpected.push(`socket room after a transfer to Y, ${p}: heard ${got}`);
      }
      expect([...watching].sort()).toEqual(['admin', 'omniOnly', 'operator', 'supervisor']);
      expect(unexpected.filter((u) => u.startsWith('socket'))).toEqual([]);
    });

    it('a visitor cannot touch another visitor\'s conversation, nor employee events', async () => {
      const a = await createVisitor(t, w.keyX);
      const b = await createVisitor(t, w.keyX);
      const va = await connectVisitor(t.url, a.token);
      const vb = await connectVisitor(t.url, b.token);
      sockets.push(va, vb);
      const sent = await request<VisitorMessage>(va, 'visitor:send', { body: 'mine', clientMsgId: randomUUID() });
      if (!sent.ok) throw new Error('send failed');
      const attempts: [string, unknown, boolean][] = [
        ['visitor:sync', { ticketId: sent.data.ticketId, afterSeq: 0 }, false],
        ['ticket:watch', { ticketId: sent.data.ticketId }, false],
        ['ticket:unwatch', { ticketId: sent.data.ticketId }, false],
        ['visitor:sync', { ticketId: randomUUID(), afterSeq: 0 }, false],
      ];
      for (const [event, payload, allowed] of attempts) {
        const ack = await request(vb, event, payload);
        socketCases++;
        if (ack.ok !== allowed) unexpected.push(`visitor B ${event}: got ${JSON.stringify(ack)}`);
      }
      const own = await request(va, 'visitor:sync', { ticketId: sent.data.ticketId, afterSeq: 0 });
      socketCases++;
      if (!own.ok) unexpected.push('visitor A cannot sync its own conversation');
      expect(unexpected.filter((u) => u.startsWith('visitor'))).toEqual([]);
    });
  });

  /**
   * Issue #10 point 1 (PERM-6, CORE-3): nobody may change the password, email, enabled state, groups or
   * departments of — nor delete — an employee whose rights are not a subset of their own. Rights are the
   * permissions plus, for the rights exercised in departments (Omni), the departments they are held in;
   * holding `admin.groups` reaches every permission and `admin.departments` every department, since their
   * holders can grant those to themselves anyway. Every actor against every kind of target and action.
   */
  describe('who may change whom', () => {
    type Actor = 'admin' | 'employeesOnly' | 'employeesSupervisorX' | 'employeesDepartments' | 'administratorX' | 'supervisor';
    type Target = 'fullAdmin' | 'employeesOnly' | 'supervisorX' | 'supervisorY' | 'operatorX' | 'noRights';
    type Action = 'password' | 'email' | 'disable' | 'enable' | 'groups' | 'departments' | 'delete' | 'rename' | 'joinGroup' | 'joinDepartment' | 'newGroup' | 'newDepartment';
    type Expected = 'allow' | 'FORBIDDEN' | 'EMPLOYEE_HAS_MORE_RIGHTS';
    const { AdminEmployees, AdminGroups, AdminDepartments } = Permission;
    const ACTORS: Actor[] = ['admin', 'employeesOnly', 'employeesSupervisorX', 'employeesDepartments', 'administratorX', 'supervisor'];
    const TARGETS: Target[] = ['fullAdmin', 'employeesOnly', 'supervisorX', 'supervisorY', 'operatorX', 'noRights'];
    const ACTIONS: Action[] = ['password', 'email', 'disable', 'enable', 'groups', 'departments', 'delete', 'rename', 'joinGroup', 'joinDepartment', 'newGroup', 'newDepartment'];

    const actorRights = (): Record<Actor, { permissions: Permission[]; departments: string[] }> => ({
      admin: { permissions: [...allPermissions], departments: [w.deptX, w.deptY] },
      employeesOnly: { permissions: [AdminEmployees], departments: [] },
      employeesSupervisorX: { permissions: [AdminEmployees, ...omniPermissions], departments: [w.deptX] },
      employeesDepartments: { permissions: [AdminEmployees, AdminDepartments], departments: [] },
      administratorX: { permissions: [AdminEmployees, AdminGroups, ...omniPermissions], departments: [w.deptX] },
      supervisor: { permissions: [...omniPermissions], departments: [w.deptX] },
    });
    const targetRights = (): Record<Target, { permissions: Permission[]; departments: string[] }> => ({
      fullAdmin: { permissions: [...allPermissions], departments: [w.deptX, w.deptY] },
      employeesOnly: { permissions: [AdminEmployees], departments: [] },
      supervisorX: { permissions: [...omniPermissions], departments: [w.deptX] },
      supervisorY: { permissions: [...omniPermissions], departments: [w.deptY] },
      operatorX: { permissions: ROLE_PERMISSIONS.operator, departments: [w.deptX] },
      noRights: { permissions: [], departments: [w.deptX] },
    });
    /** Whose rights are a subset of whose (spelled out, not computed like the API does). */
    const mayChange: Record<Actor, Target[]> = {
      admin: [...TARGETS],
      employeesOnly: ['employeesOnly', 'noRights'],
      employeesSupervisorX: ['employeesOnly', 'supervisorX', 'operatorX', 'noRights'],
      employeesDepartments: ['employeesOnly', 'noRights'],
      // Every right, but Omni only in X and no way to join Y: not over anyone working in Y.
      administratorX: ['employeesOnly', 'supervisorX', 'operatorX', 'noRights'],
      supervisor: [],
    };
    const expected = (actor: Actor, target: Target, action: Action): Expected => {
      const held = actorRights()[actor].permissions;
      // Membership edited from the group's or the department's side needs only that right.
      if (action === 'joinGroup' || action === 'joinDepartment' || action === 'newGroup' || action === 'newDepartment') {
        if (!held.includes(action === 'joinGroup' || action === 'newGroup' ? AdminGroups : AdminDepartments)) return 'FORBIDDEN';
        return mayChange[actor].includes(target) ? 'allow' : 'EMPLOYEE_HAS_MORE_RIGHTS';
      }
      if (!held.includes(AdminEmployees)) return 'FORBIDDEN';
      if (action === 'groups' && !held.includes(AdminGroups)) return 'FORBIDDEN';
      if (action === 'departments' && !held.includes(AdminDepartments)) return 'FORBIDDEN';
      if (action === 'rename') return 'allow'; // a name is not a way into the account
      return mayChange[actor].includes(target) ? 'allow' : 'EMPLOYEE_HAS_MORE_RIGHTS';
    };
    const actors = {} as Record<Actor, string>;

    beforeAll(async () => {
      for (const actor of ACTORS) {
        if (actor === 'admin') {
          actors.admin = auth.admin.cookie as string;
          continue;
        }
        const employee = await createEmployee(t, { name: `Actor ${actor}`, ...actorRights()[actor] });
        actors[actor] = (await signIn(t, employee.email)).cookie;
      }
    });

    const requestFor = async (target: Target, action: Action): Promise<Req> => {
      const { id } = await createEmployee(t, { name: `Target ${target}`, ...targetRights()[target] });
      if (action === 'enable') await t.get(EmployeesService).update(id, { disabled: true }, adminPrincipal(id));
      const path = `/api/employees/${id}`;
      switch (action) {
        case 'password':
          return { method: 'POST', path: `${path}/password`, body: { password: 'taken over, I hope' } };
        case 'email':
          return { method: 'PATCH', path, body: { email: `${randomUUID().slice(0, 8)}@attacker.local` } };
        case 'disable':
          return { method: 'PATCH', path, body: { disabled: true } };
        case 'enable':
          return { method: 'PATCH', path, body: { disabled: false } };
        case 'groups':
          return { method: 'PATCH', path, body: { groupIds: [] } };
        case 'departments':
          return { method: 'PATCH', path, body: { departmentIds: [w.deptX] } };
        case 'delete':
          return { method: 'DELETE', path };
        case 'rename':
          return { method: 'PATCH', path, body: { name: 'Renamed' } };
        case 'joinGroup':
          return { method: 'PUT', path: `/api/groups/${await freshGroup()}`, body: { name: 'Joined', permissions: [Permission.OmniAccess], memberIds: [id] } };
        case 'joinDepartment':
          return { method: 'PUT', path: `/api/departments/${await freshDepartment()}`, body: { name: 'Joined', memberIds: [id] } };
        case 'newGroup':
          return { method: 'POST', path: '/api/groups', body: { name: 'New', permissions: [Permission.OmniAccess], memberIds: [id] } };
        case 'newDepartment':
          return { method: 'POST', path: '/api/departments', body: { name: 'New', memberIds: [id] } };
      }
    };

    it.each(ACTIONS)('%s', async (action) => {
      const wrong: string[] = [];
      for (const actor of ACTORS) {
        for (const target of TARGETS) {
          const req = await requestFor(target, action);
          const result = await http<{ code?: string }>(t.url, req.method, req.path, { cookie: actors[actor], body: req.body });
          restCases++;
          const got = result.status >= 200 && result.status < 300 ? 'allow' : result.status === 403 ? result.body.code : `${result.status} ${result.body.code}`;
          const want = expected(actor, target, action);
          if (got !== want) wrong.push(`${action} of ${target} by ${actor}: expected ${want}, got ${got}`);
        }
      }
      unexpected.push(...wrong);
      expect(wrong).toEqual([]);
    });
  });

  it('a signed-in session keeps no rights it lost: a disabled employee\'s API token and cookie stop working at once', async () => {
    const employee = await authAs(t, 'operator', { departments: [w.deptX] });
    const token = await http<CreatedApiToken>(t.url, 'POST', '/api/profile/tokens', { cookie: employee.cookie, body: { name: 'x' } });
    expect((await http(t.url, 'GET', '/api/tickets?view=mine', { token: token.body.token })).status).toBe(200);
    const admin = await authAs(t, 'admin', { departments: [w.deptX] });
    await http(t.url, 'PATCH', `/api/employees/${employee.id}`, { cookie: admin.cookie, body: { disabled: true } });
    expect((await http(t.url, 'GET', '/api/tickets?view=mine', { token: token.body.token })).status).toBe(401);
    expect((await http(t.url, 'GET', '/api/tickets?view=mine', { cookie: employee.cookie })).status).toBe(401);
    await expect(signIn(t, employee.email)).rejects.toThrow(/401/);
  });
});
