import type { EmployeePrincipal, VisitorPrincipal } from '../common/principal';

export interface SocketData {
  principal?: EmployeePrincipal | VisitorPrincipal;
  ip?: string | null;
  userAgent?: string | null;
  recentTypings?: number[];
  /** Short-lived lookups of this socket (typing targets). */
  memo?: Record<string, { value: unknown; until: number }>;
}
