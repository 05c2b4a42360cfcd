import { spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DEMO_PASSWORD, DEMO_WIDGET_KEY, E2E_PORT, STATE_FILE, type E2eState } from './env';

const root = join(__dirname, '..', '..');

/**
 * Starts the built product (apps/api/dist/main.js serves API, SPA, widget and demo page) on a fresh
 * database of the server TEST_DATABASE_URL points at, with the demo data seeded.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: run the e2e tests through `npm test`, which provides one');
  const databaseName = `omni_e2e_${Date.now()}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  // eslint-disable-next-line no-restricted-syntax -- a generated identifier, not input
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();

  mkdirSync(join(__dirname, '..', 'test-results'), { recursive: true });
  const log = openSync(join(__dirname, '..', 'test-results', 'server.log'), 'w');
  const server = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      // Messenger webhooks are built from it: the local fake platforms deliver there (issue #11).
      PUBLIC_URL: `http://127.0.0.1:${E2E_PORT}`,
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      DEMO_WIDGET_KEY,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      // Every test signs in and opens widgets from 127.0.0.1; the limits themselves are tested in integration.
      SIGNIN_RATE_LIMIT: '1000',
      WIDGET_SESSION_RATE_LIMIT: '1000',
      REDIS_URL: '',
    },
  });
  const state: E2eState = { databaseUrl, databaseName, serverPid: server.pid ?? 0 };
  writeFileSync(STATE_FILE, JSON.stringify(state));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}); see e2e/test-results/server.log`);
    try {
      const response = await fetch(`http://127.0.0.1:${E2E_PORT}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('The server did not become ready within 60 s; see e2e/test-results/server.log');
    await new Promise((r) => setTimeout(r, 100));
  }
}
