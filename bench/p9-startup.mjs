#!/usr/bin/env node
// P9: the run command serves requests within 15 s on an installed checkout, embedded PostgreSQL included.
//
// (a) first start: the command with a fresh temporary DATA_DIR (embedded PostgreSQL initdb, migrations,
//     demo seed); (b) warm start: the same command again on the DATA_DIR (a) left. For each, the time from
//     spawn to the first 200 of GET /api/health and of GET /. DATABASE_URL is removed from the child's
//     environment so the embedded PostgreSQL is used. Between runs the process gets SIGTERM and the bench
//     waits for it to exit (so PostgreSQL stops); the temporary DATA_DIR is removed at the end.
// Options: --command P9_COMMAND (default "node scripts/start.mjs", what `npm start` runs; e.g.
// "node apps/api/dist/main.js" times the API alone), --timeout P9_TIMEOUT_S (60), --echo,
// --no-prebuild: by default, when the command is scripts/start.mjs, `node scripts/build.mjs` runs first
// (not timed) so the timed starts find a built checkout and measure start-up, not a rebuild of sources
// that changed since the last build.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_BUDGET_FAILED, EXIT_ERROR, flag, fmt, freePort, line, note, option, root, sleep, startChild } from './lib/util.mjs';

const BUDGET_S = 15;
const command = option('command', 'P9_COMMAND', 'node scripts/start.mjs');
const timeoutMs = Number(option('timeout', 'P9_TIMEOUT_S', '60')) * 1000;
const echo = flag('echo');
const [bin, ...args] = command.trim().split(/\s+/);
const executable = bin === 'node' ? process.execPath : bin;
const isStartScript = /(^|\s)scripts\/start\.mjs(\s|$)/.test(command);
const label = isStartScript ? `npm start (${command})` : command;
const prebuild = isStartScript && !flag('no-prebuild');

const dataDir = mkdtempSync(join(tmpdir(), 'omni-p9-'));
// Our own temporary directory, opened (mkdtemp makes it 0700) so that as root, too, the embedded cluster
// lives inside it (its OS user `postgres` can reach it) and goes when it is removed.
chmodSync(dataDir, 0o755);
let current = null;
async function cleanup() {
  if (current) await current.stop(30_000);
  await stopLeftoverPostgres(0);
  rmSync(dataDir, { recursive: true, force: true });
}
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    void cleanup().finally(() => process.exit(EXIT_ERROR));
  });
}

function postgresPid() {
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // stale pid file
  }
}

/**
 * If the embedded PostgreSQL outlives the server by more than graceMs (it should stop with it), stop the
 * one we started, by its pid. Returns whether it had to.
 */
async function stopLeftoverPostgres(graceMs = 5_000) {
  const until = performance.now() + graceMs;
  let pid = postgresPid();
  while (pid && performance.now() < until) {
    await sleep(100);
    pid = postgresPid();
  }
  if (!pid) return false;
  note(`embedded PostgreSQL (pid ${pid}) outlived the server; stopping it`);
  process.kill(pid, 'SIGINT'); // fast shutdown
  for (let i = 0; i < 100; i++) {
    await sleep(100);
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
  }
  process.kill(pid, 'SIGKILL');
  return true;
}

async function probe(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000), redirect: 'manual' });
    const body = await response.text();
    return { status: response.status, body: body.slice(0, 120).replace(/\s+/g, ' ') };
  } catch (error) {
    return { status: 0, body: error.cause?.code ?? error.message };
  }
}

/** Spawns the command and polls /api/health and / until both answer 200 (or / is plainly not built). */
async function startOnce(kind) {
  const port = await freePort(3300);
  const pgPort = await freePort(55400);
  const env = { ...process.env, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const base = `http://127.0.0.1:${port}`;
  const spawnedAt = performance.now();
  // Phases of scripts/start.mjs, from its log lines: install, build, then the API.
  const phases = [];
  const onLine = (text) => {
    // eslint-disable-next-line no-control-regex
    const plain = text.replace(/\x1b\[[0-9;]*m/g, '');
    const match = plain.match(/\[omnichannel\] (Installing|Building|Starting the API)/) ?? plain.match(/\[omnichannel\] (\S+): up to date/);
    if (match) phases.push({ at: performance.now() - spawnedAt, what: match[1] });
  };
  current = startChild(executable, args, { env, cwd: root, echo, label: kind, onLine });
  let health = null;
  let home = null;
  let homeLast = null;
  let homeGiveUpAt = Infinity;
  while (performance.now() - spawnedAt < timeoutMs) {
    if (!current.running) throw new Error(`${command} exited before serving (${JSON.stringify(await current.exited)})\n${current.tail()}`);
    const [h, r] = await Promise.all([health === null ? probe(`${base}/api/health`) : null, home === null ? probe(`${base}/`) : null]);
    const now = performance.now() - spawnedAt;
    if (h?.status === 200) health = now;
    if (r?.status === 200) home = now;
    else if (r) homeLast = r;
    if (health !== null && home === null && homeLast?.status && homeGiveUpAt === Infinity) homeGiveUpAt = now + 3_000;
    if (health !== null && (home !== null || now > homeGiveUpAt)) break;
    await sleep(20);
  }
  const result = { kind, port, pgPort, health, home, homeLast, phases };
  const stopBegan = performance.now();
  const server = current;
  await server.stop(30_000, { sweep: false });
  result.stopMs = performance.now() - stopBegan;
  result.exit = await server.exited;
  result.leftoverPostgres = await stopLeftoverPostgres();
  server.sweep();
  current = null;
  if (result.exit.code !== 0) {
    const lines = server.tail().split('\n');
    const from = Math.max(0, lines.findLastIndex((l) => l.includes('SIGTERM')));
    const seen = new Set();
    result.stopTail = lines
      .slice(from)
      .filter((l) => /error|exception|throw/i.test(l) && !/^\s+at /.test(l))
      .map((l) => {
        try {
          return JSON.parse(l).msg ?? l;
        } catch {
          return l.trim();
        }
      })
      .filter((l) => !seen.has(l) && seen.add(l))
      .slice(0, 6)
      .map((l) => `  ${l.slice(0, 200)}`)
      .join('\n');
  }
  if (health === null) throw new Error(`${command} did not answer /api/health within ${timeoutMs / 1000} s`);
  return result;
}

let exitCode = 0;
try {
  note(`command: ${command} (cwd ${root}), DATA_DIR ${dataDir}`);
  let prebuildSeconds = null;
  if (prebuild) {
    note('prebuild: node scripts/build.mjs (not timed as start-up)');
    const began = performance.now();
    const build = startChild(process.execPath, ['scripts/build.mjs'], { env: process.env, cwd: root, echo, label: 'prebuild' });
    const { code, signal } = await build.exited;
    if (code !== 0) throw new Error(`node scripts/build.mjs failed (${signal ?? code}); the run command cannot build either. Its output:\n${build.tail()}`);
    prebuildSeconds = (performance.now() - began) / 1000;
  }
  const first = await startOnce('first_start');
  note(`first start stopped in ${fmt(first.stopMs / 1000)} s (${JSON.stringify(first.exit)})`);
  const warm = await startOnce('warm_start');
  note(`warm start stopped in ${fmt(warm.stopMs / 1000)} s (${JSON.stringify(warm.exit)})`);

  line('p9.command', label, '', '(fresh DATA_DIR in the temp folder, embedded PostgreSQL, DATABASE_URL unset; same machine)');
  if (prebuildSeconds !== null) line('p9.prebuild', fmt(prebuildSeconds), 's', '(node scripts/build.mjs before the timed starts; not counted)');
  for (const r of [first, warm]) {
    const seconds = r.health / 1000;
    const pass = seconds <= BUDGET_S;
    if (!pass) exitCode = EXIT_BUDGET_FAILED;
    line(`p9.${r.kind}_ready`, fmt(seconds), 's', `(budget ${BUDGET_S} s) ${pass ? 'PASS' : 'FAIL'} [first 200 from /api/health]`);
    const api = r.phases.find((p) => p.what === 'Starting the API');
    if (api) {
      const built = r.phases.filter((p) => p.what === 'Building').length;
      line(`p9.${r.kind}_install_and_build`, fmt(api.at / 1000), 's', `[spawn to "Starting the API"; ${built ? `${built} package(s) rebuilt` : 'nothing rebuilt'}]`);
      line(`p9.${r.kind}_api_ready`, fmt((r.health - api.at) / 1000), 's', '[API spawn to first 200 from /api/health]');
    }
    if (r.home !== null) line(`p9.${r.kind}_root`, fmt(r.home / 1000), 's', '[first 200 from /]');
    else line(`p9.${r.kind}_root`, 'not served', '', `[GET / answered ${r.homeLast?.status || 'nothing'}: ${r.homeLast?.body ?? ''}]`);
    const exit = r.exit.signal ? `killed by ${r.exit.signal}` : `exit code ${r.exit.code}`;
    line(
      `p9.${r.kind}_stop`,
      fmt(r.stopMs / 1000),
      's',
      `[SIGTERM to exit, ${exit}${r.leftoverPostgres ? '; embedded PostgreSQL was left running and had to be stopped' : ''}]`,
    );
    if (r.stopTail) note(`${r.kind}: the server did not exit cleanly on SIGTERM; its last lines:\n${r.stopTail}`);
  }
} catch (error) {
  console.error(`p9 failed to run: ${error.stack ?? error.message}`);
  exitCode = EXIT_ERROR;
} finally {
  await cleanup();
}
process.exit(exitCode);
