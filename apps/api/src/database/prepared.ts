import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { sql, type SQL } from '../common/sql';

/**
 * A statement of the hot path, prepared once per pooled connection (issue #19). Planning costs PostgreSQL
 * more than running for the small statements a live chat sends all the time: measured on this machine, the
 * client-message append takes 0.73 ms of backend CPU as a plain statement and 0.30 ms prepared; a ticket's
 * list entry 0.70 ms and 0.17 ms. Only fixed texts are prepared (a text built per call would fill every
 * backend with plans), so they are declared once, at module level.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

const declared = new Map<string, string>();

/** Declares a statement; the name is its key on every connection, so one name has one text. */
export function prepared(name: string, text: string): PreparedStatement {
  const existing = declared.get(name);
  if (existing !== undefined && existing !== text) throw new Error(`Prepared statement ${name} declared twice with different texts`);
  declared.set(name, text);
  return { name: `omni_${name}`, text };
}

/**
 * Runs a prepared statement: in the manager's transaction when it has one, else on a pooled connection
 * (autocommit). Errors are pg's own (their code and constraint are what common/sql.ts reads).
 */
export async function runPrepared<R>(db: DataSource | EntityManager, statement: PreparedStatement, values: unknown[]): Promise<R[]> {
  const manager = 'manager' in db ? db.manager : db;
  const runner = manager.queryRunner as PostgresQueryRunner | undefined;
  const target: Pool | PoolClient = runner ? ((await runner.connect()) as PoolClient) : (manager.connection.driver as PostgresDriver).master as Pool;
  const result = await target.query({ name: statement.name, text: statement.text, values });
  return result.rows as R[];
}

/**
 * How many texts built from pieces (a live list's view, filters and cursor) are prepared: each distinct
 * text is prepared on its first use, on each connection, and kept there (PostgreSQL switches to a generic
 * plan after five runs). The pieces are fixed fragments and the values bound parameters, so the number of
 * texts is that of the code's combinations; the cap only guards a backend's memory if that ever changes.
 * Beyond it a text runs unnamed (parsed and planned each time, as before).
 */
const BUILT_TEXTS_MAX = 64;
const built = new Map<string, PreparedStatement>();

/**
 * Runs a statement built with `sql`, prepared per connection by its text (issue #19: planning a live
 * list's page took PostgreSQL 1–5 ms of its 4–10; prepared, 0.04 ms). For statements whose best plan does
 * not depend on the values (a text search's pattern does: run those with `run`).
 */
export async function runPreparedSql<R>(db: DataSource | EntityManager, statement: SQL): Promise<R[]> {
  const { text, values } = sql.compile(statement);
  let named = built.get(text);
  if (!named && built.size < BUILT_TEXTS_MAX) {
    named = { name: `omni_built_${createHash('sha1').update(text).digest('base64url').slice(0, 16)}`, text };
    built.set(text, named);
  }
  if (named) return runPrepared<R>(db, named, values);
  const manager = 'manager' in db ? db.manager : db;
  return manager.query<R[]>(text, values);
}
