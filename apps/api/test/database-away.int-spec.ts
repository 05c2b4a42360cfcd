import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_COOKIE, SOCKET_PATH, type Ack, type ApiError, type VisitorMessage, type VisitorSession } from '@omnichannel/contracts';
import { io } from 'socket.io-client';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { createVisitor, createWorld } from './factories';
import { expectError, http } from './http';
import { connect, connectVisitor, request, type TestSocket } from './sockets';
import { startTestApp, type TestApp } from './test-app';
import { freePort } from './net';

/*
 * Issue #16 point 4 and fault 5: PostgreSQL goes away under a running API and comes back. The test runs
 * its own PostgreSQL (the embedded one `npm start` uses, as an unprivileged user when run as root), so it
 * can stop and start it without disturbing the other suites' server.
 */

const API_MAIN = join(__dirname, '..', 'dist', 'main.js');
/** What a load balancer and a person can wait for. */
const SECONDS_TO_503 = 5;
const EXIT_WITHIN_MS = 5_000;


/** Polls until the answer is the one wanted; returns the seconds it took. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check().catch(() => false)) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const healthIs = (url: string, status: number, code?: string) => async () => {
  const answer = await http<Partial<ApiError>>(url, 'GET', '/api/health');
  return answer.status === status && (code === undefined || answer.body.code === code);
};

describe('while PostgreSQL is away (issue #16 point 4, fault 5)', () => {
  let home: string;
  let port: number;
  let db: EmbeddedDatabase | undefined;
  let t: TestApp;
  let visitor: VisitorSession;
  let socket: TestSocket;
  let child: ChildProcess | undefined;
  let childUrl: string;
  let childOutput = '';
  const childSockets: TestSocket[] = [];
  const startDb = async () => {
    db = await startEmbeddedPostgres({ dataDir: join(home, 'data'), port, database: 'omni_away' });
    return db;
  };
  /** Stops every process of the PostgreSQL (SIGSTOP): it neither answers nor refuses. Returns them, for SIGCONT. */
  const freeze = (): number[] => {
    const postmaster = Number(readFileSync(join((db as EmbeddedDatabase).pgdata, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    for (const pid of [postmaster, ...children]) process.kill(pid, 'SIGSTOP');
    return [postmaster, ...children];
  };
  const stopDb = async () => {
    await db?.stop();
    db = undefined;
  };
  /** Every acknowledged send (201, or an ok ack), by clientMsgId. */
  const acknowledged = new Set<string>();
  const restSend = (clientMsgId: string) => http<VisitorMessage | ApiError>(t.url, 'POST', '/api/widget/messages', { token: visitor.token, body: { body: `rest ${clientMsgId}`, clientMsgId } });
  const socketSend = (clientMsgId: string) => request<VisitorMessage>(socket, 'visitor:send', { body: `socket ${clientMsgId}`, clientMsgId });
  const counts = async () => {
    const [row] = await t.dataSource.query<{ messages: string; tickets: string; events: string }[]>(
      `SELECT (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM tickets) AS tickets,
              (SELECT count(*) FROM domain_events WHERE type = 'message.created') AS events`,
    );
    return row;
  };
  const restId = randomUUID();
  const socketId = randomUUID();
  let before: Awaited<ReturnType<typeof counts>>;

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: build the API first (npm test does)`);
    home = await mkdtemp(join(tmpdir(), 'omni-db-away-'));
    // Run as root, PostgreSQL runs as `postgres`, which must reach its cluster here.
    await chmod(home, 0o755);
    port = await freePort();
    await startDb();
    t = await startTestApp({ databaseUrl: (db as EmbeddedDatabase).url });
    const { key } = await createWorld(t);
    visitor = await createVisitor(t, key);
    socket = await connectVisitor(t.url, visitor.token);
    const first = randomUUID();
    const ack = await socketSend(first);
    expect(ack.ok).toBe(true);
    acknowledged.add(first);
    before = await counts();

    // A second API, from the built dist as `npm start` runs it, to be stopped by SIGTERM while the database is away.
    const childPort = await freePort();
    childUrl = `http://127.0.0.1:${childPort}`;
    child = spawn(process.execPath, [API_MAIN], {
      cwd: home,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: (db as EmbeddedDatabase).url,
        PORT: String(childPort),
        HOST: '127.0.0.1',
        DATA_DIR: join(home, 'child'),
        SEED_DEMO: 'false',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'warn',
        REDIS_URL: '',
      },
    });
    child.stdout?.on('data', (chunk: Buffer) => (childOutput += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (childOutput += chunk.toString()));
    await until('the second API is ready', healthIs(childUrl, 200), 60_000);
    // Its clients, as a page with the widget has them: a WebSocket and a long-polling fallback.
    childSockets.push(
      await connectVisitor(childUrl, visitor.token),
      await connect(io(childUrl, { path: SOCKET_PATH, transports: ['polling'], auth: { visitorToken: visitor.token }, reconnection: false, forceNew: true })),
    );
  }, 180_000);

  afterAll(async () => {
    socket?.close();
    for (const s of childSockets) s.close();
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await t?.close().catch(() => undefined);
    await stopDb().catch(() => undefined);
    if (home) await rm(home, { recursive: true, force: true });
  }, 60_000);

  it('while the database does not answer, health says 503 within seconds and SIGTERM stops an API within a few', async () => {
    const running = child as ChildProcess;
    // Frozen rather than stopped: connections neither succeed nor fail, which is what makes a shutdown wait.
    const frozen = freeze();
    try {
      const seconds = await until('health says 503 while the database does not answer', healthIs(t.url, 503, 'DATABASE_UNAVAILABLE'), 15_000);
      console.log(`database frozen: health 503 DATABASE_UNAVAILABLE after ${seconds.toFixed(2)} s`);
      expect(seconds).toBeLessThan(SECONDS_TO_503);
      // Requests in flight, waiting on the database, as there are when it goes away under load.
      const inFlight = [1, 2, 3].map(() => fetch(`${childUrl}/api/health`).catch(() => null));
      const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)));
      const started = Date.now();
      running.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
      const ms = Date.now() - started;
      console.log(`database frozen: SIGTERM to exit ${(ms / 1000).toFixed(2)} s (exit code ${String(code)})`);
      if (code === 'hung') running.kill('SIGKILL');
      if (code !== 0 || ms >= EXIT_WITHIN_MS) console.log(`the second API's log:\n${childOutput}`);
      await Promise.all(inFlight);
      expect({ code, within: ms < EXIT_WITHIN_MS }).toEqual({ code: 0, within: true });
    } finally {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
    }
  }, 30_000);

  it('health and the routes answer 503 DATABASE_UNAVAILABLE within seconds, not 500', async () => {
    await stopDb();
    const seconds = await until('health says 503 DATABASE_UNAVAILABLE', healthIs(t.url, 503, 'DATABASE_UNAVAILABLE'), 15_000);
    console.log(`database away: health 503 DATABASE_UNAVAILABLE after ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(SECONDS_TO_503);
    const health = await http(t.url, 'GET', '/api/health');
    expectError(health, 503, 'DATABASE_UNAVAILABLE');
    expect(health.headers.get('retry-after')).toMatch(/^\d+$/);
    // A visitor's route and an employee's: their sign-in is looked up in the database too.
    expectError(await http(t.url, 'GET', '/api/widget/state', { token: visitor.token }), 503, 'DATABASE_UNAVAILABLE');
    expectError(await http(t.url, 'GET', '/api/auth/me', { cookie: `${SESSION_COOKIE}=whatever` }), 503, 'DATABASE_UNAVAILABLE');
  });

  it('a widget send answers 503 DATABASE_UNAVAILABLE, over REST and as a socket ack; a new socket is told the same', async () => {
    expectError(await restSend(restId), 503, 'DATABASE_UNAVAILABLE');
    const ack = await socketSend(socketId);
    expect(ack).toEqual({ ok: false, error: expect.objectContaining({ code: 'DATABASE_UNAVAILABLE' }) as unknown });
    const refused = await connect(
      io(t.url, { path: SOCKET_PATH, transports: ['websocket'], auth: { visitorToken: visitor.token }, reconnection: false, forceNew: true }),
    ).catch((error: unknown) => error as Error & { data?: { code?: string } });
    expect((refused as Error & { data?: { code?: string } }).data?.code).toBe('DATABASE_UNAVAILABLE');
  });

  it('when PostgreSQL is back, health recovers by itself, nothing was half-stored, and the same sends are stored exactly once', async () => {
    await startDb();
    const seconds = await until('health says 200 again', healthIs(t.url, 200), 15_000);
    console.log(`database back: health 200 after ${seconds.toFixed(2)} s`);
    expect(await counts()).toEqual(before);

    // The widget resends what was not acknowledged, with the same clientMsgId; a resend after a lost ack is safe too.
    for (const attempt of [1, 2]) {
      const rest = await restSend(restId);
      expect({ attempt, status: rest.status }).toEqual({ attempt, status: 201 });
      const ack: Ack<VisitorMessage> = await socketSend(socketId);
      expect({ attempt, ok: ack.ok }).toEqual({ attempt, ok: true });
    }
    acknowledged.add(restId).add(socketId);

    const rows = await t.dataSource.query<{ client_msg_id: string }[]>('SELECT client_msg_id FROM messages WHERE author_client_id IS NOT NULL AND client_msg_id = ANY($1)', [
      [...acknowledged],
    ]);
    const stored = new Set(rows.map((r) => r.client_msg_id));
    const lost = [...acknowledged].filter((id) => !stored.has(id)).length;
    const duplicated = rows.length - stored.size;
    console.log(`database away: acknowledged ${acknowledged.size}, stored ${stored.size}, lost ${lost}, duplicated ${duplicated}`);
    expect({ acknowledged: acknowledged.size, stored: stored.size, lost, duplicated }).toEqual({ acknowledged: 3, stored: 3, lost: 0, duplicated: 0 });
  });
});
