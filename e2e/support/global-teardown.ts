import { Client } from 'pg';
import { readState } from './env';

export default async function globalTeardown(): Promise<void> {
  const state = readState();
  try {
    process.kill(state.serverPid, 'SIGTERM');
  } catch {
    // already gone
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(state.serverPid, 0);
      await new Promise((r) => setTimeout(r, 50));
    } catch {
      break;
    }
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl || process.env.KEEP_TEST_DATABASE) return;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  // eslint-disable-next-line no-restricted-syntax -- a generated identifier, not input
  await admin.query(`DROP DATABASE IF EXISTS ${state.databaseName} WITH (FORCE)`);
  await admin.end();
}
