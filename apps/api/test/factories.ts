import { randomUUID } from 'node:crypto';
import { SESSION_COOKIE, type EmployeeSelf, type VisitorSession } from '@omnichannel/contracts';
import { PasswordHasher } from '../src/modules/auth/password-hasher';
import { ChannelsService } from '../src/modules/channels/channels.service';
import type { ChannelEntity } from '../src/modules/channels/entities/channel.entity';
import { DepartmentsService } from '../src/modules/departments/departments.service';
import type { DepartmentEntity } from '../src/modules/departments/entities/department.entity';
import { EmployeesService } from '../src/modules/employees/employees.service';
import { http } from './http';
import type { TestApp } from './test-app';

export const TEST_PASSWORD = 'correct horse battery';

export function createDepartment(t: TestApp, name = `Dept ${randomUUID().slice(0, 8)}`): Promise<DepartmentEntity> {
  return t.get(DepartmentsService).create(name);
}

export async function createEmployee(t: TestApp, name = 'Test Operator'): Promise<{ id: string; email: string; name: string }> {
  const email = `${randomUUID().slice(0, 8)}@test.local`;
  const passwordHash = await t.get(PasswordHasher).hash(TEST_PASSWORD);
  const employee = await t.get(EmployeesService).create({ email, name, passwordHash });
  return { id: employee.id, email: employee.email, name: employee.name };
}

export function createWidgetChannel(t: TestApp, departmentId: string, publicKey = `key-${randomUUID().slice(0, 8)}`): Promise<ChannelEntity> {
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

/** An employee who is signed in: what `authAs('operator')` gives in the foundation (rights come later). */
export async function authAsOperator(t: TestApp, name = 'Test Operator') {
  const employee = await createEmployee(t, name);
  const { cookie } = await signIn(t, employee.email);
  return { ...employee, cookie };
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
