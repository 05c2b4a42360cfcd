import { Client } from 'pg';

/**
 * Integration tests run against a real PostgreSQL: a fresh database on the server TEST_DATABASE_URL points
 * at (the test command starts an embedded PostgreSQL when it is unset). The schema comes from the
 * migrations, applied when the first app instance starts.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    throw new Error('TEST_DATABASE_URL is not set. Run the tests with `npm test` (it starts an embedded PostgreSQL) or point it at a server.');
  }
  const name = `omni_it_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  // eslint-disable-next-line no-restricted-syntax -- a generated identifier, not input
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.OMNI_IT_DATABASE_URL = url.toString();
  process.env.OMNI_IT_DATABASE_NAME = name;
}
