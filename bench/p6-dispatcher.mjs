#!/usr/bin/env node
// P6: the dispatcher with 200 operators and 50 requests arriving at once, limits per operator.
// Budget: never above a limit, never one request to two operators; p99 decision <= 25 ms.
//
// Starts two API instances (apps/api/dist/main.js) on one fresh database and Redis, as a scaled-out
// deployment would run; creates 200 operators in one group, online, each with a limit of 1 or 2 (set one
// by one through the API), and one rule "new request -> assign, least busy". Then waves of 50 visitors
// write their first message at the same moment, split over both instances, until the arrivals exceed the
// operators' total capacity (the last wave must queue). After each wave it reads the database:
//   violations: operators above their limit, requests assigned twice, requests waiting while someone
//   online has room;
//   decision: the dispatcher decides in rounds (one transaction, begun once the instance has the turn, an
//   advisory lock across instances, hands out every waiting request); per request, the time from the start
//   of the round that assigned it (tickets.updated_at, now() of that transaction) to its assignment
//   (assigned_at, the clock at the row), row lock waits included (the wait for the turn is not: it shows in
//   the next figure); and each request's wait, arrival committed (created_at) -> assigned.
// Options (flag / env): --operators P6_OPERATORS (200) --wave P6_WAVE (50) --echo, BENCH_DATABASE_URL,
// BENCH_REDIS_URL (redis://127.0.0.1:6379/15; --no-redis runs without it).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { mapLimit } from './lib/open-loop.mjs';
import { apiEnvironment, cleanupStack, createBenchDatabase } from './lib/bench-run.mjs';
import { cpuShares, cpuSnapshot, otherCpuNote, ticksByName } from './lib/cpu.mjs';
import { EXIT_BUDGET_FAILED, EXIT_ERROR, flag, fmt, freePort, line, note, option, root, startChild, waitForStatus } from './lib/util.mjs';

const BUDGET_P99_MS = 25;
const operatorCount = Number(option('operators', 'P6_OPERATORS', '200'));
const waveSize = Number(option('wave', 'P6_WAVE', '50'));
const baseUrl = option('database-url', 'BENCH_DATABASE_URL', 'postgresql://postgres@127.0.0.1:5432/postgres');
// A Redis database of its own (15): the bench's thousands of sign-ins and visitor sessions must not fill
// the rate-limit counters that tests and the product read in database 0.
const redisUrl = flag('no-redis') ? undefined : option('redis-url', 'BENCH_REDIS_URL', 'redis://127.0.0.1:6379/15');
const echo = flag('echo');
const apiMain = join(root, 'apps/api/dist/main.js');
const PASSWORD = 'bench-demo-password';

const cleanups = cleanupStack();

/** The API processes started, for their CPU. */
const apiPids = [];

async function startApi(databaseUrl, seed) {
  const port = await freePort(3500);
  const env = apiEnvironment(
    { databaseUrl, port, password: PASSWORD },
    {
      SEED_DEMO: seed ? 'true' : 'false',
      WIDGET_SESSION_RATE_LIMIT: '100000',
      SIGNIN_RATE_LIMIT: '100000',
      DISPATCH_SWEEP_MS: '600000',
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    },
  );
  const api = startChild(process.execPath, [apiMain], { env, echo, label: `api:${port}` });
  cleanups.push(() => api.stop());
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForStatus(`${base}/api/health`, { timeoutMs: 60_000, alive: () => api.running });
  } catch (error) {
    throw new Error(`${error.message}\n--- API output ---\n${api.tail()}`);
  }
  apiPids.push(api.child.pid);
  return base;
}

async function call(base, method, path, { cookie, token, body } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(cookie ? { cookie } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (response.status >= 300) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return { json, response };
}

async function signIn(base, email) {
  const { response } = await call(base, 'POST', '/api/auth/sign-in', { body: { email, password: PASSWORD } });
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('omni_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Someone waits in the queue while an online operator has room. */
const STUCK = `SELECT (SELECT count(*) FROM tickets WHERE live AND executor_id IS NULL AND queued_at IS NOT NULL) > 0
                  AND (SELECT count(*) FROM employees WHERE status = 'online' AND active_chats < COALESCE(chat_limit, 5)) > 0 AS stuck`;

let exitCode = 0;
try {
  note('P6: load generator, both API instances and PostgreSQL run on this same machine');
  const { url: databaseUrl } = await createBenchDatabase(baseUrl, 'omni_bench_p6', cleanups, { keep: flag('keep-db'), keptNote: () => 'left for you to inspect' });
  const a = await startApi(databaseUrl, true);
  const b = await startApi(databaseUrl, false);
  const instances = [a, b];
  note(`API instances on ${a} and ${b}${redisUrl ? ' with the Redis adapter' : ''}`);
  const admin = await signIn(a, 'admin@demo.local');
  const departments = (await call(a, 'GET', '/api/departments', { cookie: admin })).json.items;
  const department = departments[0];
  const group = (await call(a, 'POST', '/api/groups', { cookie: admin, body: { name: 'Bench pool', permissions: ['omni.access', 'omni.unassigned'] } })).json;

  const operators = await mapLimit(Array.from({ length: operatorCount }, (_, i) => i), 10, async (i) => {
    const email = `op${i}-${randomUUID().slice(0, 6)}@bench.local`;
    const created = (await call(a, 'POST', '/api/employees', { cookie: admin, body: { email, name: `Operator ${i}`, password: PASSWORD, groupIds: [group.id], departmentIds: [department.id] } })).json;
    const limit = 1 + (i % 2);
    await call(a, 'PUT', `/api/omni/operators/${created.id}/limit`, { cookie: admin, body: { chatLimit: limit } });
    const cookie = await signIn(instances[i % 2], email);
    await call(instances[i % 2], 'PUT', '/api/omni/presence/me', { cookie, body: { status: 'online' } });
    return { id: created.id, limit };
  });
  const capacity = operators.reduce((sum, o) => sum + o.limit, 0);
  await call(a, 'POST', '/api/omni/rules', {
    cookie: admin,
    body: { name: 'Bench: distribute', trigger: { type: 'ticket.created' }, actions: [{ type: 'assign', groupId: group.id, strategy: 'least-busy', preferPrevious: false }] },
  });
  note(`${operators.length} operators online, limits 1 and 2 (capacity ${capacity} chats), one assign rule`);

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  cleanups.push(() => db.end());
  const waves = Math.ceil(capacity / waveSize) + 1;
  const visitorsPerWave = [];
  for (let w = 0; w < waves; w++) {
    visitorsPerWave.push(
      await mapLimit(Array.from({ length: waveSize }), 25, async (_, i) => {
        const base = instances[i % 2];
        return { base, token: (await call(base, 'POST', '/api/widget/sessions', { body: { key: 'demo' } })).json.token };
      }),
    );
  }
  const decisions = [];
  const services = [];
  let violations = 0;
  let arrived = 0;
  // Redis carries the instances' socket.io traffic: part of the system measured, not noise.
  const redisPids = redisUrl ? [...ticksByName('redis-server').keys()].map(Number) : [];
  const cpuBefore = cpuSnapshot([...apiPids, ...redisPids]);
  for (let w = 0; w < waves; w++) {
    const sent = await Promise.all(
      visitorsPerWave[w].map(({ base, token }) =>
        call(base, 'POST', '/api/widget/messages', { token, body: { body: 'Hello, I need help', clientMsgId: randomUUID() } }).then((r) => r.json.ticketId),
      ),
    );
    arrived += sent.length;
    // Wait until every arrival of the wave is assigned or queued.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1::uuid[]) AND executor_id IS NULL AND queued_at IS NULL`, [sent]);
      if (rows[0].n === 0) break;
      if (Date.now() > deadline) throw new Error(`wave ${w + 1}: ${rows[0].n} arrivals neither assigned nor queued after 30 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
    // Then until the queue has moved as far as capacity allows (a violation if it has not within 10 s).
    const settleBy = Date.now() + 10_000;
    while (Date.now() < settleBy) {
      const { rows } = await db.query(STUCK);
      if (!rows[0].stuck) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const { rows: over } = await db.query(`SELECT count(*)::int AS n FROM employees e WHERE e.active_chats > COALESCE(e.chat_limit, 5)
                                                 OR e.active_chats <> (SELECT count(*) FROM tickets t WHERE t.executor_id = e.id AND t.live)`);
    const { rows: twice } = await db.query(`SELECT count(*)::int AS n FROM (SELECT ticket_id FROM messages WHERE kind = 'system' AND event->>'type' = 'ticket.assigned'
                                                  GROUP BY ticket_id HAVING count(*) > 1) x`);
    const { rows: stuck } = await db.query(STUCK);
    const { rows: times } = await db.query(
      `SELECT extract(epoch FROM (assigned_at - created_at)) * 1000 AS ms FROM tickets WHERE id = ANY($1::uuid[]) AND assigned_at IS NOT NULL`,
      [sent],
    );
    // A decision is one round of the dispatcher: from the start of its transaction (tickets.updated_at,
    // written with now()) to the assignment (assigned_at, the clock at the row), row lock waits included.
    const { rows: rounds } = await db.query(
      `SELECT extract(epoch FROM (assigned_at - updated_at)) * 1000 AS ms FROM tickets WHERE id = ANY($1::uuid[]) AND assigned_at IS NOT NULL`,
      [sent],
    );
    for (const r of rounds) services.push(Number(r.ms));
    const waveViolations = over[0].n + twice[0].n + (stuck[0].stuck ? 1 : 0);
    violations += waveViolations;
    for (const r of times) decisions.push(Number(r.ms));
    const { rows: queued } = await db.query(`SELECT count(*)::int AS n FROM tickets WHERE live AND executor_id IS NULL AND queued_at IS NOT NULL`);
    note(`wave ${w + 1}: ${sent.length} arrivals at once, ${times.length} assigned, ${queued[0].n} waiting in the queue, violations ${waveViolations}`);
  }
  decisions.sort((x, y) => x - y);
  services.sort((x, y) => x - y);
  const cpu = cpuShares(cpuBefore, cpuSnapshot([...apiPids, ...redisPids]));
  line('p6_operators', operators.length);
  line('p6_arrivals', arrived, '', `(${waves} waves of ${waveSize} at once, capacity ${capacity})`);
  line('p6_assigned', decisions.length);
  line('p6_violations', violations, '', '(above a limit, assigned twice, waiting while someone had room)');
  line('p6_decision_p50', fmt(percentile(services, 50)), 'ms', '(start of the deciding round -> assigned, row lock waits included)');
  line('p6_decision_p95', fmt(percentile(services, 95)), 'ms');
  line('p6_decision_p99', fmt(percentile(services, 99)), 'ms', `(budget ${BUDGET_P99_MS} ms)`);
  line('p6_arrival_to_assigned_p50', fmt(percentile(decisions, 50)), 'ms', `(a request's wait in a burst of ${waveSize}, arrival committed -> assigned)`);
  line('p6_arrival_to_assigned_p99', fmt(percentile(decisions, 99)), 'ms');
  line('p6_arrival_to_assigned_max', fmt(decisions.at(-1) ?? NaN), 'ms');
  const pass = violations === 0 && percentile(services, 99) <= BUDGET_P99_MS;
  const sum = (shares) => shares.reduce((a, b) => a + b, 0);
  line('p6_api_cpu', Math.round(sum(cpu.pids.slice(0, apiPids.length)) * 100), '% of one core', '(both instances, over the waves)');
  line('p6_postgres_cpu', Math.round(cpu.postgres * 100), '% of one core');
  if (redisPids.length) line('p6_redis_cpu', Math.round(sum(cpu.pids.slice(apiPids.length)) * 100), '% of one core');
  line('p6_generator_cpu', Math.round(cpu.self * 100), '% of one core');
  line('p6_other_cpu', Math.round(cpu.other * 100), '% of one core', otherCpuNote(cpu.steal));
  line('p6_budget', pass ? 'pass' : 'FAIL');
  if (!pass) exitCode = EXIT_BUDGET_FAILED;
} catch (error) {
  note(`P6 failed to run: ${error.stack ?? error}`);
  exitCode = EXIT_ERROR;
} finally {
  await cleanups.run();
}
process.exit(exitCode);
