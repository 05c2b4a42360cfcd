import {
  createEmployeeRequestSchema,
  departmentInputSchema,
  departmentListSchema,
  departmentSchema,
  employeeListSchema,
  employeeSchema,
  groupInputSchema,
  groupListSchema,
  groupSchema,
  idParamSchema,
  setPasswordRequestSchema,
  updateEmployeeRequestSchema,
} from '../admin';
import { ErrorCode } from '../error-codes';
import { Permission } from '../permissions';
import { employeeAccess } from './access';
import { defineRoutes } from './define-route';

const employeesAdmin = employeeAccess(Permission.AdminEmployees);

export const employeeRoutes = defineRoutes('employees', {
  list: { summary: 'Every employee', access: employeesAdmin, response: employeeListSchema },
  get: {
    summary: 'One employee',
    access: employeesAdmin,
    params: idParamSchema,
    response: employeeSchema,
    errors: { [ErrorCode.EmployeeNotFound]: null },
  },
  create: {
    summary: 'Create an employee',
    description: 'Putting them in groups needs `admin.groups` too, in departments `admin.departments` (FORBIDDEN otherwise).',
    access: employeesAdmin,
    body: createEmployeeRequestSchema,
    response: employeeSchema,
    status: 201,
    errors: { [ErrorCode.EmailTaken]: null, [ErrorCode.GroupNotFound]: null, [ErrorCode.DepartmentNotFound]: null },
  },
  update: {
    summary: 'Edit, disable or enable an employee',
    description:
      'Disabling ends their sessions, revokes their API tokens and returns their live chats to Unassigned. The last enabled administrator cannot be disabled or demoted. Changing the email, enabled state, groups or departments of an employee whose rights are not a subset of the caller\'s is refused (EMPLOYEE_HAS_MORE_RIGHTS).',
    access: employeesAdmin,
    params: idParamSchema,
    body: updateEmployeeRequestSchema,
    response: employeeSchema,
    errors: {
      [ErrorCode.EmployeeNotFound]: null,
      [ErrorCode.EmailTaken]: null,
      [ErrorCode.GroupNotFound]: null,
      [ErrorCode.DepartmentNotFound]: null,
      [ErrorCode.LastAdministrator]: null,
      [ErrorCode.EmployeeHasMoreRights]: null,
    },
  },
  setPassword: {
    summary: 'Set an employee\'s password',
    description:
      'Ends every session of the employee and revokes their API tokens. Refused for an employee whose rights are not a subset of the caller\'s (EMPLOYEE_HAS_MORE_RIGHTS).',
    access: employeesAdmin,
    params: idParamSchema,
    body: setPasswordRequestSchema,
    errors: { [ErrorCode.EmployeeNotFound]: null, [ErrorCode.EmployeeHasMoreRights]: null },
  },
  remove: {
    summary: 'Delete an employee',
    description: 'The employee\'s tickets and history stay. Refused for an employee whose rights are not a subset of the caller\'s (EMPLOYEE_HAS_MORE_RIGHTS).',
    access: employeesAdmin,
    params: idParamSchema,
    errors: { [ErrorCode.EmployeeNotFound]: null, [ErrorCode.LastAdministrator]: null, [ErrorCode.EmployeeHasMoreRights]: null },
  },
});

const groupsAdmin = employeeAccess(Permission.AdminGroups);

export const groupRoutes = defineRoutes('groups', {
  list: { summary: 'Every group with its rights and members', access: groupsAdmin, response: groupListSchema },
  create: {
    summary: 'Create a group',
    description: 'Its members must have no rights the caller does not have (EMPLOYEE_HAS_MORE_RIGHTS otherwise).',
    access: groupsAdmin,
    body: groupInputSchema,
    response: groupSchema,
    status: 201,
    errors: { [ErrorCode.EmployeeNotFound]: null, [ErrorCode.EmployeeHasMoreRights]: null },
  },
  update: {
    summary: 'Change a group\'s name, rights or members',
    description: 'Those who join or leave it must have no rights the caller does not have (EMPLOYEE_HAS_MORE_RIGHTS otherwise).',
    access: groupsAdmin,
    params: idParamSchema,
    body: groupInputSchema,
    response: groupSchema,
    errors: {
      [ErrorCode.GroupNotFound]: null,
      [ErrorCode.EmployeeNotFound]: null,
      [ErrorCode.LastAdministrator]: null,
      [ErrorCode.EmployeeHasMoreRights]: null,
    },
  },
  remove: {
    summary: 'Delete a group',
    access: groupsAdmin,
    params: idParamSchema,
    errors: { [ErrorCode.GroupNotFound]: null, [ErrorCode.LastAdministrator]: null },
  },
});

const departmentsAdmin = employeeAccess(Permission.AdminDepartments);

export const departmentRoutes = defineRoutes('departments', {
  list: { summary: 'Every department with its members', access: departmentsAdmin, response: departmentListSchema },
  create: {
    summary: 'Create a department',
    description: 'Its members must have no rights the caller does not have (EMPLOYEE_HAS_MORE_RIGHTS otherwise).',
    access: departmentsAdmin,
    body: departmentInputSchema,
    response: departmentSchema,
    status: 201,
    errors: { [ErrorCode.EmployeeNotFound]: null, [ErrorCode.EmployeeHasMoreRights]: null },
  },
  update: {
    summary: 'Change a department and who works in it',
    description: 'Those who join or leave it must have no rights the caller does not have (EMPLOYEE_HAS_MORE_RIGHTS otherwise).',
    access: departmentsAdmin,
    params: idParamSchema,
    body: departmentInputSchema,
    response: departmentSchema,
    errors: { [ErrorCode.DepartmentNotFound]: null, [ErrorCode.EmployeeNotFound]: null, [ErrorCode.EmployeeHasMoreRights]: null },
  },
  remove: {
    summary: 'Delete a department that no ticket belongs to',
    access: departmentsAdmin,
    params: idParamSchema,
    errors: { [ErrorCode.DepartmentNotFound]: null, [ErrorCode.DepartmentInUse]: null },
  },
});
