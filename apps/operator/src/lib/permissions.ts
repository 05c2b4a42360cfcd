import { hasPermission, type EmployeeSelf, type Permission } from '@omnichannel/contracts';

/** The same keys the API enforces: the SPA shows exactly what they allow (PERM-6). */
export function can(me: EmployeeSelf | null | undefined, ...needed: Permission[]): boolean {
  return Boolean(me) && hasPermission(me?.permissions ?? [], ...needed);
}

/** Where a signed-in employee starts: the first section their rights open. */
export function homePath(me: EmployeeSelf): string {
  if (can(me, 'omni.unassigned')) return '/unassigned';
  if (can(me, 'omni.access')) return '/chats';
  if (can(me, 'admin.employees')) return '/admin/employees';
  if (can(me, 'admin.groups')) return '/admin/groups';
  if (can(me, 'admin.departments')) return '/admin/departments';
  return '/profile';
}
