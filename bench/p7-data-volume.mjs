#!/usr/bin/env node
// P7: a year of data (100,000 tickets, 1,000,000 messages; lib/year-of-data.mjs). Budgets (BUDGETS.md P7,
// issue #19): Unassigned / All chats / channel lists p95 <= 20 ms; a conversation's page p95 <= 15 ms;
// search by client name and by message text p95 <= 50 ms.
//
// Creates a database on BENCH_DATABASE_URL, starts apps/api/dist/main.js on it once (migrations and demo
// data), stops it, writes the year of data, starts the API again and, signed in as the demo operator
// (one department of five) and the demo supervisor (all five), sends each request `--requests` times one
// after another (closed loop, after 5 unmeasured ones), each with a varied argument where it has one.
// Prints per case p50/p95/p99/max in ms, the rows and bytes of an answer, and the CPU of the API,
// PostgreSQL and everything else on the machine over the measured part. Every answer must be 200.
// Options (flag / env): --requests P7_REQUESTS (200), --tickets P7_TICKETS (100000), --messages
// P7_MESSAGES (1000000), --reuse NAME (a database kept by an earlier --keep-db run: no generation),
// --keep-db, --echo, --only REGEX (only the cases whose name matches), --profile DIR (the API under
// --cpu-prof into DIR, written when it stops: with --only, one case's profile), BENCH_DATABASE_URL.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { apiEnvironment, cleanupStack, createBenchDatabase, databaseUrlOf } from './lib/bench-run.mjs';
import { cpuShares, cpuSnapshot, otherCpuNote } from './lib/cpu.mjs';
import { generateYear } from './lib/year-of-data.mjs';
import { EXIT_BUDGET_FAILED, EXIT_ERROR, flag, fmt, freePort, histogram, line, note, option, root, startChild, summary, waitForStatus } from './lib/util.mjs';

const requests = Number(option('requests', 'P7_REQUESTS', '200'));
const tickets = Number(option('tickets', 'P7_TICKETS', '100000'));
const messages = Number(option('messages', 'P7_MESSAGES', '1000000'));
const reuse = option('reuse', 'P7_REUSE', '');
const baseUrl = option('database-url', 'BENCH_DATABASE_URL', 'postgresql://postgres@127.0.0.1:5432/postgres');
const echo = flag('echo');
const only = option('only', 'P7_ONLY', '');
const profileDir = option('profile', 'P7_PROFILE_DIR', '');
const apiMain = join(root, 'apps/api/dist/main.js');
const PASSWORD = 'bench-demo-password';
const BUDGET = { list: 20, conversation: 15, search: 50 };

const cleanups = cleanupStack();

async function startApi(url) {
  const port = await freePort(3600);
  const env = apiEnvironment({ databaseUrl: url, port, password: PASSWORD }, { SIGNIN_RATE_LIMIT: '100000' });
  const nodeArgs = [];
  if (profileDir) {
    mkdirSync(profileDir, { recursive: true });
    nodeArgs.push('--cpu-prof', '--cpu-prof-dir', profileDir);
  }
  const api = startChild(process.execPath, [...nodeArgs, apiMain], { env, echo, label: `api:${port}` });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForStatus(`${base}/api/health`, { timeoutMs: 120_000, alive: () => api.running });
  } catch (error) {
    await api.stop();
    throw new Error(`${error.message}\n--- API output ---\n${api.tail()}`);
  }
  return { api, base };
}

async function signIn(base, email) {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('omni_session='));
  if (!cookie) throw new Error(`sign-in of ${email}: HTTP ${response.status} ${await response.text()}`);
  return cookie;
}

/** Sample arguments from the data: what people would look for. */
async function samples(db) {
  const pick = async (statement) => (await db.query(statement)).rows;
  return {
    // Conversations the demo operator may open (their department, live and closed).
    operatorTickets: (await pick(`SELECT t.id FROM tickets t JOIN departments d ON d.id = t.department_id
      WHERE d.name = 'Support' ORDER BY hashtext(t.id::text) LIMIT 400`)).map((r) => r.id),
    anyTickets: (await pick(`SELECT id FROM tickets ORDER BY hashtext(id::text) LIMIT 400`)).map((r) => r.id),
    // Part of a client's name as typed: a surname, a first name with the start of a surname.
    names: (await pick(`SELECT name FROM clients ORDER BY hashtext(id::text) LIMIT 200`)).map((r, i) => {
      const [first, last] = r.name.split(' ');
      return i % 2 ? last : `${first} ${last.slice(0, 3)}`;
    }),
    phones: (await pick(`SELECT phone FROM clients WHERE phone IS NOT NULL ORDER BY hashtext(id::text) LIMIT 200`)).map((r) => r.phone.slice(-7)),
    numbers: (await pick(`SELECT number FROM tickets ORDER BY hashtext(id::text) LIMIT 200`)).map((r) => String(r.number)),
  };
}

const percentile = (h) => summary(h);

async function measure(base, cookie, name, paths, { count = requests } = {}) {
  const h = histogram();
  let bytes = 0;
  let rows = 0;
  let errors = 0;
  let firstError = '';
  for (let i = -5; i < count; i++) {
    const path = paths[(i + 5) % paths.length];
    const began = performance.now();
    const response = await fetch(`${base}/api${path}`, { headers: { cookie } });
    const text = await response.text();
    const ms = performance.now() - began;
    if (response.status !== 200) {
      errors++;
      firstError ||= `${path}: ${response.status} ${text.slice(0, 200)}`;
      continue;
    }
    if (i < 0) continue;
    h.recordValue(Math.max(1, Math.round(ms * 1000)));
    bytes += text.length;
    const body = JSON.parse(text);
    rows += Array.isArray(body.items) ? body.items.length : 1;
  }
  const s = percentile(h);
  line(`p7.${name}.p50`, fmt(s.p50), 'ms');
  line(`p7.${name}.p95`, fmt(s.p95), 'ms');
  line(`p7.${name}.p99`, fmt(s.p99), 'ms');
  line(`p7.${name}.max`, fmt(s.max), 'ms');
  line(`p7.${name}.rows`, fmt(rows / Math.max(1, s.count)), 'per answer', `(${fmt(bytes / Math.max(1, s.count) / 1000)} KB)`);
  if (errors) {
    line(`p7.${name}.errors`, errors);
    note(`${name}: ${firstError}`);
  }
  return { ...s, errors };
}

const enc = encodeURIComponent;

async function main() {
  const { url } = reuse
    ? { url: databaseUrlOf(baseUrl, reuse) }
    : await createBenchDatabase(baseUrl, 'omni_bench_p7', cleanups, { keep: flag('keep-db'), keptNote: (name) => `run again with --reuse ${name}` });
  if (!reuse) {
    note('first start: migrations and demo data');
    const first = await startApi(url);
    await first.api.stop();
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    note(`writing ${tickets} tickets and ${messages} messages`);
    const made = await generateYear(db, { tickets, messages, log: (l) => note(l) });
    await db.end();
    line('p7.data.tickets', made.tickets);
    line('p7.data.messages', made.messages);
    line('p7.data.clients', made.clients);
    line('p7.data.live', made.live, '', `(${made.unassigned} unassigned)`);
    line('p7.data.size', made.size);
    line('p7.data.generated_in', fmt(made.seconds), 's');
  }

  const { api, base } = await startApi(url);
  cleanups.push(() => api.stop());
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  cleanups.push(() => db.end());
  const s = await samples(db);
  const operator = await signIn(base, 'operator@demo.local');
  const supervisor = await signIn(base, 'supervisor@demo.local');

  // A second page of Unassigned: the first page's cursor.
  const first = await (await fetch(`${base}/api/tickets?view=unassigned&limit=100`, { headers: { cookie: supervisor } })).json();
  const results = {};
  const before = cpuSnapshot([api.child.pid]);
  const chosen = only ? new RegExp(only) : null;
  const run = async (key, cookie, paths, kind) => {
    if (!chosen || chosen.test(key)) results[key] = { ...(await measure(base, cookie, key, paths)), kind };
  };

  await run('unassigned.operator', operator, ['/tickets?view=unassigned'], 'list');
  await run('unassigned.supervisor', supervisor, ['/tickets?view=unassigned'], 'list');
  if (first.nextCursor) await run('unassigned.page2', supervisor, [`/tickets?view=unassigned&limit=100&cursor=${enc(first.nextCursor)}`], 'list');
  await run('all_chats.operator', operator, ['/tickets?view=mine'], 'list');
  await run('all_chats.supervisor', supervisor, ['/tickets?view=mine'], 'list');
  await run('channel_tab.operator', operator, ['/tickets?view=channel&channel=telegram', '/tickets?view=channel&channel=widget'], 'list');
  await run('channel_tab.supervisor', supervisor, ['/tickets?view=channel&channel=telegram', '/tickets?view=channel&channel=vk'], 'list');
  await run('conversation.operator', operator, s.operatorTickets.map((id) => `/tickets/${id}/messages?limit=50`), 'conversation');
  await run('conversation.supervisor', supervisor, s.anyTickets.map((id) => `/tickets/${id}/messages?limit=50`), 'conversation');
  await run('ticket_detail.supervisor', supervisor, s.anyTickets.map((id) => `/tickets/${id}`), 'other');
  await run('previous.supervisor', supervisor, s.anyTickets.map((id) => `/tickets/${id}/previous`), 'other');
  await run('ticket_list.operator', operator, ['/tickets/search'], 'list');
  await run('ticket_list.supervisor', supervisor, ['/tickets/search', '/tickets/search?status=completed', '/tickets/search?live=true'], 'list');
  await run('search_name.operator', operator, s.names.map((q) => `/tickets/search?q=${enc(q)}`), 'search');
  await run('search_name.supervisor', supervisor, s.names.map((q) => `/tickets/search?q=${enc(q)}`), 'search');
  await run('search_phone.supervisor', supervisor, s.phones.map((q) => `/tickets/search?q=${enc(q)}`), 'search');
  await run('search_number.supervisor', supervisor, s.numbers.map((q) => `/tickets/search?q=${enc(q)}`), 'search');
  const orderNumbers = Array.from({ length: 200 }, (_, i) => 1000 + ((i * 7919) % 9000));
  await run('search_text_rare.operator', operator, orderNumbers.map((n) => `/tickets/search/messages?q=${enc(`order ${n}`)}`), 'search');
  await run('search_text_rare.supervisor', supervisor, orderNumbers.map((n) => `/tickets/search/messages?q=${enc(`заказ ${n}`)}`), 'search');
  await run('search_text_common.supervisor', supervisor, ['доставка', 'order', 'refund', 'заказы', 'карта оплата', 'helmet'].map((q) => `/tickets/search/messages?q=${enc(q)}`), 'search');
  // Bounded work for any text: long, odd alphabets, wildcards, one character.
  const hostile = ['%', '_', 'a', 'я', '%%%%%%%%', 'x'.repeat(200), '🚲'.repeat(50), 'ـ'.repeat(120), '\\', "' OR 1=1 --", 'a b c d e f g h i j k l m n o p'];
  await run('search_hostile.supervisor', supervisor, hostile.flatMap((q) => [`/tickets/search?q=${enc(q)}`, `/tickets/search/messages?q=${enc(q)}`]), 'search');
  const after = cpuSnapshot([api.child.pid]);

  const cpu = cpuShares(before, after);
  line('p7.api_cpu', Math.round(cpu.pids[0] * 100), '% of one core');
  line('p7.postgres_cpu', Math.round(cpu.postgres * 100), '% of one core');
  line('p7.generator_cpu', Math.round(cpu.self * 100), '% of one core');
  line('p7.other_cpu', Math.round(cpu.other * 100), '% of one core', otherCpuNote(cpu.steal));

  // SLA-2's sweep, as the API runs it every few seconds: work in proportion to what is due.
  const explained = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM tickets
    WHERE live AND first_replied_at IS NULL AND first_reply_due < now() AND NOT ('first-reply' = ANY(sla_breached))`);
  line('p7.sla_sweep_query', fmt(explained.rows[0]['QUERY PLAN'][0]['Execution Time']), 'ms');

  const failed = [];
  let errors = 0;
  for (const [key, r] of Object.entries(results)) {
    errors += r.errors;
    const budget = BUDGET[r.kind];
    if (budget !== undefined && r.p95 > budget) failed.push(`${key} p95 ${fmt(r.p95)} > ${budget} ms`);
  }
  if (errors) failed.push(`${errors} answers were not 200`);
  line('p7.budget', failed.length ? 'FAIL' : 'PASS', '', failed.length ? `(${failed.join('; ')})` : '(lists p95 <= 20 ms, conversation p95 <= 15 ms, search p95 <= 50 ms)');
  if (only) note(`--only ${only}: ${Object.keys(results).length} cases measured, the budget judged on those`);
  if (profileDir) note(`CPU profile of the API in ${profileDir} (written when it stops)`);
  return failed.length ? EXIT_BUDGET_FAILED : 0;
}

let code = EXIT_ERROR;
try {
  code = await main();
} catch (error) {
  note(`P7 could not run: ${error.stack ?? error}`);
} finally {
  await cleanups.run();
}
process.exit(code);
