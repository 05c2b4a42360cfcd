import { DataSource } from 'typeorm';
import { useTestApp } from '../../test/test-app';
import { buildDataSourceOptions, migrate } from './data-source';

describe('migrations (house style: schema from migrations, no drift)', () => {
  const t = useTestApp();


  it('build the schema the entities describe: generating a migration yields nothing', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('seed the default ticket statuses', async () => {
    const rows = await t.dataSource.query<{ code: string }[]>('SELECT code FROM ticket_statuses ORDER BY position');
    expect(rows.map((r) => r.code)).toEqual(['open', 'in_progress', 'waiting', 'completed']);
  });

  it('revert completely and apply again', async () => {
    const other = new DataSource(buildDataSourceOptions(t.config.databaseUrl, 2));
    await other.initialize();
    try {
      const applied = await other.query<{ name: string }[]>('SELECT name FROM typeorm_migrations');
      for (let i = 0; i < applied.length; i++) await other.undoLastMigration({ transaction: 'each' });
      const tables = await other.query<{ n: number }[]>(
        "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'tickets'",
      );
      expect(tables[0]?.n).toBe(0);
      await migrate(other);
      expect((await other.driver.createSchemaBuilder().log()).upQueries).toHaveLength(0);
    } finally {
      await other.destroy();
    }
  });

  it('run safely when several instances start at once (advisory lock)', async () => {
    const sources = [1, 2, 3].map(() => new DataSource(buildDataSourceOptions(t.config.databaseUrl, 2)));
    await Promise.all(sources.map((s) => s.initialize()));
    try {
      await Promise.all(sources.map((s) => migrate(s)));
      const [row] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM typeorm_migrations');
      expect(row?.n).toBe(t.dataSource.migrations.length);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  });
});
