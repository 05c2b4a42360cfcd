#!/usr/bin/env node
// P1: messenger webhook ingest. Telegram-format updates (the shape of the real fixture text.json, each
// with its own update_id) are POSTed to a connected Telegram channel's webhook: the product checks the
// secret-token header, stores the event under its update_id (a repeat inserts nothing) with its job, and
// answers `ok` after the commit. Budget: >= 5,000 messages/s with p99 <= 50 ms, and >= 0.6 x a bare Fastify
// + pg server that checks the same header and does one INSERT … ON CONFLICT per request, measured in the
// same run with the same generator.
//
// The generator is closed-loop: C keep-alive connections, each sending its next update as soon as the last
// was answered, for a warm-up then the measured seconds; throughput = answers in the measured window / its
// length; latency = request written → answer read. After the product's run it checks that every update
// answered `ok` is stored exactly once (channel_events).
//
// The product runs as a webhook front (WORKER_CONCURRENCY=0, EVENT_CONSUMERS=false: it stores, answers and
// queues, and runs no jobs), the way a burst is absorbed: P1 is the ingest; applying the events is P2's. After
// the measured window a second instance with the default workers starts and applies the backlog for
// --drain-seconds: the bench prints that rate too. --with-jobs runs the jobs in the front itself, meanwhile.
// Options (flag / env): --connections P1_CONNECTIONS (64) --seconds P1_SECONDS (15) --warmup P1_WARMUP (3)
// --drain-seconds P1_DRAIN_SECONDS (15) --with-jobs --only product|baseline --echo, BENCH_DATABASE_URL.
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { FakeTelegram } from '@omnichannel/fake-platforms';
import pg from 'pg';
import { apiEnvironment, cleanupStack, createBenchDatabase, startBaselineWebhookServer } from './lib/bench-run.mjs';
import { cpuShares, cpuSnapshot, otherCpuNote } from './lib/cpu.mjs';
import { telegramUpdate } from './lib/telegram-update.mjs';
import { envOption, EXIT_BUDGET_FAILED, EXIT_ERROR, flag, fmt, freePort, histogram, line, note, option, root, startChild, summary, waitForStatus } from './lib/util.mjs';

const BUDGET_RATE = 5000;
const BUDGET_P99_MS = 50;
const BUDGET_RATIO = 0.6;
const connections = Number(option('connections', 'P1_CONNECTIONS', '64'));
const seconds = Number(option('seconds', 'P1_SECONDS', '15'));
const warmup = Number(option('warmup', 'P1_WARMUP', '3'));
const only = option('only', 'P1_ONLY', '');
const baseUrl = option('database-url', 'BENCH_DATABASE_URL', 'postgresql://postgres@127.0.0.1:5432/postgres');
const echo = flag('echo');
const withJobs = flag('with-jobs');
const drainSeconds = Number(option('drain-seconds', 'P1_DRAIN_SECONDS', '15'));
/** --api-node-args "…" (P1_API_NODE_ARGS): Node options for the API, e.g. --cpu-prof --cpu-prof-dir=/tmp/p1. */
const nodeArgs = option('api-node-args', 'P1_API_NODE_ARGS', '').split(' ').filter(Boolean);
/** --api-env K=V,K2=V2 (P1_API_ENV): extra environment for the API, e.g. WORKER_CONCURRENCY=1. */
const apiEnv = envOption('api-env', 'P1_API_ENV');
const PASSWORD = 'bench-demo-password';
const BOT_TOKEN = '100000001:bench-bot-token';

const cleanups = cleanupStack();

/**
 * Closed loop against `url`: `connections` keep-alive sockets for warm-up + measured seconds. Returns the
 * measured window's answers by status, the latency histogram of its 200s, and the update ids answered 200.
 */
async function load(url, headers, pids) {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latency = histogram();
  const statuses = new Map();
  const okIds = [];
  let next = 0;
  let measuring = false;
  let stopping = false;
  let cpuBefore = null;
  const one = () =>
    new Promise((resolve) => {
      const n = next++;
      const body = telegramUpdate(500_000_000 + n, 9_000_000 + (n % 500), `Hello, this is message ${n}`);
      const began = process.hrtime.bigint();
      const req = httpRequest(
        { agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.once('end', () => {
            if (measuring) {
              statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
              if (res.statusCode === 200) latency.recordValue(Number((process.hrtime.bigint() - began) / 1000n));
            }
            if (res.statusCode === 200) okIds.push(n);
            resolve();
          });
        },
      );
      req.once('error', () => {
        if (measuring) statuses.set('error', (statuses.get('error') ?? 0) + 1);
        resolve();
      });
      req.end(body);
    });
  const loops = Array.from({ length: connections }, async () => {
    while (!stopping) await one();
  });
  await new Promise((r) => setTimeout(r, warmup * 1000));
  cpuBefore = cpuSnapshot(pids);
  measuring = true;
  const began = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  measuring = false;
  const elapsed = (performance.now() - began) / 1000;
  const cpuAfter = cpuSnapshot(pids);
  stopping = true;
  await Promise.all(loops);
  agent.destroy();
  const answered = [...statuses.values()].reduce((a, b) => a + b, 0);
  return { elapsed, statuses, answered, ok: statuses.get(200) ?? 0, latency: summary(latency), okIds, cpu: cpuShares(cpuBefore, cpuAfter) };
}

function report(kind, result) {
  const rate = result.ok / result.elapsed;
  const other = [...result.statuses.entries()].filter(([s]) => s !== 200).map(([s, c]) => `${s}: ${c}`);
  line(`p1.${kind}.rate`, fmt(rate), 'messages/s', `[${result.ok} answered 200 in ${fmt(result.elapsed)} s, ${connections} connections${other.length ? `; also ${other.join(', ')}` : ''}]`);
  line(`p1.${kind}.latency_p50`, fmt(result.latency.p50), 'ms');
  line(`p1.${kind}.latency_p99`, fmt(result.latency.p99), 'ms', `[max ${fmt(result.latency.max)} ms]`);
  const c = result.cpu;
  line(`p1.${kind}.cpu`, `server ${fmt(c.pids[0] * 100)} %, postgres ${fmt(c.postgres * 100)} %, generator ${fmt(c.self * 100)} %, other ${fmt(c.other * 100)} %`, '', `[of one core; ${otherCpuNote(c.steal)}]`);
  return rate;
}

async function runBaseline(databaseUrl) {
  const secret = 'bench-secret_token';
  const { server, base } = await startBaselineWebhookServer({ databaseUrl, secret, echo, cleanups });
  note('baseline: bare Fastify + pg, one INSERT … ON CONFLICT per update');
  return load(`${base}/webhook`, { 'x-telegram-bot-api-secret-token': secret }, [server.child.pid]);
}

async function runProduct(databaseUrl) {
  const fake = await new FakeTelegram({ token: BOT_TOKEN }).start();
  cleanups.push(() => fake.stop());
  const port = await freePort(3500);
  const front = withJobs ? {} : { WORKER_CONCURRENCY: '0', EVENT_CONSUMERS: 'false' };
  const api = startChild(process.execPath, [...nodeArgs, join(root, 'apps/api/dist/main.js')], {
    env: apiEnvironment({ databaseUrl, port, password: PASSWORD }, { PUBLIC_URL: `http://127.0.0.1:${port}`, ...front, ...apiEnv }),
    echo,
    label: 'api',
  });
  cleanups.push(() => api.stop());
  const base = `http://127.0.0.1:${port}`;
  await waitForStatus(`${base}/api/health`, { alive: () => api.running });
  const signedIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.local', password: PASSWORD }) });
  const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  cleanups.push(() => db.end());
  const [{ id: departmentId }] = (await db.query('SELECT id FROM departments ORDER BY created_at LIMIT 1')).rows;
  const created = await fetch(`${base}/api/channels`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ type: 'telegram', name: 'Bench bot', departmentId, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: BOT_TOKEN } }),
  });
  if (created.status !== 201) throw new Error(`connecting the bench bot failed: ${created.status} ${await created.text()}`);
  const channel = await created.json();
  const secret = fake.webhook?.secret_token;
  if (!secret || fake.webhookUrl !== channel.webhookUrl) throw new Error('the bench bot\'s webhook was not registered with the fake');
  note(`product: channel ${channel.id}, webhook ${channel.webhookUrl}${withJobs ? ', its jobs run in the same process' : ', a front that runs no jobs'}`);
  const result = await load(channel.webhookUrl, { 'x-telegram-bot-api-secret-token': secret }, [api.child.pid]);
  const counts = async () =>
    (
      await db.query(
        `SELECT count(*)::int AS stored, count(DISTINCT event_key)::int AS keys, count(*) FILTER (WHERE state <> 'received')::int AS applied
           FROM channel_events WHERE channel_id = $1`,
        [channel.id],
      )
    ).rows[0];
  result.stored = await counts();
  if (!withJobs && drainSeconds > 0) result.drain = await drain(databaseUrl, counts);
  return result;
}

/** A worker instance (default settings) applies the front's backlog for drainSeconds: how many per second. */
async function drain(databaseUrl, counts) {
  const port = await freePort(3550);
  const worker = startChild(process.execPath, [join(root, 'apps/api/dist/main.js')], {
    env: apiEnvironment({ databaseUrl, port, password: PASSWORD }, { SEED_DEMO: 'false', ...apiEnv }),
    echo,
    label: 'worker',
  });
  cleanups.push(() => worker.stop());
  await waitForStatus(`http://127.0.0.1:${port}/api/health`, { alive: () => worker.running });
  const before = (await counts()).applied;
  const cpuBefore = cpuSnapshot([worker.child.pid]);
  const began = performance.now();
  let now = before;
  const total = (await counts()).stored;
  while (performance.now() - began < drainSeconds * 1000 && now < total) {
    await new Promise((r) => setTimeout(r, 250));
    now = (await counts()).applied;
  }
  const elapsed = (performance.now() - began) / 1000;
  const cpu = cpuShares(cpuBefore, cpuSnapshot([worker.child.pid]));
  await worker.stop();
  return { applied: now - before, left: total - now, elapsed, cpu };
}

let exitCode = 0;
try {
  const database = await createBenchDatabase(baseUrl, 'omni_bench_p1', cleanups);
  let baselineRate = null;
  if (only !== 'product') baselineRate = report('baseline', await runBaseline(database.url));
  if (only !== 'baseline') {
    const product = await runProduct(database.url);
    const rate = report('product', product);
    const { stored, keys, applied } = product.stored;
    const durable = stored === product.okIds.length && keys === stored;
    line('p1.product.stored', stored, 'events', `[${product.okIds.length} answered 200 (warm-up included), ${keys} distinct update ids; ${applied} applied by the jobs so far] ${durable ? 'PASS' : 'FAIL'}`);
    if (product.drain) {
      const d = product.drain;
      line('p1.drain.rate', fmt(d.applied / d.elapsed), 'events/s', `[a worker instance applied ${d.applied} of the backlog in ${fmt(d.elapsed)} s, ${d.left} left; not a budget: P2 measures applying]`);
      line('p1.drain.cpu', `worker ${fmt(d.cpu.pids[0] * 100)} %, postgres ${fmt(d.cpu.postgres * 100)} %, other ${fmt(d.cpu.other * 100)} %`, '', '[of one core]');
    }
    const ratePass = rate >= BUDGET_RATE;
    const p99Pass = product.latency.p99 <= BUDGET_P99_MS;
    line('p1.product.budget_rate', `${fmt(rate)} >= ${BUDGET_RATE}`, '', ratePass ? 'PASS' : 'FAIL');
    line('p1.product.budget_p99', `${fmt(product.latency.p99)} <= ${BUDGET_P99_MS} ms`, '', p99Pass ? 'PASS' : 'FAIL');
    let ratioPass = true;
    if (baselineRate) {
      const ratio = rate / baselineRate;
      ratioPass = ratio >= BUDGET_RATIO;
      line('p1.ratio', fmt(ratio), '× baseline', `(budget >= ${BUDGET_RATIO}) ${ratioPass ? 'PASS' : 'FAIL'}`);
    }
    if (!(durable && ratePass && p99Pass && ratioPass)) exitCode = EXIT_BUDGET_FAILED;
  }
} catch (error) {
  console.error(`p1 failed to run: ${error.stack ?? error.message}`);
  exitCode = EXIT_ERROR;
} finally {
  await cleanups.run();
}
process.exit(exitCode);
