import { ErrorCode, departmentInputSchema, type Department, type DepartmentInput } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { symmetricDifference, unique } from '../../common/collections';
import type { EmployeePrincipal } from '../../common/principal';
import { AccessService } from '../permissions/access.service';
import { GroupsService } from '../permissions/groups.service';
import { AccessEvents, type AccessChangedEvent } from '../permissions/permissions.events';

interface DepartmentRow {
  id: string;
  name: string;
  display_name: string | null;
  avatar_url: string | null;
  default_deadline_minutes: number | null;
  member_ids: string[];
}

const DEPARTMENT_SELECT = `
SELECT d.id, d.name, d.display_name, d.avatar_url, d.default_deadline_minutes,
       COALESCE(array_agg(dm.employee_id ORDER BY dm.employee_id) FILTER (WHERE e.id IS NOT NULL), '{}') AS member_ids
  FROM departments d
  LEFT JOIN department_members dm ON dm.department_id = d.id
  LEFT JOIN employees e ON e.id = dm.employee_id AND e.deleted_at IS NULL`;

const toDepartment = (r: DepartmentRow): Department => ({
  id: r.id,
  name: r.name,
  displayName: r.display_name,
  avatarUrl: r.avatar_url,
  defaultDeadlineMinutes: r.default_deadline_minutes,
  memberIds: r.member_ids,
});

/** CORE-2: departments and the employees who may work in them. */
@Injectable()
export class DepartmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
    private readonly access: AccessService,
    private readonly groups: GroupsService,
  ) {}

  async list(): Promise<Department[]> {
    const rows = await this.dataSource.query<DepartmentRow[]>(`${DEPARTMENT_SELECT} GROUP BY d.id ORDER BY d.name, d.id`);
    return rows.map(toDepartment);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<Department> {
    const [row] = await manager.query<DepartmentRow[]>(`${DEPARTMENT_SELECT} WHERE d.id = $1 GROUP BY d.id`, [id]);
    if (!row) throw new AppError(ErrorCode.DepartmentNotFound, 'Department not found');
    return toDepartment(row);
  }

  async create(input: DepartmentInput, actor?: EmployeePrincipal): Promise<Department> {
    const data = departmentInputSchema.parse(input);
    const department = await this.dataSource.transaction(async (m) => {
      if (actor && data.memberIds.length > 0) {
        await this.groups.lockRights(m);
        await this.access.assertCovers(m, actor, unique(data.memberIds));
      }
      const [row] = await m.query<{ id: string }[]>(
        'INSERT INTO departments (name, display_name, avatar_url, default_deadline_minutes) VALUES ($1, $2, $3, $4) RETURNING id',
        [data.name, data.displayName, data.avatarUrl, data.defaultDeadlineMinutes],
      );
      if (!row) throw new Error('Department was not stored');
      await this.replaceMembers(m, row.id, data.memberIds);
      return this.get(row.id, m);
    });
    this.accessChanged(data.memberIds);
    return department;
  }

  async update(id: string, input: DepartmentInput, actor: EmployeePrincipal): Promise<Department> {
    const data = departmentInputSchema.parse(input);
    const { department, affected } = await this.dataSource.transaction(async (m) => {
      await this.groups.lockRights(m);
      const before = await this.get(id, m);
      // Whoever joins or leaves the department must have no more rights than the actor (issue #10 point 1).
      await this.access.assertCovers(m, actor, symmetricDifference(before.memberIds, unique(data.memberIds)));
      await m.query('UPDATE departments SET name = $2, display_name = $3, avatar_url = $4, default_deadline_minutes = $5 WHERE id = $1', [
        id,
        data.name,
        data.displayName,
        data.avatarUrl,
        data.defaultDeadlineMinutes,
      ]);
      await this.replaceMembers(m, id, data.memberIds);
      return { department: await this.get(id, m), affected: symmetricDifference(before.memberIds, data.memberIds) };
    });
    this.accessChanged(affected);
    return department;
  }

  /** A department that still has tickets or channels cannot go: they would lose their home. */
  async remove(id: string): Promise<void> {
    const before = await this.get(id);
    const [use] = await this.dataSource.query<{ tickets: number; channels: number }[]>(
      `SELECT (SELECT count(*)::int FROM tickets WHERE department_id = $1) AS tickets,
              (SELECT count(*)::int FROM channels WHERE department_id = $1) AS channels`,
      [id],
    );
    if ((use?.tickets ?? 0) > 0 || (use?.channels ?? 0) > 0) {
      throw new AppError(
        ErrorCode.DepartmentInUse,
        `The department still has ${use?.tickets ?? 0} tickets and ${use?.channels ?? 0} channels; move them first`,
      );
    }
    await this.dataSource.query('DELETE FROM departments WHERE id = $1', [id]);
    this.accessChanged(before.memberIds);
  }

  /** Makes an employee a member of exactly these departments (inside the caller's transaction). */
  async setEmployeeDepartments(m: EntityManager, employeeId: string, departmentIds: string[]): Promise<void> {
    const ids = unique(departmentIds);
    const found = await m.query<{ id: string }[]>('SELECT id FROM departments WHERE id = ANY($1::uuid[])', [ids]);
    if (found.length !== ids.length) throw new AppError(ErrorCode.DepartmentNotFound, 'One of the departments does not exist');
    await m.query('DELETE FROM department_members WHERE employee_id = $1', [employeeId]);
    if (ids.length > 0) {
      await m.query('INSERT INTO department_members (department_id, employee_id) SELECT unnest($1::uuid[]), $2', [ids, employeeId]);
    }
  }

  private async replaceMembers(m: EntityManager, departmentId: string, memberIds: string[]): Promise<void> {
    const ids = unique(memberIds);
    const found = await m.query<{ id: string }[]>('SELECT id FROM employees WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL', [ids]);
    if (found.length !== ids.length) throw new AppError(ErrorCode.EmployeeNotFound, 'One of the members does not exist');
    await m.query('DELETE FROM department_members WHERE department_id = $1', [departmentId]);
    if (ids.length > 0) {
      await m.query('INSERT INTO department_members (department_id, employee_id) SELECT $1, unnest($2::uuid[])', [departmentId, ids]);
    }
  }

  private accessChanged(employeeIds: string[]): void {
    const ids = unique(employeeIds);
    if (ids.length > 0) this.events.emit(AccessEvents.Changed, { employeeIds: ids } satisfies AccessChangedEvent);
  }
}
