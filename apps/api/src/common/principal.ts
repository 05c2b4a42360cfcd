import { Permission, hasPermission, type Language } from '@omnichannel/contracts';

/** Who is calling: an employee (session cookie or API token), or a widget visitor (visitor token). */
export interface EmployeePrincipal {
  kind: 'employee';
  id: string;
  name: string;
  email: string;
  language: Language | null;
  avatarUrl: string | null;
  notifySound: boolean;
  notifyDesktop: boolean;
  /** The union of the rights of the employee's groups (CORE-3). */
  permissions: Permission[];
  /** The departments the employee may work in (CORE-2). */
  departmentIds: string[];
  /** Set when the call came with a session cookie. */
  sessionId: string | null;
  /** Set when the call came with an API token (API-1). */
  tokenId: string | null;
}

export interface VisitorPrincipal {
  kind: 'visitor';
  clientId: string;
  channelId: string;
  sessionId: string;
}

export function can(principal: EmployeePrincipal, ...needed: Permission[]): boolean {
  return hasPermission(principal.permissions, ...needed);
}

/** PERM-6: the departments whose tickets an employee sees — none without the Omni right. */
export function visibleDepartments(principal: EmployeePrincipal): string[] {
  return can(principal, Permission.OmniAccess) ? principal.departmentIds : [];
}

declare module 'fastify' {
  interface FastifyRequest {
    employee?: EmployeePrincipal;
    visitor?: VisitorPrincipal;
  }
}
