import { Permission, directoryRoutes, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Route } from '../../common/routing/route.decorator';

/**
 * WORK-5, WORK-10: who a conversation can go to — enabled colleagues with the Omni right and the
 * departments, names only (no emails or rights: any Omni user may read this).
 */
@Controller()
export class DirectoryController {
  constructor(private readonly dataSource: DataSource) {}

  @Route(directoryRoutes.read)
  async directory(): Promise<RouteResponse<typeof directoryRoutes.read>> {
    const employees = await this.dataSource.query<{ id: string; name: string; department_ids: string[] }[]>(
      `SELECT e.id, e.name,
              COALESCE((SELECT array_agg(dm.department_id ORDER BY dm.department_id) FROM department_members dm WHERE dm.employee_id = e.id), '{}') AS department_ids
         FROM employees e
        WHERE e.disabled_at IS NULL AND e.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM employee_groups eg JOIN groups g ON g.id = eg.group_id
                       WHERE eg.employee_id = e.id AND $1 = ANY(g.permissions))
        ORDER BY e.name, e.id`,
      [Permission.OmniAccess],
    );
    const departments = await this.dataSource.query<{ id: string; name: string }[]>('SELECT id, name FROM departments ORDER BY name, id');
    const groups = await this.dataSource.query<{ id: string; name: string }[]>('SELECT id, name FROM groups ORDER BY name, id');
    return { employees: employees.map((e) => ({ id: e.id, name: e.name, departmentIds: e.department_ids })), departments, groups };
  }
}
