import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { allEntities } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * While PostgreSQL is away (or the pool is exhausted) a request fails within this long with 503
 * DATABASE_UNAVAILABLE instead of hanging: it bounds both connecting and waiting for a pooled connection.
 * A refused connection fails at once anyway; this is for a server that does not answer.
 */
export const DATABASE_CONNECT_TIMEOUT_MS = 3_000;

export function buildDataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: allEntities,
    migrations: [join(__dirname, 'migrations', '*.{js,ts}')],
    migrationsTableName: 'typeorm_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension (and no superuser) is needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    // Failed queries are reported by the error filter without their parameters (which can hold secrets).
    logging: ['migration'],
    connectTimeoutMS: DATABASE_CONNECT_TIMEOUT_MS,
    // Short OLTP statements: JIT compilation would cost more than it saves (issue #19 measured 523 ms of
    // it on one list query over a year of data).
    extra: { max: poolSize, application_name: 'omnichannel-api', options: '-c jit=off' },
  };
}


/** Runs pending migrations while holding an advisory lock, so instances starting together take turns. */
export async function migrate(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

const MIGRATION_LOCK = 7_261_001;

/** For the TypeORM CLI (migration:generate) only. */
export default new DataSource(buildDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://localhost/omnichannel'));
