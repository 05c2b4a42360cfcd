import { SetMetadata } from '@nestjs/common';

/**
 * Every REST handler and socket event declares who may call it; the global guard refuses any handler
 * that declares nothing, and a test walks the route metadata to catch one before it ships.
 */
export type AccessRule = { kind: 'public' } | { kind: 'employee' } | { kind: 'visitor' };

export const ACCESS_RULE = 'omni:access-rule';

/** Anyone, signed in or not. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
/** A signed-in employee (session cookie). */
export const EmployeeAccess = () => SetMetadata(ACCESS_RULE, { kind: 'employee' } satisfies AccessRule);
/** A widget visitor holding a server-minted visitor token (Authorization: Bearer). */
export const VisitorAccess = () => SetMetadata(ACCESS_RULE, { kind: 'visitor' } satisfies AccessRule);
