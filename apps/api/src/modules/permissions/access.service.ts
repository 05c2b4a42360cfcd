import { ErrorCode, type Language, type Permission } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { prepared, runPrepared } from '../../database/prepared';
import { coversRights, type Rights } from './rights';

export interface EmployeeAccess {
  id: string;
  name: string;
  email: string;
  language: Language | null;
  avatarUrl: string | null;
  notifySound: boolean;
  notifyDesktop: boolean;
  permissions: Permission[];
  departmentIds: string[];
}

interface AccessRow {
  id: string;
  name: string;
  email: string;
  language: Language | null;
  avatar_url: string | null;
  notify_sound: boolean;
  notify_desktop: boolean;
  permissions: Permission[];
  department_ids: string[];
}

/** Read on every request of an employee: prepared. */
const ACCESS_OF_EMPLOYEE = prepared(
  'access-of-employee',
  `SELECT e.id, e.name, e.email, e.language, e.avatar_url, e.notify_sound, e.notify_desktop,
              COALESCE((SELECT array_agg(DISTINCT p ORDER BY p)
                          FROM employee_groups eg
                          JOIN groups g ON g.id = eg.group_id
                          CROSS JOIN LATERAL unnest(g.permissions) p
                         WHERE eg.employee_id = e.id), '{}') AS permissions,
              COALESCE((SELECT array_agg(dm.department_id ORDER BY dm.department_id)
                          FROM department_members dm
                         WHERE dm.employee_id = e.id), '{}') AS department_ids
         FROM employees e
        WHERE e.id = $1 AND e.disabled_at IS NULL AND e.deleted_at IS NULL`,
);

/**
 * What an enabled employee may do: the union of their groups' rights (CORE-3) and the departments they
 * work in (CORE-2). Read on every request, so a change takes effect at once on every instance.
 */
@Injectable()
export class AccessService {
  constructor(private readonly dataSource: DataSource) {}

  async ofEmployee(employeeId: string, m: EntityManager = this.dataSource.manager): Promise<EmployeeAccess | null> {
    const [row] = await runPrepared<AccessRow>(m, ACCESS_OF_EMPLOYEE, [employeeId]);
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      language: row.language,
      avatarUrl: row.avatar_url,
      notifySound: row.notify_sound,
      notifyDesktop: row.notify_desktop,
      permissions: row.permissions,
      departmentIds: row.department_ids,
    };
  }

  /**
   * Issue #10 point 1: refuses (rolling the caller's transaction back) a change to the account, groups or
   * departments of any of these employees when the actor does not hold every right they hold (see
   * coversRights) — otherwise an employee administrator could reset a full administrator's password and
   * sign in as them. Call it under the rights lock, so nobody gains a right between the check and the change.
   */
  async assertCovers(m: EntityManager, actor: Rights, employeeIds: readonly string[]): Promise<void> {
    if (employeeIds.length === 0) return;
    const rows = await m.query<{ permissions: Permission[]; department_ids: string[] }[]>(
      `SELECT COALESCE((SELECT array_agg(DISTINCT p)
                          FROM employee_groups eg
                          JOIN groups g ON g.id = eg.group_id
                          CROSS JOIN LATERAL unnest(g.permissions) p
                         WHERE eg.employee_id = e.id), '{}') AS permissions,
              COALESCE((SELECT array_agg(dm.department_id) FROM department_members dm WHERE dm.employee_id = e.id), '{}') AS department_ids
         FROM employees e
        WHERE e.id = ANY($1::uuid[])`,
      [employeeIds],
    );
    if (rows.some((r) => !coversRights(actor, { permissions: r.permissions, departmentIds: r.department_ids }))) {
      throw new AppError(
        ErrorCode.EmployeeHasMoreRights,
        employeeIds.length === 1
          ? 'This employee has rights or departments that you do not have, so you cannot change their account, groups or departments'
          : 'One of these employees has rights or departments that you do not have, so you cannot change their groups or departments',
      );
    }
  }
}
