#!/usr/bin/env node
// `npm test`: installs, builds, and runs every test: lint, type checks, unit, integration (real
// PostgreSQL), end-to-end (Playwright in Debian's Chromium, installed first when missing and allowed).
// PostgreSQL: TEST_DATABASE_URL names a server where throwaway databases are created; when it is unset an
// embedded PostgreSQL is started for the run, exactly as `npm start` starts one. Redis (two-instance
// test): TEST_REDIS_URL, default local.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { buildAll, install, log, pnpm, root } from './lib.mjs';
import { ensureChromium, ensureEmojiFont } from './system-packages.mjs';

const started = Date.now();
const steps = [];

async function step(name, fn) {
  const t0 = Date.now();
  log(`▶ ${name}`);
  await fn();
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  steps.push(`${name}: ${seconds} s`);
  log(`✔ ${name} (${seconds} s)`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

let embedded;
async function ensureTestDatabase() {
  if (process.env.TEST_DATABASE_URL) {
    log(`PostgreSQL for tests: ${process.env.TEST_DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}`);
    return;
  }
  const require = createRequire(import.meta.url);
  const { startEmbeddedPostgres } = require(join(root, 'apps/api/dist/database/embedded-postgres.js'));
  const port = await freePort();
  log(`TEST_DATABASE_URL is unset: starting an embedded PostgreSQL on port ${port}`);
  embedded = await startEmbeddedPostgres({ dataDir: join(root, '.data', 'test-postgres'), port, database: 'postgres', log });
  log(`Embedded PostgreSQL for tests in ${embedded.pgdata}`);
  process.env.TEST_DATABASE_URL = embedded.url;
}

try {
  // First, so a machine that lacks the browser and cannot get it learns so at once, not after the other tests.
  await step('browser', async () => {
    await ensureChromium();
    await ensureEmojiFont();
  });
  await step('install', install);
  await step('build', buildAll);
  await step('lint', () => pnpm(['exec', 'eslint', '.', '--max-warnings', '0']));
  await step('type check', () => pnpm(['-r', '--workspace-concurrency=1', 'run', 'typecheck']));
  await step('unit tests', async () => {
    await pnpm(['--filter', '@omnichannel/fake-platforms', 'exec', 'jest']);
    await pnpm(['--filter', '@omnichannel/contracts', 'exec', 'jest']);
    await pnpm(['--filter', '@omnichannel/api', 'exec', 'jest', '--selectProjects', 'unit']);
    await pnpm(['--filter', '@omnichannel/operator', 'exec', 'jest']);
    await pnpm(['--filter', '@omnichannel/widget', 'exec', 'jest']);
  });
  await ensureTestDatabase();
  await step('integration tests', () => pnpm(['--filter', '@omnichannel/api', 'exec', 'jest', '--selectProjects', 'integration', '--runInBand']));
  await step('end-to-end tests', () => pnpm(['--filter', '@omnichannel/e2e', 'exec', 'playwright', 'test']));
  log(`All tests passed in ${((Date.now() - started) / 1000).toFixed(0)} s (${steps.join(', ')})`);
} catch (error) {
  console.error(`\n[omnichannel] FAILED: ${error.message}`);
  process.exitCode = error.exitCode ?? 1;
} finally {
  await embedded?.stop().catch(() => undefined);
}
