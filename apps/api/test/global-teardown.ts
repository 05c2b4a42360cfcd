import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const name = process.env.OMNI_IT_DATABASE_NAME;
  if (!adminUrl || !name || process.env.KEEP_TEST_DATABASE) return;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  // eslint-disable-next-line no-restricted-syntax -- a generated identifier, not input
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
