import { Permission } from '@omnichannel/contracts';
import { can, visibleDepartments, type EmployeePrincipal } from '../../common/principal';
import { sql, type SQL } from '../../common/sql';

/** The executor id under which an employee sees their own tickets: nobody's, without the Omni right. */
export function visibleExecutor(employee: EmployeePrincipal): string | null {
  return can(employee, Permission.OmniAccess) ? employee.id : null;
}

/**
 * PERM-6: a ticket (aliased `t`) is visible to an employee with the Omni right when it is in one of their
 * departments, when they are its executor, or when they were invited into it. PERM-2: a live request
 * nobody has taken yet is part of a department only for holders of the Unassigned right; to anyone else
 * it does not exist (404), exactly like another department's ticket. Every query that shows or changes a
 * ticket for an employee includes this one condition (the socket rooms follow the same rule: rooms.ts).
 */
export function visibleTo(employee: EmployeePrincipal): SQL {
  const me = visibleExecutor(employee);
  const inDepartment = sql`t.department_id = ANY(${sql.value(visibleDepartments(employee))}::uuid[])`;
  const department = can(employee, Permission.OmniUnassigned) ? inDepartment : sql`(${inDepartment} AND (t.executor_id IS NOT NULL OR NOT t.live))`;
  return sql`(${department} OR t.executor_id = ${sql.value(me)}::uuid
    OR EXISTS (SELECT 1 FROM ticket_participants tp WHERE tp.ticket_id = t.id AND tp.employee_id = ${sql.value(me)}::uuid))`;
}
