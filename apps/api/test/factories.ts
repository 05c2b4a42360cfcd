import { randomUUID } from 'node:crypto';
import {
  Permission,
  SESSION_COOKIE,
  allPermissions,
  omniPermissions,
  type EmployeeSelf,
  type VisitorSession,
} from '@omnichannel/contracts';
import { ChannelsService, type Channel } from '../src/modules/channels/channels.service';
import { DepartmentsService } from '../src/modules/departments/departments.service';
import { EmployeesService } from '../src/modules/employees/employees.service';
import { GroupsService } from '../src/modules/permissions/groups.service';
import { http } from './http';
import type { TestApp } from './test-app';

export const TEST_PASSWORD = 'correct horse battery';

/** The principals the tests play, by the rights their group grants. */
export const ROLE_PERMISSIONS = {
  admin: [...allPermissions],
  supervisor: [...omniPermissions],
  operator: [Permission.OmniAccess, Permission.OmniUnassigned],
  omniOnly: [Permission.OmniAccess],
  noOmni: [] as Permission[],
} satisfies Record<string, Permission[]>;
export type Role = keyof typeof ROLE_PERMISSIONS;

export function createDepartment(t: TestApp, name = `Dept ${randomUUID().slice(0, 8)}`, memberIds: string[] = []) {
  return t.get(DepartmentsService).create({ name, memberIds });
}

export function createGroup(t: TestApp, permissions: Permission[], name = `Group ${randomUUID().slice(0, 8)}`) {
  return t.get(GroupsService).create({ name, permissions });
}

export interface TestEmployee {
  id: string;
  email: string;
  name: string;
}

/** An employee in a fresh group with exactly these rights, working in these departments. */
export async function createEmployee(
  t: TestApp,
  options: { name?: string; permissions?: Permission[]; departments?: string[] } = {},
): Promise<TestEmployee> {
  const group = await createGroup(t, options.permissions ?? ROLE_PERMISSIONS.operator);
  const employee = await t.get(EmployeesService).create({
    email: `${randomUUID().slice(0, 8)}@test.local`,
    name: options.name ?? 'Test Operator',
    password: TEST_PASSWORD,
    groupIds: [group.id],
    departmentIds: options.departments ?? [],
  });
  return { id: employee.id, email: employee.email, name: employee.name };
}

export function createWidgetChannel(t: TestApp, departmentId: string, publicKey = `key-${randomUUID().slice(0, 8)}`): Promise<Channel> {
  return t.get(ChannelsService).createWidget({ name: 'Test site', departmentId, publicKey });
}

/** Signs in through the real endpoint and returns the Cookie header value. */
export async function signIn(t: TestApp, email: string, password = TEST_PASSWORD): Promise<{ cookie: string; me: EmployeeSelf }> {
  const result = await http<EmployeeSelf>(t.url, 'POST', '/api/auth/sign-in', { body: { email, password } });
  if (result.status !== 200) throw new Error(`Sign-in failed: ${result.status} ${JSON.stringify(result.body)}`);
  const setCookie = result.headers.get('set-cookie') ?? '';
  const match = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie);
  if (!match) throw new Error('No session cookie');
  return { cookie: `${SESSION_COOKIE}=${match[1]}`, me: result.body };
}

/** A signed-in employee playing a role (house style's authAs). */
export async function authAs(t: TestApp, role: Role, options: { name?: string; departments?: string[] } = {}) {
  const employee = await createEmployee(t, { name: options.name ?? `Test ${role}`, permissions: ROLE_PERMISSIONS[role], departments: options.departments });
  const { cookie } = await signIn(t, employee.email);
  return { ...employee, cookie };
}

/** An operator (Omni + Unassigned) working in these departments. */
export function authAsOperator(t: TestApp, name = 'Test Operator', departments: string[] = []) {
  return authAs(t, 'operator', { name, departments });
}

export async function createVisitor(t: TestApp, key: string): Promise<VisitorSession> {
  const result = await http<VisitorSession>(t.url, 'POST', '/api/widget/sessions', { body: { key } });
  if (result.status !== 201) throw new Error(`Visitor session failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body;
}

/** A department with a widget channel: the smallest world a conversation can happen in. */
export async function createWorld(t: TestApp) {
  const department = await createDepartment(t);
  const channel = await createWidgetChannel(t, department.id);
  return { department, channel, key: channel.publicKey as string };
}
