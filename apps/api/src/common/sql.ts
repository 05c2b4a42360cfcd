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
  return /^(40001|40P01|55P03|57P0[1-3]|08...)$/.test(code) || /Connection terminated|connection.*(closed|ended)/i.test(e.message ?? '');
}
