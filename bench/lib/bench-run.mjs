// What every benchmark that starts the API needs: cleanups that run at the end or on SIGINT/SIGTERM, a
// database of its own on BENCH_DATABASE_URL (dropped afterwards unless kept), and the API's environment.
import { join } from 'node:path';
import pg from 'pg';
import { EXIT_ERROR, freePort, note, root, startChild, waitForStatus } from './util.mjs';

/** Cleanups, run last first by `run()` at the end, or once on SIGINT/SIGTERM (then the process exits). */
export function cleanupStack() {
  const stack = [];
  let interrupted = false;
  const run = async () => {
    while (stack.length) await stack.pop()().catch((error) => note(`cleanup: ${error.message}`));
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      note(`${signal}: cleaning up`);
      void run().finally(() => process.exit(EXIT_ERROR));
    });
  }
  return {
    push: (fn) => stack.push(fn),
    run,
    /** Whether a signal arrived (a benchmark skips what is left). */
    get interrupted() {
      return interrupted;
    },
  };
}

/** The URL of database `name` on the server of `baseUrl`. */
export function databaseUrlOf(baseUrl, name) {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(baseUrl, statement) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database `<prefix>_<now>` on the server of `baseUrl` (the user needs CREATE DATABASE), dropped by
 * the cleanups unless `keep`; `keptNote(name)` says what to do with a kept one.
 */
export async function createBenchDatabase(baseUrl, prefix, cleanups, { keep = false, keptNote = (name) => `drop it with DROP DATABASE ${name}` } = {}) {
  const name = `${prefix}_${Date.now()}`;
  // Identifiers cannot be bound parameters; the name is ours and quoted.
  await onServer(baseUrl, 'CREATE DATABASE ' + pg.escapeIdentifier(name));
  cleanups.push(async () => {
    if (keep) return note(`kept database ${name} (--keep-db): ${keptNote(name)}`);
    await onServer(baseUrl, 'DROP DATABASE IF EXISTS ' + pg.escapeIdentifier(name) + ' WITH (FORCE)');
  });
  return { name, url: databaseUrlOf(baseUrl, name) };
}

/** The API's environment in a benchmark: production mode, demo data with a known password, quiet logs; `extra` adds or overrides. */
export function apiEnvironment({ databaseUrl, port, password, host = '127.0.0.1' }, extra = {}) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: host,
    SEED_DEMO: 'true',
    DEMO_PASSWORD: password,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    ...extra,
  };
}

/**
 * The bare webhook server of P1 (and, with `sockets`, of P2) on a free port, stopped by the cleanups.
 * Returns the child and its base URL once it answers.
 */
export async function startBaselineWebhookServer({ databaseUrl, secret, sockets = false, echo = false, cleanups }) {
  const port = await freePort(3600);
  const server = startChild(process.execPath, [join(root, 'bench/lib/baseline-webhook-server.mjs')], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, PORT: String(port), WEBHOOK_SECRET: secret, SOCKETS: String(sockets) },
    echo,
    label: 'baseline',
  });
  cleanups.push(() => server.stop());
  const base = `http://127.0.0.1:${port}`;
  await waitForStatus(`${base}/health`, { alive: () => server.running });
  return { server, base };
}
