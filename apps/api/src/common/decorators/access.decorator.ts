import { SetMetadata } from '@nestjs/common';
import type { Permission, RouteAccess } from '@omnichannel/contracts';

/**
 * Every REST handler and socket event declares who may call it; the global guard refuses any handler
 * that declares nothing, and a test walks the route metadata to catch one before it ships. REST handlers
 * declare it through their route contract (@Route); socket events with these decorators.
 */
export type AccessRule = RouteAccess;

export const ACCESS_RULE = 'omni:access-rule';

/** Anyone, signed in or not. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
/** A signed-in employee holding every one of these rights (PERM-6: enforced here, not only hidden in the UI). */
export const RequirePermission = (...permissions: [Permission, ...Permission[]]) =>
  SetMetadata(ACCESS_RULE, { kind: 'employee', permissions } satisfies AccessRule);
/** A widget visitor holding a server-minted visitor token (Authorization: Bearer). */
export const VisitorAccess = () => SetMetadata(ACCESS_RULE, { kind: 'visitor' } satisfies AccessRule);
