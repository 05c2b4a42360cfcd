import { ErrorCode, administratorPermissions, type Group, type GroupInput, groupInputSchema } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import { symmetricDifference, unique } from '../../common/collections';
import { AppError } from '../../common/errors/app-error';
import type { EmployeePrincipal } from '../../common/principal';
import { AccessService } from './access.service';
import { AccessEvents, type AccessChangedEvent } from './permissions.events';

const RIGHTS_LOCK = 7_261_004;

interface GroupRow {
  id: string;
  name: string;
  permissions: Group['permissions'];
  member_ids: string[];
}

const GROUP_SELECT = `
SELECT g.id, g.name, g.permissions,
       COALESCE(array_agg(eg.employee_id ORDER BY eg.employee_id) FILTER (WHERE e.id IS NOT NULL), '{}') AS member_ids
  FROM groups g
  LEFT JOIN employee_groups eg ON eg.group_id = g.id
  LEFT JOIN employees e ON e.id = eg.employee_id AND e.deleted_at IS NULL`;

const toGroup = (row: GroupRow): Group => ({ id: row.id, name: row.name, permissions: row.permissions, memberIds: row.member_ids });

/** CORE-3: groups, who is in them, and the guarantee that an administrator always remains. */
@Injectable()
export class GroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
    private readonly access: AccessService,
  ) {}

  async list(): Promise<Group[]> {
    const rows = await this.dataSource.query<GroupRow[]>(`${GROUP_SELECT} GROUP BY g.id ORDER BY g.name, g.id`);
    return rows.map(toGroup);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<Group> {
    const [row] = await manager.query<GroupRow[]>(`${GROUP_SELECT} WHERE g.id = $1 GROUP BY g.id`, [id]);
    if (!row) throw new AppError(ErrorCode.GroupNotFound, 'Group not found');
    return toGroup(row);
  }

  async create(input: GroupInput, actor?: EmployeePrincipal): Promise<Group> {
    const data = groupInputSchema.parse(input);
    const { group, affected } = await this.dataSource.transaction(async (m) => {
      await this.lockRights(m);
      if (actor) await this.access.assertCovers(m, actor, unique(data.memberIds));
      const [row] = await m.query<{ id: string }[]>('INSERT INTO groups (name, permissions) VALUES ($1, $2) RETURNING id', [
        data.name,
        unique(data.permissions),
      ]);
      if (!row) throw new Error('Group was not stored');
      await this.replaceMembers(m, row.id, data.memberIds);
      return { group: await this.get(row.id, m), affected: data.memberIds };
    });
    this.accessChanged(affected);
    return group;
  }

  async update(id: string, input: GroupInput, actor: EmployeePrincipal): Promise<Group> {
    const data = groupInputSchema.parse(input);
    const { group, affected } = await this.dataSource.transaction(async (m) => {
      await this.lockRights(m);
      const before = await this.get(id, m);
      // Whoever joins or leaves the group must have no more rights than the actor (issue #10 point 1).
      await this.access.assertCovers(m, actor, symmetricDifference(before.memberIds, unique(data.memberIds)));
      await m.query('UPDATE groups SET name = $2, permissions = $3 WHERE id = $1', [id, data.name, unique(data.permissions)]);
      await this.replaceMembers(m, id, data.memberIds);
      await this.assertAdministratorRemains(m);
      return { group: await this.get(id, m), affected: [...before.memberIds, ...data.memberIds] };
    });
    this.accessChanged(affected);
    return group;
  }

  async remove(id: string): Promise<void> {
    const affected = await this.dataSource.transaction(async (m) => {
      await this.lockRights(m);
      const before = await this.get(id, m);
      await m.query('DELETE FROM groups WHERE id = $1', [id]);
      await this.assertAdministratorRemains(m);
      return before.memberIds;
    });
    this.accessChanged(affected);
  }

  /** Puts an employee in exactly these groups (inside the caller's transaction). */
  async setEmployeeGroups(m: EntityManager, employeeId: string, groupIds: string[]): Promise<void> {
    const ids = unique(groupIds);
    const found = await m.query<{ id: string }[]>('SELECT id FROM groups WHERE id = ANY($1::uuid[])', [ids]);
    if (found.length !== ids.length) throw new AppError(ErrorCode.GroupNotFound, 'One of the groups does not exist');
    await m.query('DELETE FROM employee_groups WHERE employee_id = $1', [employeeId]);
    if (ids.length > 0) {
      await m.query('INSERT INTO employee_groups (group_id, employee_id) SELECT unnest($1::uuid[]), $2', [ids, employeeId]);
    }
  }

  async groupIdsOf(employeeIds: string[]): Promise<Map<string, string[]>> {
    const rows = await this.dataSource.query<{ employee_id: string; group_ids: string[] }[]>(
      `SELECT employee_id, array_agg(group_id ORDER BY group_id) AS group_ids
         FROM employee_groups WHERE employee_id = ANY($1::uuid[]) GROUP BY employee_id`,
      [employeeIds],
    );
    return new Map(rows.map((r) => [r.employee_id, r.group_ids]));
  }

  /**
   * Serialises every change that can take rights away, across instances: two administrators disabling
   * each other at the same moment must not both succeed.
   */
  async lockRights(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [RIGHTS_LOCK]);
  }

  /** Refuses (rolling the transaction back) a change that would leave no enabled administrator. */
  async assertAdministratorRemains(m: EntityManager): Promise<void> {
    const [row] = await m.query<{ n: number }[]>(
      `SELECT count(*)::int AS n
         FROM employees e
        WHERE e.disabled_at IS NULL AND e.deleted_at IS NULL
          AND (SELECT COALESCE(array_agg(p), '{}')
                 FROM employee_groups eg JOIN groups g ON g.id = eg.group_id CROSS JOIN LATERAL unnest(g.permissions) p
                WHERE eg.employee_id = e.id) @> $1::text[]`,
      [administratorPermissions],
    );
    if ((row?.n ?? 0) === 0) {
      throw new AppError(
        ErrorCode.LastAdministrator,
        'This would leave no enabled administrator (rights to manage employees and groups); keep at least one',
      );
    }
  }

  private async replaceMembers(m: EntityManager, groupId: string, memberIds: string[]): Promise<void> {
    const ids = unique(memberIds);
    const found = await m.query<{ id: string }[]>('SELECT id FROM employees WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL', [ids]);
    if (found.length !== ids.length) throw new AppError(ErrorCode.EmployeeNotFound, 'One of the members does not exist');
    await m.query('DELETE FROM employee_groups WHERE group_id = $1', [groupId]);
    if (ids.length > 0) {
      await m.query('INSERT INTO employee_groups (group_id, employee_id) SELECT $1, unnest($2::uuid[])', [groupId, ids]);
    }
  }

  private accessChanged(employeeIds: string[]): void {
    const ids = unique(employeeIds);
    if (ids.length > 0) this.events.emit(AccessEvents.Changed, { employeeIds: ids } satisfies AccessChangedEvent);
  }
}
