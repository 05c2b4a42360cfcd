import { Permission, hasPermission } from '@omnichannel/contracts';

/** What an employee holds: their groups' rights and the departments they work in. */
export interface Rights {
  permissions: readonly Permission[];
  departmentIds: readonly string[];
}

/**
 * The rights exercised in departments (PERM-6): the conversations, the queue, supervision and calls of the
 * departments one works in. The module settings and the administration rights hold everywhere.
 */
const departmentPermissions: readonly Permission[] = [Permission.OmniAccess, Permission.OmniUnassigned, Permission.OmniManagement, Permission.OmniTelephony];

/**
 * Issue #10 point 1: whether `holder` holds every right `other` holds — each permission, and each
 * department-held right in each of the other's departments. An employee may take over (reset the password
 * of, re-address, disable, move, delete) only someone they cover, or managing employees would be a way to
 * any right. Holding `admin.groups` reaches every permission and `admin.departments` every department, as
 * their holders can grant those to themselves anyway.
 */
export function coversRights(holder: Rights, other: Rights): boolean {
  const everyPermission = hasPermission(holder.permissions, Permission.AdminGroups);
  const everyDepartment = hasPermission(holder.permissions, Permission.AdminDepartments);
  if (!everyPermission && !other.permissions.every((p) => holder.permissions.includes(p))) return false;
  if (everyDepartment || !other.permissions.some((p) => departmentPermissions.includes(p))) return true;
  return other.departmentIds.every((d) => holder.departmentIds.includes(d));
}
