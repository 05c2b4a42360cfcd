#!/usr/bin/env node
// P3: a visitor sends in the widget -> the operator's socket receives it -> the visitor gets the ack.
// Budget: p50 <= 15 ms, p99 <= 60 ms at 500 msg/s (round trip = operator received AND visitor acked).
//
// Starts the built API (apps/api/dist/main.js) on a fresh database, prepares visitors with open tickets
// and an operator watching them, then drives an open-loop constant-rate generator at each rate; then
// the same generator against a bare socket.io + pg baseline (lib/baseline-server.mjs) for the ratio.
// Options (flag / env): --rates P3_RATES (200,500) --duration P3_DURATION_S (15) --warmup P3_WARMUP_S (3)
// --visitors P3_VISITORS (max rate, >= 50) --no-baseline, BENCH_DATABASE_URL, --echo (server logs),
// --profile DIR (API under --cpu-prof into DIR plus per-statement SQL counts/times, see lib/pg-query-stats.cjs),
// --keep-db (do not drop the database at the end, to inspect it), --api-env K=V,K=V (extra API env),
// --api-node-args "--trace-gc …" (extra node flags of the API).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { connectSocket, emitWithAck, mapLimit, runOpenLoop } from './lib/open-loop.mjs';
import { apiEnvironment, cleanupStack, createBenchDatabase } from './lib/bench-run.mjs';
import { otherCpuNote, untilPostgresQuiet } from './lib/cpu.mjs';
import {
  envOption,
  EXIT_BUDGET_FAILED,
  EXIT_ERROR,
  benchDir,
  flag,
  fmt,
  freePort,
  line,
  note,
  option,
  root,
  sleep,
  startChild,
  waitForStatus,
} from './lib/util.mjs';

const BUDGET = { rate: 500, p50: 15, p99: 60 };
const rates = option('rates', 'P3_RATES', '200,500')
  .split(',')
  .map(Number)
  .filter((r) => r > 0);
const durationMs = Number(option('duration', 'P3_DURATION_S', '15')) * 1000;
const warmupMs = Number(option('warmup', 'P3_WARMUP_S', '3')) * 1000;
const maxRate = Math.max(...rates);
// The API allows a visitor 20 sends per 10 s (REST and sockets together); round-robin over `rate` visitors sends 10.
const visitorCount = Number(option('visitors', 'P3_VISITORS', String(Math.max(50, Math.ceil(maxRate)))));
const withBaseline = !flag('no-baseline');
const echo = flag('echo');
const baseUrl = option('database-url', 'BENCH_DATABASE_URL', 'postgresql://postgres@127.0.0.1:5432/postgres');
const apiMain = option('api', 'P3_API_MAIN', join(root, 'apps/api/dist/main.js'));
const profileDir = option('profile', 'P3_PROFILE_DIR', '');
const keepDb = flag('keep-db');
/** Extra API environment for experiments, e.g. --api-env DATABASE_POOL_SIZE=40,WORKER_CONCURRENCY=1 */
const apiEnv = envOption('api-env', 'P3_API_ENV');
const DEMO_PASSWORD = 'bench-demo-password';

if (!rates.length || !(durationMs > 0) || !(warmupMs >= 0)) {
  console.error('usage: p3-visitor-roundtrip.mjs [--rates 200,500] [--duration 15] [--warmup 3] [--visitors N] [--no-baseline]');
  process.exit(EXIT_ERROR);
}
if ((maxRate * 10) / visitorCount > 19) {
  note(`warning: ${visitorCount} visitors at ${maxRate} msg/s exceed the API's 20 sends per 10 s per visitor socket`);
}

const cleanups = cleanupStack();

function closeAll(sockets) {
  for (const socket of sockets) socket?.close();
}

/** The product: API up, N visitors with one open ticket each, an operator socket watching them all. */
async function prepareProduct(databaseUrl) {
  const port = await freePort(3300);
  const base = `http://127.0.0.1:${port}`;
  const env = apiEnvironment(
    { databaseUrl, port, password: DEMO_PASSWORD, host: '0.0.0.0' },
    { WIDGET_SESSION_RATE_LIMIT: '100000', SIGNIN_RATE_LIMIT: '1000', ...apiEnv },
  );
  const nodeArgs = option('api-node-args', 'P3_API_NODE_ARGS', '').split(/\s+/).filter(Boolean);
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    nodeArgs.push('--cpu-prof', '--cpu-prof-dir', profileDir, '--require', join(benchDir, 'lib/pg-query-stats.cjs'));
    env.PG_QUERY_STATS_FILE = join(profileDir, 'pg-queries.json');
  }
  const began = performance.now();
  const api = startChild(process.execPath, [...nodeArgs, apiMain], { env, echo, label: 'api' });
  cleanups.push(() => api.stop());
  try {
    await waitForStatus(`${base}/api/health`, { timeoutMs: 60_000, alive: () => api.running });
  } catch (error) {
    throw new Error(`${error.message}\n--- API output ---\n${api.tail()}`);
  }
  note(`API up on port ${port} in ${fmt((performance.now() - began) / 1000)} s`);

  const tokens = await mapLimit(Array.from({ length: visitorCount }), 20, async () => {
    const response = await fetch(`${base}/api/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'demo' }),
    });
    if (response.status !== 201) throw new Error(`POST /api/widget/sessions: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()).token;
  });
  const visitors = [];
  cleanups.push(async () => closeAll(visitors));
  await mapLimit(tokens, 25, async (visitorToken) => visitors.push(await connectSocket(base, { auth: { visitorToken } })));
  const ticketIds = await mapLimit(visitors, 20, async (socket) => {
    const ack = await emitWithAck(socket, 'visitor:send', { body: 'Hello, I need help', clientMsgId: randomUUID() });
    if (!ack?.ok) throw new Error(`first visitor:send failed: ${JSON.stringify(ack)}`);
    return ack.data.ticketId;
  });
  note(`${visitors.length} visitors connected, ${new Set(ticketIds).size} tickets open`);

  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'operator@demo.local', password: DEMO_PASSWORD }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in: HTTP ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('omni_session='));
  if (!cookie) throw new Error('sign-in answered without an omni_session cookie');
  const operator = await connectSocket(base, { extraHeaders: { cookie } });
  cleanups.push(async () => operator.close());
  await mapLimit(ticketIds, 20, async (ticketId) => {
    const ack = await emitWithAck(operator, 'ticket:watch', { ticketId });
    if (!ack?.ok) throw new Error(`ticket:watch failed: ${JSON.stringify(ack)}`);
  });
  note(`operator watches ${ticketIds.length} tickets`);
  return {
    pid: api.child.pid,
    alive: () => api.running,
    tail: api.tail,
    visitors,
    operator,
    async stop() {
      closeAll(visitors);
      operator.close();
      await api.stop();
    },
  };
}

/** The baseline: same sockets and generator, a bare socket.io + pg server. */
async function prepareBaseline(databaseUrl) {
  let server;
  let base;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(3300);
    base = `http://127.0.0.1:${port}`;
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(port) };
    server = startChild(process.execPath, [join(benchDir, 'lib/baseline-server.mjs')], { env, echo, label: 'baseline' });
    cleanups.push(server.stop);
    try {
      await waitForStatus(`${base}/health`, { timeoutMs: 20_000, alive: () => server.running });
      break;
    } catch (error) {
      const message = `${error.message}\n--- baseline output ---\n${server.tail()}`;
      await server.stop();
      if (attempt >= 2) throw new Error(message);
      note(`baseline did not come up, retrying on another port: ${message}`);
    }
  }
  const visitors = [];
  cleanups.push(async () => closeAll(visitors));
  await mapLimit(
    Array.from({ length: visitorCount }, (_, i) => `baseline-visitor-${i}-${randomUUID()}`),
    25,
    async (visitorToken) => visitors.push(await connectSocket(base, { auth: { visitorToken } })),
  );
  const operator = await connectSocket(base, { auth: { operator: true } });
  cleanups.push(async () => operator.close());
  // One message per visitor, as the product's setup sends, so both start warm.
  await mapLimit(visitors, 20, (socket) => emitWithAck(socket, 'visitor:send', { body: 'Hello', clientMsgId: randomUUID() }));
  note(`baseline up at ${base}, ${visitors.length} visitors`);
  return {
    pid: server.child.pid,
    alive: () => server.running,
    tail: server.tail,
    visitors,
    operator,
    async stop() {
      closeAll(visitors);
      operator.close();
      await server.stop();
    },
  };
}

async function measure(target, label) {
  const results = {};
  const settled = await untilPostgresQuiet();
  note(`${label}: PostgreSQL ${settled.quiet ? 'quiet' : 'still busy'} after setup (${fmt(settled.postgres * 100)} % of a core) after ${fmt(settled.waitedMs / 1000)} s`);
  if (profileDir && label === 'product') process.kill(target.pid, 'SIGWINCH'); // reset SQL counters after setup
  for (const rate of rates) {
    await sleep(2_000); // settle, and let the per-visitor send window of the previous run slide on
    note(`${label}: ${rate} msg/s for ${warmupMs / 1000} s warm-up + ${durationMs / 1000} s`);
    results[rate] = await runOpenLoop({
      visitors: target.visitors,
      operator: target.operator,
      rate,
      warmupMs,
      durationMs,
      serverPid: target.pid,
    });
    const { timeline, slowTimeline, stealTimeline } = results[rate];
    note(
      `${label} ${rate} msg/s, per measured second: worst round trip ms (messages over 20 ms) [hypervisor steal, ms of core time, when over 20]: ` +
        timeline
          .map((v, i) => `${Math.round(v)}${slowTimeline[i] ? `(${slowTimeline[i]})` : ''}${stealTimeline[i] > 20 ? `[${Math.round(stealTimeline[i])}]` : ''}`)
          .join(' '),
    );
    if (!target.alive()) throw new Error(`${label} server exited during the run\n${target.tail()}`);
  }
  return results;
}

/** Where the API's database time went during the measured runs (stderr: a profile, not a result). */
function printQueryStats(messages) {
  const file = join(profileDir, 'pg-queries.json');
  if (!existsSync(file)) return note(`no SQL statistics in ${file}`);
  const { queries, eventLoopDelay: d } = JSON.parse(readFileSync(file, 'utf8'));
  if (d) note(`API event loop delay during the measured runs: p50 ${fmt(d.p50Ms)} ms, p99 ${fmt(d.p99Ms)} ms, max ${fmt(d.maxMs)} ms (5 ms sampling)`);
  const total = queries.reduce((n, q) => n + q.count, 0);
  note(`SQL during the measured runs: ${total} statements for ${messages} messages (${fmt(total / messages)} per message); CPU profile in ${profileDir}`);
  for (const q of queries.slice(0, 15)) {
    note(
      `  ${fmt(q.count / messages)}/msg  p50 ${fmt(q.p50Ms)}  avg ${fmt(q.totalMs / q.count)}  p99 ${fmt(q.p99Ms)}  max ${fmt(q.maxMs)} ms  ${q.sql.slice(0, 100)}`,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * For each measured second with a message over 20 ms: the API's event-loop stalls and its statements slower
 * than 30 ms that began then (lib/pg-query-stats.cjs), so a stall can be told apart: the process not
 * running (a stall of the loop) or waiting on PostgreSQL (slow statements while the loop ran).
 */
function printStallSeconds(run, profile) {
  for (const [second, count] of run.slowTimeline.entries()) {
    if (!count) continue;
    const from = run.measuredFromEpochMs + second * 1000;
    const inSecond = (x) => x.at >= from - 200 && x.at < from + 1000;
    const stalls = (profile.stalls ?? []).filter(inSecond).map((x) => `${Math.round(x.ms)} ms`);
    const slow = (profile.slow ?? []).filter(inSecond);
    const bySql = new Map();
    for (const q of slow) bySql.set(q.sql, [...(bySql.get(q.sql) ?? []), q.ms]);
    note(`  second ${second} (${count} over 20 ms, worst ${Math.round(run.timeline[second])} ms): event loop stalled ${stalls.join(', ') || 'never'} over 30 ms`);
    for (const [sql, times] of bySql) note(`    ${times.length}× up to ${Math.round(Math.max(...times))} ms: ${sql}`);
  }
}

function printRun(prefix, r) {
  const failures = Object.values(r.errors).reduce((a, b) => a + b, 0);
  line(`${prefix}.rate`, fmt(r.completedRate), 'msg/s', `(target ${r.rate}, sent ${fmt(r.sentRate)})`);
  line(`${prefix}.messages`, r.completed, '', `(of ${r.sent} sent after warm-up)`);
  line(`${prefix}.errors`, failures, '', failures ? JSON.stringify(r.errors) : '');
  line(`${prefix}.late_sends`, r.late, '', `(> 5 ms behind schedule; send lag p99 ${fmt(r.lag.p99)} ms, max ${fmt(r.lag.max)} ms)`);
  for (const [name, s] of [
    ['operator_receive', r.operatorReceive],
    ['visitor_ack', r.ack],
    ['roundtrip', r.roundtrip],
  ]) {
    for (const p of ['p50', 'p95', 'p99', 'max']) line(`${prefix}.${name}_${p}`, fmt(s[p]), 'ms');
  }
  if (r.cpu.server !== undefined) {
    line(`${prefix}.server_cpu`, Math.round(r.cpu.server * 100), '% of one core', `(user ${Math.round(r.cpu.serverUser * 100)}, kernel ${Math.round(r.cpu.serverSystem * 100)})`);
    line(`${prefix}.server_cpu_per_message`, fmt((r.cpu.server * 1000) / r.rate), 'ms');
  }
  if (r.cpu.postgres !== undefined) line(`${prefix}.postgres_cpu_per_message`, fmt((r.cpu.postgres * 1000) / r.rate), 'ms');
  if (r.cpu.generator !== undefined) line(`${prefix}.generator_cpu`, Math.round(r.cpu.generator * 100), '% of one core');
  if (r.cpu.postgres !== undefined) line(`${prefix}.postgres_cpu`, Math.round(r.cpu.postgres * 100), '% of one core', '(all postgres processes on the machine)');
  if (r.cpu.machineBusy !== undefined) {
    const cores = availableParallelism();
    line(`${prefix}.machine_cpu`, Math.round(r.cpu.machineBusy * 100), `% of ${cores} cores`);
    const other = r.cpu.machineBusy * cores - (r.cpu.server ?? 0) - (r.cpu.generator ?? 0) - (r.cpu.postgres ?? 0);
    line(`${prefix}.other_cpu`, Math.max(0, Math.round(other * 100)), '% of one core', otherCpuNote(r.cpu.steal ?? 0));
  }
}

let exitCode = 0;
try {
  const database = await createBenchDatabase(baseUrl, 'omni_bench', cleanups, { keep: keepDb });
  note(`database ${database.name}`);
  const product = await prepareProduct(database.url);
  const productResults = await measure(product, 'product');
  await product.stop();
  if (profileDir) {
    const profile = printQueryStats(rates.reduce((n, rate) => n + Math.round((rate * (warmupMs + durationMs)) / 1000), 0));
    if (profile) for (const rate of rates) {
      note(`product ${rate} msg/s, its stall seconds:`);
      printStallSeconds(productResults[rate], profile);
    }
  }
  let baselineResults = null;
  if (withBaseline && !cleanups.interrupted) {
    const baseline = await prepareBaseline(database.url);
    baselineResults = await measure(baseline, 'baseline');
    await baseline.stop();
  }

  line(
    'load generator',
    `same machine (${availableParallelism()} cores shared with the server under test and PostgreSQL); one Node process, ${visitorCount} visitor sockets + 1 operator socket, open loop, ${warmupMs / 1000} s warm-up not counted, ${durationMs / 1000} s measured`,
  );
  for (const rate of rates) {
    const r = productResults[rate];
    printRun(`p3.r${rate}`, r);
    const b = baselineResults?.[rate];
    if (b) {
      printRun(`p3.r${rate}.baseline`, b);
      for (const p of ['p50', 'p99']) {
        line(`p3.r${rate}.roundtrip_${p}_ratio`, fmt(r.roundtrip[p] / b.roundtrip[p]), '', '(product / bare socket.io + pg baseline)');
      }
    }
  }
  const r = productResults[BUDGET.rate];
  const budget = `p50<=${BUDGET.p50}ms p99<=${BUDGET.p99}ms at ${BUDGET.rate} msg/s`;
  if (!r) {
    line('p3.budget', budget, '', `not measured (add ${BUDGET.rate} to --rates)`);
  } else {
    const failures = Object.values(r.errors).reduce((a, b) => a + b, 0);
    const reasons = [];
    if (r.roundtrip.p50 > BUDGET.p50) reasons.push(`p50 ${fmt(r.roundtrip.p50)} ms`);
    if (r.roundtrip.p99 > BUDGET.p99) reasons.push(`p99 ${fmt(r.roundtrip.p99)} ms`);
    if (failures) reasons.push(`${failures} errors/timeouts`);
    if (r.completedRate < BUDGET.rate * 0.98) reasons.push(`only ${fmt(r.completedRate)} msg/s`);
    const pass = reasons.length === 0;
    line(
      'p3.budget',
      `${budget}:`,
      '',
      pass ? `PASS (roundtrip p50 ${fmt(r.roundtrip.p50)} ms, p99 ${fmt(r.roundtrip.p99)} ms)` : `FAIL (${reasons.join(', ')})`,
    );
    if (!pass) exitCode = EXIT_BUDGET_FAILED;
  }
} catch (error) {
  console.error(`p3 failed to run: ${error.stack ?? error.message}`);
  exitCode = EXIT_ERROR;
} finally {
  await cleanups.run();
}
process.exit(exitCode);
