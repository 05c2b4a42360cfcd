import { idParamSchema } from '../admin';
import {
  departmentIdParamSchema,
  departmentSlaInputSchema,
  departmentSlaListSchema,
  departmentSlaSchema,
  dispatchRuleInputSchema,
  dispatchRuleListSchema,
  dispatchRuleSchema,
  dispatchRuleUpdateSchema,
  operatorPresenceListSchema,
  operatorPresenceSchema,
  operatorStatusInputSchema,
  operatorStatusListSchema,
  operatorStatusSchema,
  operatorStatusUpdateSchema,
  reorderRulesRequestSchema,
  setChatLimitRequestSchema,
  setMyStatusRequestSchema,
} from '../dispatcher';
import { ErrorCode } from '../error-codes';
import { offlineForbiddenDetailsSchema } from '../error-details';
import { Permission } from '../permissions';
import { statusCodeParamSchema } from '../tickets';
import { employeeAccess } from './access';
import { defineRoutes } from './define-route';

const omni = employeeAccess(Permission.OmniAccess);
const omniSettings = employeeAccess(Permission.OmniSettings);

/** DSP-1: operator statuses (everyone with Omni reads them; PERM-3 edits them). */
export const operatorStatusRoutes = defineRoutes('operatorStatuses', {
  list: { summary: 'Every operator status', access: omni, response: operatorStatusListSchema },
  create: {
    summary: 'Add an operator status',
    access: omniSettings,
    body: operatorStatusInputSchema,
    response: operatorStatusSchema,
    status: 201,
    errors: { [ErrorCode.StatusTaken]: null },
  },
  update: {
    summary: 'Change an operator status',
    description: 'Online always receives chats, away and offline never do.',
    access: omniSettings,
    params: statusCodeParamSchema,
    body: operatorStatusUpdateSchema,
    response: operatorStatusSchema,
    errors: { [ErrorCode.StatusNotFound]: null },
  },
  remove: {
    summary: 'Remove an operator status nobody is in',
    access: omniSettings,
    params: statusCodeParamSchema,
    errors: { [ErrorCode.StatusNotFound]: null, [ErrorCode.StatusInUse]: null },
  },
});

/** Refusals of a status change: SET-4 names the requests that keep the employee from going offline. */
const statusChange = {
  [ErrorCode.StatusNotFound]: null,
  [ErrorCode.EmployeeNotFound]: null,
  [ErrorCode.OfflineForbidden]: offlineForbiddenDetailsSchema,
} as const;

/** DSP-1 statuses of operators, DSP-4 limits. */
export const presenceRoutes = defineRoutes('presence', {
  mine: {
    summary: 'The caller\'s own status and load',
    access: omni,
    response: operatorPresenceSchema,
    errors: { [ErrorCode.EmployeeNotFound]: null },
  },
  setMine: {
    summary: 'Switch one\'s own status',
    access: omni,
    body: setMyStatusRequestSchema,
    response: operatorPresenceSchema,
    errors: statusChange,
  },
  operators: { summary: 'Every operator\'s status, load and limit', access: omni, response: operatorPresenceListSchema },
  setStatus: {
    summary: 'Set a colleague\'s status',
    description:
      'A supervisor sets someone\'s status, e.g. offline for a colleague who left without switching. Only of an employee of one of the supervisor\'s departments; anyone else is EMPLOYEE_NOT_FOUND.',
    access: employeeAccess(Permission.OmniManagement),
    params: idParamSchema,
    body: setMyStatusRequestSchema,
    response: operatorPresenceSchema,
    errors: statusChange,
  },
  setLimit: {
    summary: 'Set an operator\'s limit of simultaneous chats',
    description: 'null: the default of the module settings. Only of an employee of one of the caller\'s departments; anyone else is EMPLOYEE_NOT_FOUND.',
    access: omniSettings,
    params: idParamSchema,
    body: setChatLimitRequestSchema,
    response: operatorPresenceSchema,
    errors: { [ErrorCode.EmployeeNotFound]: null },
  },
});

/** DSP-3: the dispatcher's ordered rules (PERM-3). */
export const ruleRoutes = defineRoutes('rules', {
  list: { summary: 'Every dispatcher rule in order', access: omniSettings, response: dispatchRuleListSchema },
  create: {
    summary: 'Add a dispatcher rule (at the end)',
    access: omniSettings,
    body: dispatchRuleInputSchema,
    response: dispatchRuleSchema,
    status: 201,
  },
  reorder: {
    summary: 'Put the rules in a new order',
    description: 'Give every rule exactly once.',
    access: omniSettings,
    body: reorderRulesRequestSchema,
    response: dispatchRuleListSchema,
  },
  update: {
    summary: 'Change a rule',
    description: 'Only the fields given change.',
    access: omniSettings,
    params: idParamSchema,
    body: dispatchRuleUpdateSchema,
    response: dispatchRuleSchema,
    errors: { [ErrorCode.RuleNotFound]: null },
  },
  copy: {
    summary: 'Copy a rule',
    access: omniSettings,
    params: idParamSchema,
    response: dispatchRuleSchema,
    status: 201,
    errors: { [ErrorCode.RuleNotFound]: null },
  },
  remove: {
    summary: 'Delete a rule',
    access: omniSettings,
    params: idParamSchema,
    errors: { [ErrorCode.RuleNotFound]: null },
  },
});

/** SLA-1: each department's deadlines and working hours (PERM-3). */
export const slaRoutes = defineRoutes('sla', {
  list: { summary: 'Every department\'s deadlines and working hours', access: omniSettings, response: departmentSlaListSchema },
  update: {
    summary: 'Set a department\'s deadlines and working hours',
    access: omniSettings,
    params: departmentIdParamSchema,
    body: departmentSlaInputSchema,
    response: departmentSlaSchema,
    errors: { [ErrorCode.DepartmentNotFound]: null },
  },
});
