import type { DataSource } from 'typeorm';
import { run, sql } from '../src/common/sql';

/** Which tables to look at: `hashed` ones by every row's content, `counted` ones by their number of rows. */
export interface TableSelection {
  hashed: readonly string[];
  counted: readonly string[];
}

/** The product's tables (schema public), hashed except those counted only, without the ignored ones. */
export async function productTables(dataSource: DataSource, options: { countedOnly: ReadonlySet<string>; ignored: ReadonlySet<string> }): Promise<TableSelection> {
  const found = await dataSource.query<{ name: string }[]>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const names = found.map((x) => x.name).filter((name) => !options.ignored.has(name));
  return { hashed: names.filter((n) => !options.countedOnly.has(n)), counted: names.filter((n) => options.countedOnly.has(n)) };
}

/**
 * What the selected tables hold, in one statement: per table its row count, and for hashed tables a hash
 * of every row's text that does not depend on row order. Equal states: nothing was written.
 */
export async function tableState(dataSource: DataSource, selection: TableSelection): Promise<Record<string, string>> {
  const parts = [
    ...selection.hashed.map(
      (name) => sql`SELECT ${sql.literal(name)} AS t, count(*)::text || ':' || coalesce(sum(hashtext(r::text)::bigint), 0)::text AS v FROM ${sql.identifier(name)} r`,
    ),
    ...selection.counted.map((name) => sql`SELECT ${sql.literal(name)} AS t, count(*)::text AS v FROM ${sql.identifier(name)} r`),
  ];
  const rows = await run<{ t: string; v: string }[]>(dataSource, sql.join(parts, ' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, r.v]));
}

/** The tables whose state differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}
