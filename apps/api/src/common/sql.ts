import sql, { type SQL } from 'pg-sql2';

/**
 * SQL built from pieces (optional filters) with pg-sql2: a value goes in only as `sql.value(x)` (a bound
 * parameter, numbered when the statement is compiled, however the pieces are combined), `sql.join` lists
 * pieces, `sql.blank` is no piece; a constant fragment is itself a `sql` template.
 */
export { sql, type SQL };

/** Runs a statement built with `sql` (on a DataSource, or a transaction's EntityManager). */
export function run<T>(db: { query<R>(text: string, parameters?: unknown[]): Promise<R> }, statement: SQL): Promise<T> {
  const { text, values } = sql.compile(statement);
  return db.query<T>(text, values);
}

const UNIQUE_VIOLATION = '23505';

/** Whether a database error is a unique violation of this constraint (TypeORM wraps the pg error). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  return (e.driverError?.code ?? e.code) === UNIQUE_VIOLATION && (e.driverError?.constraint ?? e.constraint) === constraint;
}

/**
 * TypeORM's postgres driver answers UPDATE/DELETE … RETURNING with `[rows, affectedCount]` (and
 * SELECT/INSERT with plain rows); this returns the rows either way.
 */
export function updatedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return Array.isArray(result) ? (result as T[]) : [];
}

/**
 * Failures that say nothing about the work itself (a deadlock, a lost connection, the server shutting
 * down): trying again later is right, giving up is not.
 */
export function isTransient(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = e.driverError?.code ?? e.code ?? '';
  return /^(40001|40P01|55P03)$/.test(code) || /connection.*(closed|ended)/i.test(e.message ?? '') || isDatabaseUnavailable(error);
}

/** SQLSTATEs of a server that is away: class 08 (connection exception), shutting down or starting (57P01–57P03), full (53300). */
const SERVER_AWAY = /^(08...|57P0[1-3]|53300)$/;
/** Node's codes for a server that cannot be reached or a connection that broke (with a `syscall`, so a socket's own). */
const SOCKET_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
/** What pg and pg-pool say only in words: a dropped or timed-out connection, no pooled connection in time, a pool ended at shutdown. */
const DRIVER_WORDS = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end)/;

/**
 * Whether PostgreSQL is away rather than the work wrong: the server refuses or drops connections, is
 * shutting down or starting, or no connection could be had in time. Answered 503 DATABASE_UNAVAILABLE,
 * so load balancers and clients try again; the request itself was fine. TypeORM wraps pg's error
 * (`driverError`); connecting to a name with two addresses fails with an AggregateError of both.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 2) return false;
  const e = error as { code?: unknown; syscall?: unknown; message?: unknown; driverError?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (SERVER_AWAY.test(e.code) || (SOCKET_FAILURES.has(e.code) && typeof e.syscall === 'string'))) return true;
  if (typeof e.message === 'string' && DRIVER_WORDS.test(e.message)) return true;
  return [e.driverError, ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : [])].some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
