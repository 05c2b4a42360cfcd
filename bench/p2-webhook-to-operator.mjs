#!/usr/bin/env node
// P2: a messenger webhook received → the message in an operator's socket, with 5,000 idle widget sockets
// connected to the same API. Budget: at 200 msg/s p50 <= 10 ms and p99 <= 50 ms; at 1,000 msg/s p99 <= 100 ms.
//
// Connects a Telegram channel through the API against the fake Telegram (libs/fake-platforms), opens the
// idle widget sockets from child processes (lib/socket-holder.mjs), lets `chats` Telegram clients write a
// first message (one live ticket each) and an operator watch those tickets over socket.io. Then an open
// loop POSTs Telegram updates of those chats to the webhook at a constant rate; latency = the POST written
// → the operator's socket receiving `message:created` with that text (verification, durable store, the
// job that appends it through the ticket commands, the event fan-out). Updates that never arrive within
// 10 s count as lost. Then the same rates run against a bare pipeline (Fastify + pg + socket.io: verify,
// one INSERT, emit) with as many idle sockets, and the product/baseline ratios are printed.
// Options (flag / env): --rates P2_RATES (200,1000) --duration P2_DURATION (20 s) --warmup P2_WARMUP (3 s)
// --widgets P2_WIDGETS (5000) --spread P2_SPREAD (20 s) --chats P2_CHATS (50) --api-node-args P2_API_NODE_ARGS --api-env P2_API_ENV --trace (where the slowest messages waited) --no-baseline --echo, BENCH_DATABASE_URL.
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { FakeTelegram } from '@omnichannel/fake-platforms';
import pg from 'pg';
import { apiEnvironment, cleanupStack, createBenchDatabase, startBaselineWebhookServer } from './lib/bench-run.mjs';
import { cpuShares, cpuSnapshot, otherCpuNote } from './lib/cpu.mjs';
import { connectSocket, emitWithAck, mapLimit } from './lib/open-loop.mjs';
import { startHolders } from './lib/socket-holders.mjs';
import { telegramUpdate } from './lib/telegram-update.mjs';
import { envOption, EXIT_BUDGET_FAILED, EXIT_ERROR, flag, fmt, freePort, histogram, line, note, option, root, sleep, startChild, summary, waitForStatus } from './lib/util.mjs';

const BUDGETS = { 200: { p50: 10, p99: 50 }, 1000: { p99: 100 } };
const rates = option('rates', 'P2_RATES', '200,1000').split(',').map(Number).filter((r) => r > 0);
const durationMs = Number(option('duration', 'P2_DURATION', '20')) * 1000;
const warmupMs = Number(option('warmup', 'P2_WARMUP', '3')) * 1000;
const widgetCount = Number(option('widgets', 'P2_WIDGETS', '5000'));
const chats = Number(option('chats', 'P2_CHATS', '50'));
/**
 * The widget sockets connect evenly over this many seconds (--spread P2_SPREAD, 20: the API's ping interval),
 * as visitors arrive over time. Opened all at once, their heartbeats fall due together every 20 s, and the
 * seconds of that wave stall the API for 100–300 ms (measured): a pattern a real site has only after every
 * visitor reconnected at once (P10).
 */
const spreadMs = Number(option('spread', 'P2_SPREAD', '20')) * 1000;
const baseUrl = option('database-url', 'BENCH_DATABASE_URL', 'postgresql://postgres@127.0.0.1:5432/postgres');
const echo = flag('echo');
const trace = flag('trace');
const withBaseline = !flag('no-baseline');
/** --api-node-args "…" (P2_API_NODE_ARGS): Node options for the API, e.g. --trace-gc (its output shows with --echo). */
const nodeArgs = option('api-node-args', 'P2_API_NODE_ARGS', '').split(' ').filter(Boolean);
/** --api-env K=V,K2=V2 (P2_API_ENV): extra environment for the API. */
const apiEnv = envOption('api-env', 'P2_API_ENV');
const PASSWORD = 'bench-demo-password';
const BOT_TOKEN = '100000001:bench-bot-token';
const LOST_AFTER_MS = 10_000;

const cleanups = cleanupStack();

/** This process's own event-loop stalls over 30 ms (a stalled generator delays what it receives too). */
const ownStalls = [];
let lastTick = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - lastTick - 10 > 30) ownStalls.push({ at: lastTick, ms: now - lastTick - 10 });
  lastTick = now;
}, 10).unref();
let updateId = 700_000_000;

function update(chat, text) {
  updateId++;
  return telegramUpdate(updateId, chat, text);
}

async function call(base, method, path, { cookie, body } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return { json: text ? JSON.parse(text) : null, response };
}

/** The idle widget sockets, held by child processes (one process may hold at most ~5,000: the open-file limit). */
async function holdWidgets(base, tokens) {
  const clients = tokens.map((visitorToken) => ({ auth: { visitorToken } }));
  const holders = startHolders(Math.max(1, Math.ceil(clients.length / 4000)), cleanups);
  const opened = await Promise.all(
    holders.map((h, i) => {
      const done = h.next('opened');
      h.child.send({ type: 'open', url: base, clients: clients.filter((_, j) => j % holders.length === i), concurrency: 25, spreadMs });
      return done;
    }),
  );
  return {
    connected: opened.reduce((n, o) => n + o.connected, 0),
    failed: opened.reduce((n, o) => n + o.failed, 0),
    close: () => holders.forEach((h) => h.child.kill('SIGKILL')),
  };
}

/** One rate: open loop for warm-up + duration, each update timed from its POST to the operator's socket. */
/**
 * --trace: for the slowest messages, when each stage happened by PostgreSQL's clock (same machine): the
 * webhook's transaction (received_at), the message's append (created_at), the job's end (applied_at).
 */
async function traceSlow(db, slowOnes) {
  const worst = slowOnes.sort((a, b) => b.heardAt - b.sentAt - (a.heardAt - a.sentAt)).slice(0, 12);
  const { rows } = await db.query(
    `SELECT e.event->>'text' AS text, extract(epoch FROM e.received_at) * 1000 AS received, extract(epoch FROM m.created_at) * 1000 AS created,
            extract(epoch FROM e.applied_at) * 1000 AS applied
       FROM channel_events e LEFT JOIN messages m ON m.body = e.event->>'text' WHERE e.event->>'text' = ANY($1)`,
    [worst.map((w) => w.text)],
  );
  const byText = new Map(rows.map((r) => [r.text, r]));
  for (const w of worst) {
    const r = byText.get(w.text);
    if (!r) continue;
    const at = (t) => `${Math.round(Number(t) - w.sentAt)}`;
    note(`slow ${w.text} (${Math.round(w.heardAt - w.sentAt)} ms): stored +${at(r.received)}, appended +${at(r.created)}, job done +${at(r.applied)}, heard +${Math.round(w.heardAt - w.sentAt)} [ms after the POST, at ${new Date(w.sentAt).toISOString().slice(11, 23)}]`);
  }
}

async function runRate({ webhookUrl, secret, operator, chatIds, rate, apiPid, db }) {
  const target = new URL(webhookUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latency = histogram();
  const pending = new Map();
  let statusErrors = 0;
  let measured = 0;
  let received = 0;
  const onMessage = (message) => {
    const record = message?.kind === 'client' && pending.get(message.body);
    if (!record) return;
    pending.delete(message.body);
    if (record.counted) {
      received++;
      const ms = performance.now() - record.t0;
      latency.recordValue(Math.max(1, Math.round(ms * 1000)));
      const second = Math.floor((record.t0 - measureFrom) / 1000);
      const s = (seconds[second] ??= { worst: 0, slow: 0 });
      s.worst = Math.max(s.worst, ms);
      if (ms > 20) s.slow++;
      if (trace && ms > 50) slowOnes.push({ text: message.body, sentAt: Date.now() - ms, heardAt: Date.now() });
    }
  };
  operator.on('message:created', onMessage);
  /** Per measured second (by the POST's time): the worst latency and how many took over 20 ms. */
  const seconds = [];
  /** With --trace: the messages over 50 ms, to see which stage held them. */
  const slowOnes = [];
  const interval = 1000 / rate;
  const total = Math.round((rate * (warmupMs + durationMs)) / 1000);
  const began = performance.now();
  const measureFrom = began + warmupMs;
  let cpuBefore = null;
  for (let i = 0; i < total; i++) {
    const due = began + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (cpuBefore === null && due >= measureFrom) cpuBefore = cpuSnapshot([apiPid]);
    const text = `p2 ${rate} ${i}`;
    const counted = due >= measureFrom;
    if (counted) measured++;
    const body = update(chatIds[i % chatIds.length], text);
    pending.set(text, { t0: performance.now(), counted });
    const req = httpRequest(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': secret },
      },
      (res) => {
        res.resume();
        if (res.statusCode !== 200) statusErrors++;
      },
    );
    req.once('error', () => statusErrors++);
    req.end(body);
  }
  const cpuAfter = cpuSnapshot([apiPid]);
  const deadline = performance.now() + LOST_AFTER_MS;
  while ([...pending.values()].some((r) => r.counted) && performance.now() < deadline) await sleep(50);
  operator.off('message:created', onMessage);
  agent.destroy();
  if (trace && db && slowOnes.length) await traceSlow(db, slowOnes);
  const stalled = ownStalls.filter((x) => x.at >= measureFrom).map((x) => `${Math.floor((x.at - measureFrom) / 1000)}: ${Math.round(x.ms)} ms`);
  if (stalled.length) note(`rate ${rate}: the generator's own event loop stalled (second: length): ${stalled.join(', ')}`);
  note(`rate ${rate}, measured from ${new Date(Date.now() - (performance.now() - measureFrom)).toISOString()}, per second: worst ms / over 20 ms: ${seconds.map((x) => (x ? `${Math.round(x.worst)}/${x.slow}` : '-')).join(' ')}`);
  return { rate, measured, received, lost: measured - received, statusErrors, latency: summary(latency), cpu: cpuShares(cpuBefore, cpuAfter) };
}

/** The same rates against the bare pipeline (lib/baseline-webhook-server.mjs with its sockets), and the ratios. */
async function runBaseline(databaseUrl, chatIds, productResults) {
  const secret = 'bench-baseline-secret';
  const { server, base } = await startBaselineWebhookServer({ databaseUrl, secret, sockets: true, echo, cleanups });
  const widgets = await holdWidgets(base, Array.from({ length: widgetCount }, (_, i) => `bench-visitor-${i}`));
  const operator = await connectSocket(base, { auth: { operator: true } });
  cleanups.push(async () => operator.close());
  note(`baseline: bare Fastify + pg + socket.io, ${widgets.connected} idle widget sockets`);
  await sleep(2000);
  for (const rate of rates) {
    const r = await runRate({ webhookUrl: `${base}/webhook`, secret, operator, chatIds, rate, apiPid: server.child.pid, db: null });
    const product = productResults.get(rate);
    line(`p2.rate_${rate}.baseline.webhook_to_operator_p50`, fmt(r.latency.p50), 'ms');
    line(`p2.rate_${rate}.baseline.webhook_to_operator_p99`, fmt(r.latency.p99), 'ms', `[max ${fmt(r.latency.max)} ms; ${r.received} of ${r.measured} arrived]`);
    line(`p2.rate_${rate}.baseline.cpu`, `server ${fmt(r.cpu.pids[0] * 100)} %, postgres ${fmt(r.cpu.postgres * 100)} %, other ${fmt(r.cpu.other * 100)} %`, '', '[of one core]');
    if (product) {
      line(`p2.rate_${rate}.p50_ratio`, fmt(product.latency.p50 / r.latency.p50), '× baseline');
      line(`p2.rate_${rate}.p99_ratio`, fmt(product.latency.p99 / r.latency.p99), '× baseline');
    }
    await sleep(3000);
  }
  operator.close();
  widgets.close();
}

let exitCode = 0;
try {
  const database = await createBenchDatabase(baseUrl, 'omni_bench_p2', cleanups);
  const fake = await new FakeTelegram({ token: BOT_TOKEN }).start();
  cleanups.push(() => fake.stop());
  const port = await freePort(3500);
  const base = `http://127.0.0.1:${port}`;
  const api = startChild(process.execPath, [...nodeArgs, join(root, 'apps/api/dist/main.js')], {
    env: apiEnvironment({ databaseUrl: database.url, port, password: PASSWORD }, { PUBLIC_URL: base, WIDGET_SESSION_RATE_LIMIT: '1000000', SIGNIN_RATE_LIMIT: '1000', ...apiEnv }),
    echo,
    label: 'api',
  });
  cleanups.push(() => api.stop());
  await waitForStatus(`${base}/api/health`, { alive: () => api.running });
  const signedIn = await call(base, 'POST', '/api/auth/sign-in', { body: { email: 'supervisor@demo.local', password: PASSWORD } });
  const cookie = (signedIn.response.headers.get('set-cookie') ?? '').split(';')[0];
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  cleanups.push(() => db.end());
  const [{ id: departmentId }] = (await db.query('SELECT id FROM departments ORDER BY created_at LIMIT 1')).rows;
  const { json: channel } = await call(base, 'POST', '/api/channels', {
    cookie,
    body: { type: 'telegram', name: 'Bench bot', departmentId, settings: { apiBaseUrl: fake.baseUrl }, secrets: { botToken: BOT_TOKEN } },
  });
  const secret = fake.webhook?.secret_token;
  if (!secret) throw new Error('the bench bot\'s webhook was not registered with the fake');

  note(`opening ${widgetCount} idle widget sockets`);
  const tokens = await mapLimit(Array.from({ length: widgetCount }), 20, async () => (await call(base, 'POST', '/api/widget/sessions', { body: { key: 'demo' } })).json.token);
  const widgets = await holdWidgets(base, tokens);
  if (widgets.failed) note(`${widgets.failed} widget sockets failed to connect`);

  const chatIds = Array.from({ length: chats }, (_, i) => 8_000_000 + i);
  for (const chat of chatIds) await fetch(channel.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: update(chat, `first ${chat}`) });
  let tickets = [];
  for (const started = Date.now(); tickets.length < chats && Date.now() - started < 60_000; await sleep(200)) {
    tickets = (await db.query('SELECT id FROM tickets WHERE channel_id = $1', [channel.id])).rows;
  }
  if (tickets.length < chats) throw new Error(`only ${tickets.length} of ${chats} first messages became tickets`);
  const operator = await connectSocket(base, { extraHeaders: { cookie } });
  cleanups.push(async () => operator.close());
  for (const { id } of tickets) await emitWithAck(operator, 'ticket:watch', { ticketId: id });
  note(`${widgets.connected} widget sockets held, ${chats} Telegram chats with a live ticket each, an operator watching them`);
  await sleep(2000);

  line('p2.setup', `${widgets.connected} idle widget sockets, ${chats} chats`, '', `[open loop, ${warmupMs / 1000} s warm-up, ${durationMs / 1000} s measured per rate; generator, API and PostgreSQL on this machine]`);
  const results = new Map();
  for (const rate of rates) {
    const r = await runRate({ webhookUrl: channel.webhookUrl, secret, operator, chatIds, rate, apiPid: api.child.pid, db });
    results.set(rate, r);
    const budget = BUDGETS[rate];
    const checks = [];
    if (budget?.p50 !== undefined) checks.push(r.latency.p50 <= budget.p50);
    if (budget?.p99 !== undefined) checks.push(r.latency.p99 <= budget.p99);
    checks.push(r.lost === 0 && r.statusErrors === 0);
    const pass = checks.every(Boolean);
    if (budget && !pass) exitCode = EXIT_BUDGET_FAILED;
    const budgetText = budget ? `(budget ${budget.p50 !== undefined ? `p50 <= ${budget.p50} ms, ` : ''}p99 <= ${budget.p99} ms) ${pass ? 'PASS' : 'FAIL'}` : '';
    line(`p2.rate_${rate}.webhook_to_operator_p50`, fmt(r.latency.p50), 'ms');
    line(`p2.rate_${rate}.webhook_to_operator_p99`, fmt(r.latency.p99), 'ms', `[max ${fmt(r.latency.max)} ms; ${r.received} of ${r.measured} arrived, ${r.lost} lost, ${r.statusErrors} non-200] ${budgetText}`);
    const c = r.cpu;
    line(`p2.rate_${rate}.cpu`, `api ${fmt(c.pids[0] * 100)} %, postgres ${fmt(c.postgres * 100)} %, generator ${fmt(c.self * 100)} %, other ${fmt(c.other * 100)} %`, '', `[of one core; ${otherCpuNote(c.steal)}]`);
    await sleep(3000);
  }
  if (withBaseline) {
    // The product and its sockets go first: the baseline gets the machine to itself, as the product had.
    operator.close();
    widgets.close();
    await api.stop();
    await runBaseline(database.url, chatIds, results);
  }
} catch (error) {
  console.error(`p2 failed to run: ${error.stack ?? error.message}`);
  exitCode = EXIT_ERROR;
} finally {
  await cleanups.run();
}
process.exit(exitCode);
