// Permission keys, defined once: the API enforces them, the gateway grants rooms by them, the SPA shows
// exactly what they allow. Free of zod so front-ends can import them cheaply.

export const Permission = {
  /** PERM-1 Omni: global access to the module (conversations of the employee's departments). */
  OmniAccess: 'omni.access',
  /** PERM-2 Unassigned queue: see and take new, not yet assigned requests. */
  OmniUnassigned: 'omni.unassigned',
  /** PERM-3 Omni settings: change the module's settings. */
  OmniSettings: 'omni.settings',
  /** PERM-4 Telephony: use telephony. */
  OmniTelephony: 'omni.telephony',
  /** PERM-5 Omni management: supervise — open Management, answer and complete any chat of one's departments. */
  OmniManagement: 'omni.management',
  /** Administration: create, edit, disable and delete employees. */
  AdminEmployees: 'admin.employees',
  /** Administration: groups and their rights. */
  AdminGroups: 'admin.groups',
  /** Administration: departments and who works in them. */
  AdminDepartments: 'admin.departments',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

/** The group editor's "Omni" tab: exactly the five rights of the source document, in its order. */
export const omniPermissions: readonly Permission[] = [
  Permission.OmniAccess,
  Permission.OmniUnassigned,
  Permission.OmniSettings,
  Permission.OmniTelephony,
  Permission.OmniManagement,
];

export const adminPermissions: readonly Permission[] = [Permission.AdminEmployees, Permission.AdminGroups, Permission.AdminDepartments];

export const allPermissions: readonly Permission[] = [...omniPermissions, ...adminPermissions];

/**
 * An administrator can manage employees and their rights. At least one enabled administrator must always
 * exist, or nobody could ever fix the rights again.
 */
export const administratorPermissions: readonly Permission[] = [Permission.AdminEmployees, Permission.AdminGroups];

export function hasPermission(held: readonly string[], ...needed: Permission[]): boolean {
  return needed.every((p) => held.includes(p));
}

export const languages = ['en', 'ru'] as const;
export type Language = (typeof languages)[number];
