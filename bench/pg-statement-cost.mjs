#!/usr/bin/env node
// What one client message costs PostgreSQL, statement by statement, without sockets or Node in the figure
// (issue #19 point 1: PostgreSQL CPU per message within 2x the baseline's).
//
// Starts the built API once on a fresh database (migrations, demo data), opens `--tickets` widget tickets
// through the HTTP API, stops the API, then on one connection runs, in alternating rounds:
//   baseline  the bare socket.io + pg baseline's statement (lib/baseline-server.mjs): one INSERT, autocommit;
//   append    the product's client-message statement, exactly as the API prepares it (APPEND_TO_LIVE_TICKET).
// The figure is that backend's own CPU (utime + stime from /proc/<pid>/stat) per statement, plus the CPU
// of all postgres processes (WAL writer, checkpointer…) per statement; the median round is printed.
// The backend must run on this machine (it reads /proc). Options: --statements N per round (4000),
// --rounds N (5), --tickets N (200), BENCH_DATABASE_URL, --echo, --keep-db. It prints the machine's other CPU
// over the rounds, so a noisy run shows.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { BASELINE_INSERT, BASELINE_TABLE } from './lib/baseline-statement.mjs';
import { apiEnvironment, cleanupStack, createBenchDatabase } from './lib/bench-run.mjs';
import { TICKS_PER_SECOND, cpuShares, cpuSnapshot, cpuTicks, otherCpuNote, ticksByName, ticksDelta } from './lib/cpu.mjs';
import { mapLimit } from './lib/open-loop.mjs';
import { EXIT_ERROR, flag, fmt, freePort, line, note, option, root, startChild, waitForStatus } from './lib/util.mjs';

const perRound = Number(option('statements', 'COST_STATEMENTS', '4000'));
const rounds = Number(option('rounds', 'COST_ROUNDS', '5'));
const ticketCount = Number(option('tickets', 'COST_TICKETS', '200'));
const baseUrl = option('database-url', 'BENCH_DATABASE_URL', 'postgresql://postgres@127.0.0.1:5432/postgres');
const echo = flag('echo');
if (!(perRound > 0) || !(rounds > 0) || !(ticketCount > 0)) {
  console.error('usage: pg-statement-cost.mjs [--statements 4000] [--rounds 5] [--tickets 200]');
  process.exit(EXIT_ERROR);
}

const requireFromApi = createRequire(join(root, 'apps/api/package.json'));
const { APPEND_TO_LIVE_TICKET } = requireFromApi(join(root, 'apps/api/dist/modules/tickets/commands/client-message.command.js'));
const BASELINE = { name: 'bench_baseline_insert', text: BASELINE_INSERT };

const cleanups = cleanupStack();

/** The API once: it migrates and seeds the database; each widget visitor's first message opens a live ticket. */
async function openTickets(databaseUrl) {
  const port = await freePort(3300);
  const base = `http://127.0.0.1:${port}`;
  const env = apiEnvironment({ databaseUrl, port, password: 'bench-demo-password' }, { WIDGET_SESSION_RATE_LIMIT: '100000' });
  const api = startChild(process.execPath, [join(root, 'apps/api/dist/main.js')], { env, echo, label: 'api' });
  try {
    await waitForStatus(`${base}/api/health`, { timeoutMs: 60_000, alive: () => api.running });
    await mapLimit(Array.from({ length: ticketCount }), 10, async () => {
      const session = await fetch(`${base}/api/widget/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: 'demo' }) });
      if (session.status !== 201) throw new Error(`POST /api/widget/sessions: HTTP ${session.status} ${await session.text()}`);
      const { token } = await session.json();
      const sent = await fetch(`${base}/api/widget/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ body: 'Hello, I need help', clientMsgId: randomUUID() }),
      });
      if (sent.status !== 201) throw new Error(`POST /api/widget/messages: HTTP ${sent.status} ${await sent.text()}`);
    });
  } catch (error) {
    throw new Error(`${error.message}\n--- API output ---\n${api.tail()}`);
  } finally {
    await api.stop();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const database = await createBenchDatabase(baseUrl, 'omni_cost', cleanups, { keep: flag('keep-db') });
  note(`database ${database.name}`);
  await openTickets(database.url);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  cleanups.push(() => client.end());
  await client.query(BASELINE_TABLE);
  const { rows: tickets } = await client.query('SELECT client_id, channel_id FROM tickets WHERE live');
  if (tickets.length !== ticketCount) throw new Error(`expected ${ticketCount} live tickets, found ${tickets.length}`);
  const backend = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  note(`${tickets.length} live tickets; backend pid ${backend}`);

  const backendTicks = () => {
    const ticks = cpuTicks(backend);
    if (!ticks) throw new Error(`cannot read /proc/${backend}/stat: the database must run on this machine`);
    return ticks.user + ticks.system;
  };
  let n = 0;
  const statements = {
    baseline: async () => {
      const t = tickets[n++ % tickets.length];
      await client.query({ ...BASELINE, values: [t.client_id, `Message ${n} about order 4411`, randomUUID()] });
    },
    append: async () => {
      const t = tickets[n++ % tickets.length];
      const result = await client.query({ ...APPEND_TO_LIVE_TICKET, values: [t.client_id, t.channel_id, `Message ${n} about order 4411`, randomUUID(), null] });
      if (result.rowCount !== 1) throw new Error('the append statement stored nothing (no live ticket?)');
    },
  };
  const figures = { baseline: { backend: [], postgres: [], wall: [] }, append: { backend: [], postgres: [], wall: [] } };
  for (const run of Object.values(statements)) for (let i = 0; i < 300; i++) await run(); // plans, caches
  const measuredFrom = cpuSnapshot();
  for (let round = 0; round < rounds; round++) {
    for (const [label, run] of Object.entries(statements)) {
      const backendBefore = backendTicks();
      const postgresBefore = ticksByName('postgres');
      const began = performance.now();
      for (let i = 0; i < perRound; i++) await run();
      const wall = performance.now() - began;
      const msPer = (ticks) => (ticks * 1000) / TICKS_PER_SECOND / perRound;
      figures[label].backend.push(msPer(backendTicks() - backendBefore));
      figures[label].postgres.push(msPer(ticksDelta(postgresBefore, ticksByName('postgres'))));
      figures[label].wall.push(wall / perRound);
    }
  }
  const cpu = cpuShares(measuredFrom, cpuSnapshot());
  for (const [label, f] of Object.entries(figures)) {
    line(`cost.${label}.backend_cpu_per_statement`, fmt(median(f.backend)), 'ms', `(rounds ${f.backend.map(fmt).join(', ')})`);
    line(`cost.${label}.postgres_cpu_per_statement`, fmt(median(f.postgres)), 'ms');
    line(`cost.${label}.wall_per_statement`, fmt(median(f.wall)), 'ms');
  }
  line('cost.other_cpu', fmt(cpu.other * 100), '% of one core', otherCpuNote(cpu.steal, 'everything but PostgreSQL and this script over the rounds'));
  line('cost.append_to_baseline_ratio', fmt(median(figures.append.postgres) / median(figures.baseline.postgres)), '', '(all postgres processes)');
}

main()
  .catch((error) => {
    note(`failed: ${error.stack ?? error.message}`);
    process.exitCode = EXIT_ERROR;
  })
  .finally(() => cleanups.run());
