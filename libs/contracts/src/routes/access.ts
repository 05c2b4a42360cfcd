import type { Permission } from '../permissions';

/**
 * Who may call a route: anyone, a widget visitor (visitor token), or a signed-in employee (session cookie
 * or API token) holding every one of the listed rights. The API's global guard enforces exactly this.
 */
export type RouteAccess =
  | { readonly kind: 'public' }
  | { readonly kind: 'visitor' }
  | { readonly kind: 'employee'; readonly permissions: readonly Permission[] };

export const publicAccess = { kind: 'public' } as const satisfies RouteAccess;
export const visitorAccess = { kind: 'visitor' } as const satisfies RouteAccess;

/** A signed-in employee with these rights (none: any signed-in employee). */
/*#__NO_SIDE_EFFECTS__*/
export function employeeAccess<const P extends readonly Permission[]>(...permissions: P): { readonly kind: 'employee'; readonly permissions: P } {
  return { kind: 'employee', permissions };
}
