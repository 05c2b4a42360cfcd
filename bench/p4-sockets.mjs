#!/usr/bin/env node
// P4: sockets held by one API process. Budget: 10,000 widget + 200 operator sockets, RSS <= 400 MB, idle
// CPU <= 10 % of a core; and the memory is returned when they leave.
//
// Starts the built API (apps/api/dist/main.js) on a fresh database with demo data, creates the widget
// sessions (through the API) and the operators with their sessions (in SQL, copies of the demo operator),
// then opens every socket from a few child processes (lib/socket-holder.mjs: one process may hold at most
// `ulimit -n` descriptors). Measures the API's RSS (/proc/<pid>/status) and V8 heap (lib/memory-probe.cjs,
// on a signal) before, with the sockets idle, and after they all left; and its CPU while they sit idle.
// Options (flag / env): --widgets P4_WIDGETS (10000) --operators P4_OPERATORS (200) --idle P4_IDLE_S (40: two
// heartbeats of 20 s, so the window holds every socket's pings whatever their phase)
// --settle P4_SETTLE_S (10: before and after connecting, after leaving) --after-wait P4_AFTER_WAIT_S (150:
// at most this long for the memory to come back once they left) --holders P4_HOLDERS (sockets / 5000, at
// least 1), BENCH_DATABASE_URL, --echo (API logs), --keep-db, --api-env K=V,K=V (extra API env),
// --api-node-args "…" (extra node flags), --heap-snapshots DIR (heap snapshots before / with / after the
// sockets, see bench/README.md).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TICKS_PER_SECOND, cpuTicks, machineTicks, otherCpuNote, stealShare, ticksByName, ticksDelta } from './lib/cpu.mjs';
import { mapLimit } from './lib/open-loop.mjs';
import { startHolders } from './lib/socket-holders.mjs';
import { apiEnvironment, cleanupStack, createBenchDatabase } from './lib/bench-run.mjs';
import { EXIT_BUDGET_FAILED, EXIT_ERROR, benchDir, flag, fmt, freePort, line, note, option, root, sleep, startChild, waitForStatus } from './lib/util.mjs';

const BUDGET = { widgets: 10_000, operators: 200, rssMb: 400, idleCpu: 10 };
const widgetCount = Number(option('widgets', 'P4_WIDGETS', String(BUDGET.widgets)));
const operatorCount = Number(option('operators', 'P4_OPERATORS', String(BUDGET.operators)));
const idleMs = Number(option('idle', 'P4_IDLE_S', '40')) * 1000;
const settleMs = Number(option('settle', 'P4_SETTLE_S', '10')) * 1000;
const afterWaitMs = Number(option('after-wait', 'P4_AFTER_WAIT_S', '150')) * 1000;
const holderCount = Number(option('holders', 'P4_HOLDERS', String(Math.max(1, Math.ceil((widgetCount + operatorCount) / 5000)))));
const baseUrl = option('database-url', 'BENCH_DATABASE_URL', 'postgresql://postgres@127.0.0.1:5432/postgres');
const apiMain = option('api', 'P4_API_MAIN', join(root, 'apps/api/dist/main.js'));
const snapshotDir = option('heap-snapshots', 'P4_HEAP_SNAPSHOTS', '');
const echo = flag('echo');
const keepDb = flag('keep-db');
const apiEnv = Object.fromEntries(
  option('api-env', 'P4_API_ENV', '')
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()]),
);
const DEMO_PASSWORD = 'bench-demo-password';
const MB = 1_000_000; // 1 MB = 10^6 bytes, 1 KB = 1000 bytes, as P8

if (!(widgetCount >= 0) || !(operatorCount >= 0) || widgetCount + operatorCount === 0 || !(idleMs > 0) || !(holderCount >= 1)) {
  console.error('usage: p4-sockets.mjs [--widgets 10000] [--operators 200] [--idle 40] [--settle 10] [--holders N] [--keep-db] [--echo]');
  process.exit(EXIT_ERROR);
}

const cleanups = cleanupStack();

/** The API's resident set from /proc, in bytes. */
function rssOf(pid) {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

/** Open descriptors of a process (its sockets among them). */
function fdsOf(pid) {
  return readdirSync(`/proc/${pid}/fd`).length;
}

async function startApi(databaseUrl, probeFile) {
  const port = await freePort(3300);
  const base = `http://127.0.0.1:${port}`;
  const env = apiEnvironment(
    { databaseUrl, port, password: DEMO_PASSWORD },
    { WIDGET_SESSION_RATE_LIMIT: '1000000', SIGNIN_RATE_LIMIT: '1000', MEMORY_PROBE_FILE: probeFile, ...apiEnv },
  );
  const nodeArgs = ['--require', join(benchDir, 'lib/memory-probe.cjs'), ...option('api-node-args', 'P4_API_NODE_ARGS', '').split(/\s+/).filter(Boolean)];
  if (snapshotDir) {
    mkdirSync(snapshotDir, { recursive: true });
    nodeArgs.push('--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${snapshotDir}`);
  }
  const began = performance.now();
  const api = startChild(process.execPath, [...nodeArgs, apiMain], { env, echo, label: 'api' });
  cleanups.push(() => api.stop());
  try {
    await waitForStatus(`${base}/api/health`, { timeoutMs: 60_000, alive: () => api.running });
  } catch (error) {
    throw new Error(`${error.message}\n--- API output ---\n${api.tail()}`);
  }
  note(`API up on port ${port} in ${fmt((performance.now() - began) / 1000)} s (pid ${api.child.pid})`);
  return { api, base, pid: api.child.pid };
}

/** process.memoryUsage() of the API, asked for with SIGWINCH (lib/memory-probe.cjs). */
async function heapOf(pid, probeFile) {
  const since = Date.now();
  process.kill(pid, 'SIGWINCH');
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    if (existsSync(probeFile)) {
      const usage = JSON.parse(readFileSync(probeFile, 'utf8'));
      if (usage.at >= since - 5) return usage;
    }
    await sleep(20);
  }
  throw new Error('the API did not answer the memory probe');
}

/** A heap snapshot of the API (--heap-snapshots), named after the moment; resolves when it is written. */
async function heapSnapshot(target, label) {
  if (!snapshotDir) return;
  const before = new Set(readdirSync(snapshotDir));
  process.kill(target.pid, 'SIGUSR2');
  const began = performance.now();
  let file;
  while (!file && performance.now() - began < 120_000) {
    await sleep(200);
    file = readdirSync(snapshotDir).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
  }
  if (!file) throw new Error('no heap snapshot appeared');
  // The snapshot blocks the API's event loop while it is written: done once the API answers again.
  await waitForStatus(`${target.base}/api/health`, { timeoutMs: 300_000 });
  const size = statSync(join(snapshotDir, file)).size;
  note(`heap snapshot "${label}": ${join(snapshotDir, file)} (${fmt(size / MB)} MB, ${fmt((performance.now() - began) / 1000)} s)`);
}

async function call(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body !== undefined ? { 'content-type': 'application/json' } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Operators: copies of the demo operator (same password hash, groups and departments), each with a
 * session row whose token we hold. In SQL rather than 200 sign-ins: each sign-in costs an argon2 verify
 * (64 MiB, about 0.1 s of CPU), and the socket handshake checks the session the same way either way.
 */
async function createOperators(databaseUrl, count) {
  if (count === 0) return [];
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const tokens = Array.from({ length: count }, () => randomBytes(32).toString('base64url'));
    const hashes = tokens.map((t) => createHash('sha256').update(t).digest('hex'));
    await db.query('BEGIN');
    const { rows } = await db.query(
      `INSERT INTO employees (email, name, password_hash)
       SELECT 'p4-operator-' || i || '@bench.local', 'Bench operator ' || i, e.password_hash
         FROM employees e, generate_series(1, $1::int) AS i WHERE e.email = 'operator@demo.local'
       RETURNING id`,
      [count],
    );
    if (rows.length !== count) throw new Error('no demo operator to copy (is SEED_DEMO on?)');
    const ids = rows.map((r) => r.id);
    await db.query(
      `INSERT INTO employee_groups (group_id, employee_id)
       SELECT g.group_id, n.id FROM employee_groups g JOIN employees e ON e.id = g.employee_id AND e.email = 'operator@demo.local', unnest($1::uuid[]) AS n(id)`,
      [ids],
    );
    await db.query(
      `INSERT INTO department_members (department_id, employee_id)
       SELECT d.department_id, n.id FROM department_members d JOIN employees e ON e.id = d.employee_id AND e.email = 'operator@demo.local', unnest($1::uuid[]) AS n(id)`,
      [ids],
    );
    await db.query(
      `INSERT INTO employee_sessions (employee_id, token_hash, expires_at, last_seen_at)
       SELECT id, hash, now() + interval '1 day', now() FROM unnest($1::uuid[], $2::text[]) AS s(id, hash)`,
      [ids, hashes],
    );
    await db.query('COMMIT');
    return tokens.map((t) => ({ cookie: `omni_session=${encodeURIComponent(t)}` }));
  } finally {
    await db.end();
  }
}

/** CPU of the API, the holders, PostgreSQL and the whole machine while nothing happens, over `ms`. */
async function idleCpu(apiPid, holderPids, ms) {
  const take = () => ({
    at: performance.now(),
    api: cpuTicks(apiPid),
    holders: holderPids.map(cpuTicks),
    postgres: ticksByName('postgres'),
    machine: machineTicks(),
  });
  const a = take();
  await sleep(ms);
  const b = take();
  const seconds = (b.at - a.at) / 1000;
  const share = (x, y) => (y.user + y.system - x.user - x.system) / TICKS_PER_SECOND / seconds;
  const api = share(a.api, b.api);
  const generator = a.holders.reduce((sum, h, i) => sum + (h && b.holders[i] ? share(h, b.holders[i]) : 0), 0);
  const postgres = ticksDelta(a.postgres, b.postgres) / TICKS_PER_SECOND / seconds;
  const machine = (b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total);
  return { api, generator, postgres, machine, other: Math.max(0, machine * availableParallelism() - api - generator - postgres), steal: stealShare(a.machine, b.machine) };
}

let exitCode = 0;
try {
  note('P4: the socket holders, the API and PostgreSQL run on this same machine, over loopback');
  const database = await createBenchDatabase(baseUrl, 'omni_bench_p4', cleanups, { keep: keepDb });
  note(`database ${database.name}`);
  const probeDir = mkdtempSync(join(tmpdir(), 'p4-probe-'));
  cleanups.push(async () => rmSync(probeDir, { recursive: true, force: true }));
  const probeFile = join(probeDir, 'memory.json');
  // The sessions are created through one API process, the sockets measured on a fresh one: the garbage
  // of 10,000 HTTP requests would otherwise sit in the "before" figure until V8 gets round to it.
  const setup = await startApi(database.url, probeFile);
  const tokens = await mapLimit(Array.from({ length: widgetCount }), 20, async () => (await call(setup.base, 'POST', '/api/widget/sessions', { key: 'demo' })).token);
  const operators = await createOperators(database.url, operatorCount);
  await setup.api.stop();
  note(`${tokens.length} widget sessions and ${operators.length} operator sessions created`);
  const clients = [...tokens.map((visitorToken) => ({ auth: { visitorToken } })), ...operators];
  // Round-robin over the holders, so each holds widgets and operators alike.
  const shares = Array.from({ length: holderCount }, (_, h) => clients.filter((_, i) => i % holderCount === h));
  const target = await startApi(database.url, probeFile);

  await sleep(settleMs);
  const fdsBefore = fdsOf(target.pid);
  const rssBefore = rssOf(target.pid);
  const heapBefore = await heapOf(target.pid, probeFile);
  note(`before: RSS ${fmt(rssBefore / MB)} MB, heap used ${fmt(heapBefore.heapUsed / MB)} MB, ${fdsBefore} open files`);
  await heapSnapshot(target, 'before');

  const holders = startHolders(holderCount, cleanups);
  const began = performance.now();
  const opened = await Promise.all(
    holders.map((h, i) => {
      const done = h.next('opened');
      h.child.send({ type: 'open', url: target.base, clients: shares[i], concurrency: 25 });
      return done;
    }),
  );
  const connected = opened.reduce((n, o) => n + o.connected, 0);
  const failed = opened.reduce((n, o) => n + o.failed, 0);
  note(`${connected} sockets connected in ${fmt((performance.now() - began) / 1000)} s from ${holderCount} holders${failed ? `, ${failed} failed (first: ${opened.find((o) => o.firstError)?.firstError})` : ''}`);
  if (!target.api.running) throw new Error(`the API exited while the sockets connected\n${target.api.tail()}`);

  await sleep(settleMs);
  const fdsWith = fdsOf(target.pid);
  const cpu = await idleCpu(
    target.pid,
    holders.map((h) => h.child.pid),
    idleMs,
  );
  const rssWith = rssOf(target.pid);
  const heapWith = await heapOf(target.pid, probeFile);
  note(`with sockets: RSS ${fmt(rssWith / MB)} MB, heap used ${fmt(heapWith.heapUsed / MB)} MB of ${fmt(heapWith.heapTotal / MB)} MB, external ${fmt(heapWith.external / MB)} MB, ${fdsWith} open files`);
  await heapSnapshot(target, 'with sockets');

  await Promise.all(
    holders.map(async (h) => {
      const closed = h.next('closed');
      h.child.send({ type: 'close' });
      await closed;
      await h.exited;
    }),
  );
  // Gone from the API's side too: its descriptors are back to where they were.
  const leftBy = performance.now() + 60_000;
  while (fdsOf(target.pid) > fdsBefore + 5 && performance.now() < leftBy) await sleep(100);
  note(`sockets closed; the API holds ${fdsOf(target.pid)} open files`);
  // V8 gives the heap back when its memory reducer sees the process idle, which can take a minute or
  // two: poll until RSS is back near where it was (a fifth of what the sockets took), up to --after-wait.
  const leftAt = performance.now();
  const returned = () => rssOf(target.pid) - rssBefore <= 0.2 * (rssWith - rssBefore);
  await sleep(settleMs);
  while (!returned() && performance.now() - leftAt < afterWaitMs) await sleep(1_000);
  const returnedInS = (performance.now() - leftAt) / 1000;
  const rssAfter = rssOf(target.pid);
  const wasReturned = rssAfter - rssBefore <= 0.2 * (rssWith - rssBefore);
  const heapAfter = await heapOf(target.pid, probeFile);
  await heapSnapshot(target, 'after');
  if (!target.api.running) throw new Error(`the API exited during the run\n${target.api.tail()}`);
  await target.api.stop();

  const sockets = connected;
  const perSocket = sockets ? (rssWith - rssBefore) / sockets : NaN;
  const heapPerSocket = sockets ? (heapWith.heapUsed - heapBefore.heapUsed) / sockets : NaN;
  line(
    'load generator',
    `same machine (${availableParallelism()} cores shared with the API and PostgreSQL); ${holderCount} Node processes holding the sockets, loopback`,
  );
  line('p4.sockets_connected', sockets, '', `(of ${widgetCount} widget + ${operatorCount} operator; ${failed} failed)`);
  line('p4.api_open_files', fdsWith, '', `(${fdsBefore} before)`);
  line('p4.rss_before', fmt(rssBefore / MB), 'MB', `(fresh API, ${settleMs / 1000} s after start, no socket)`);
  line('p4.rss_with_sockets', fmt(rssWith / MB), 'MB');
  line('p4.rss_per_socket', fmt(perSocket / 1000), 'KB', '((rss_with_sockets - rss_before) / sockets)');
  line('p4.heap_used_before', fmt(heapBefore.heapUsed / MB), 'MB');
  line('p4.heap_used_with_sockets', fmt(heapWith.heapUsed / MB), 'MB', `(heap total ${fmt(heapWith.heapTotal / MB)} MB, external ${fmt(heapWith.external / MB)} MB; no forced GC)`);
  line('p4.heap_per_socket', fmt(heapPerSocket / 1000), 'KB');
  line('p4.idle_cpu', fmt(cpu.api * 100), '% of one core', `(API over ${idleMs / 1000} s with the sockets idle)`);
  line('p4.rss_after_disconnect', fmt(rssAfter / MB), 'MB', `(${fmt(returnedInS)} s after the last socket left${wasReturned ? '' : ', not returned yet'})`);
  line('p4.heap_used_after_disconnect', fmt(heapAfter.heapUsed / MB), 'MB');
  line('p4.generator_cpu', fmt(cpu.generator * 100), '% of one core', `(the socket holders, same ${idleMs / 1000} s)`);
  line('p4.postgres_cpu', fmt(cpu.postgres * 100), '% of one core', '(all postgres processes on the machine)');
  line('p4.other_cpu', fmt(cpu.other * 100), '% of one core', otherCpuNote(cpu.steal));

  const reasons = [];
  const full = widgetCount >= BUDGET.widgets && operatorCount >= BUDGET.operators;
  if (failed) reasons.push(`${failed} sockets failed to connect`);
  if (rssWith > BUDGET.rssMb * MB) reasons.push(`RSS ${fmt(rssWith / MB)} MB`);
  if (cpu.api * 100 > BUDGET.idleCpu) reasons.push(`idle CPU ${fmt(cpu.api * 100)} %`);
  // "Returned": after they left, the API holds at most a fifth of what the sockets took.
  if (!wasReturned) reasons.push(`RSS after disconnect ${fmt(rssAfter / MB)} MB (before: ${fmt(rssBefore / MB)} MB)`);
  const budget = `${BUDGET.widgets} widget + ${BUDGET.operators} operator sockets, RSS<=${BUDGET.rssMb}MB, idle CPU<=${BUDGET.idleCpu}%, memory returned after disconnect`;
  if (!full) line('p4.budget', `${budget}:`, '', `not measured (ran ${widgetCount} + ${operatorCount})${reasons.length ? `; ${reasons.join(', ')}` : ''}`);
  else {
    line('p4.budget', `${budget}:`, '', reasons.length ? `FAIL (${reasons.join(', ')})` : `PASS (RSS ${fmt(rssWith / MB)} MB, idle CPU ${fmt(cpu.api * 100)} %, after ${fmt(rssAfter / MB)} MB)`);
    if (reasons.length) exitCode = EXIT_BUDGET_FAILED;
  }
} catch (error) {
  console.error(`p4 failed to run: ${error.stack ?? error.message}`);
  exitCode = EXIT_ERROR;
} finally {
  await cleanups.run();
}
process.exit(exitCode);
