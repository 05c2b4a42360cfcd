import { DataSource } from 'typeorm';
import { useTestApp } from '../../test/test-app';
import { sql } from '../common/sql';
import { buildDataSourceOptions } from './data-source';
import { prepared, runPrepared, runPreparedSql } from './prepared';

interface PreparedRow {
  name: string;
  generic_plans: number;
  custom_plans: number;
}

/** Issue #19: statements prepared once per connection, fixed ones and ones built from pieces. */
describe('prepared statements', () => {
  const t = useTestApp();
  let one: DataSource;

  beforeAll(async () => {
    // One pooled connection: every statement below runs on the backend whose prepared statements are read.
    one = new DataSource(buildDataSourceOptions(t.config.databaseUrl, 1));
    await one.initialize();
  });
  afterAll(() => one.destroy());

  const preparedHere = () =>
    runPrepared<PreparedRow>(one, prepared('test-prepared-here', `SELECT name, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE name LIKE 'omni_built_%'`), []);

  it('prepare a built text once and run it with each call’s values, switching to a generic plan', async () => {
    const build = (n: number) => sql`SELECT x FROM generate_series(1, 20) x WHERE x > ${sql.value(n)} AND ${sql`x % 2 = 0`} ORDER BY x LIMIT ${sql.value(3)}`;
    for (let n = 0; n < 8; n++) {
      const rows = await runPreparedSql<{ x: number }>(one, build(n));
      const firstEven = n % 2 === 0 ? n + 2 : n + 1;
      expect(rows.map((r) => r.x)).toEqual([firstEven, firstEven + 2, firstEven + 4]);
    }
    const [statement, ...others] = await preparedHere();
    expect(others).toEqual([]);
    expect(statement?.name).toMatch(/^omni_built_[\w-]{16}$/);
    expect(statement!.custom_plans + statement!.generic_plans).toBe(8);
    expect(statement!.generic_plans).toBeGreaterThan(0);
  });

  it('run inside a transaction on the transaction’s connection', async () => {
    const seen = await one.transaction(async (m) => {
      await m.query('CREATE TEMP TABLE prepared_probe (v int) ON COMMIT DROP');
      await m.query('INSERT INTO prepared_probe VALUES (41), (42)');
      return runPreparedSql<{ v: number }>(m, sql`SELECT v FROM prepared_probe WHERE v > ${sql.value(41)}`);
    });
    expect(seen).toEqual([{ v: 42 }]);
  });

  it('keep at most 64 built texts prepared; further texts still run, unnamed', async () => {
    for (let i = 0; i < 80; i++) {
      const rows = await runPreparedSql<{ v: number }>(one, sql`SELECT ${sql.value(i)}::int + ${sql.literal(i)} AS v`);
      expect(rows).toEqual([{ v: 2 * i }]);
    }
    expect((await preparedHere()).length).toBe(64);
  });

  it('refuse one name declared with two texts', () => {
    prepared('test-twice', 'SELECT 1');
    expect(() => prepared('test-twice', 'SELECT 2')).toThrow(/declared twice/);
  });
});
