#!/usr/bin/env node
// Generates a migration from the entities: builds the API, creates a scratch database, applies the
// existing migrations there, then asks TypeORM for the difference.
// Usage: pnpm --filter @omnichannel/api migration:generate <kebab-name>   (needs MIGRATION_DB_URL or TEST_DATABASE_URL)
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error('Give the migration a kebab-case name, e.g. add-ticket-priority');
  process.exit(1);
}
const adminUrl = process.env.MIGRATION_DB_URL ?? process.env.TEST_DATABASE_URL;
if (!adminUrl) {
  console.error('Set MIGRATION_DB_URL (or TEST_DATABASE_URL) to a PostgreSQL server where a scratch database can be created');
  process.exit(1);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = `omni_migration_${Date.now()}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
// eslint-disable-next-line no-restricted-syntax -- a generated identifier, not input
await admin.query(`CREATE DATABASE ${scratch}`);
const url = new URL(adminUrl);
url.pathname = `/${scratch}`;
try {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  const env = { ...process.env, DATABASE_URL: url.toString() };
  const cli = join(root, 'node_modules', 'typeorm', 'cli.js');
  execFileSync('node', [cli, 'migration:run', '-d', 'dist/database/data-source.js'], { cwd: root, env, stdio: 'inherit' });
  execFileSync('node', [cli, 'migration:generate', '-d', 'dist/database/data-source.js', '-p', `src/database/migrations/${name}`], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
} finally {
  // eslint-disable-next-line no-restricted-syntax -- a generated identifier, not input
  await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  await admin.end();
}
