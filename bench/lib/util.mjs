// Helpers shared by the bench scripts: ports, child processes, HTTP polling, histograms, output lines.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import hdr from 'hdr-histogram-js';

export const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const root = join(benchDir, '..');

/** Exit codes of every bench script: 0 all budgets pass, 1 ran but a budget failed, 2 could not run. */
export const EXIT_BUDGET_FAILED = 1;
export const EXIT_ERROR = 2;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `--name value` / `--name=value` from argv, else the environment variable, else the fallback. */
/** `--name K=V,K2=V2` (or envName): an object of extra environment variables, e.g. for the API under test. */
export function envOption(name, envName) {
  return Object.fromEntries(
    option(name, envName, '')
      .split(',')
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')).trim(), pair.slice(pair.indexOf('=') + 1).trim()]),
  );
}

export function option(name, envName, fallback) {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}` && i + 1 < argv.length) return argv[i + 1];
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  const fromEnv = envName ? process.env[envName] : undefined;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : fallback;
}

export function flag(name) {
  return process.argv.slice(2).includes(`--${name}`);
}

/** One result line: `name: value unit`. */
export function line(name, value, unit = '', suffix = '') {
  const text = `${name}: ${value}${unit ? ` ${unit}` : ''}${suffix ? ` ${suffix}` : ''}`;
  process.stdout.write(`${text}\n`);
}

/** Diagnostics go to stderr so stdout holds only result lines. */
export function note(message) {
  process.stderr.write(`# ${message}\n`);
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

const handedOut = new Set();

/** A port that nothing listens on, searched upwards from a random point of [from, from + span). */
export async function freePort(from, span = 500) {
  const start = from + Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = from + ((start - from + i) % span);
    if (handedOut.has(port)) continue;
    if (await portIsFree(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`No free port in ${from}-${from + span - 1}`);
}

/**
 * Spawns a child in its own process group (so the whole tree can be signalled), keeping the last lines
 * of its output for error reports. `echo` copies its output to our stderr.
 */
export function startChild(command, args, { env, cwd = root, echo = false, label = command, onLine } = {}) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const keep = (chunk) => {
    const text = chunk.toString();
    if (echo) process.stderr.write(text.replace(/^(?=.)/gm, `  [${label}] `));
    for (const l of text.split('\n')) {
      if (!l.trim()) continue;
      tail.push(l);
      onLine?.(l);
    }
    while (tail.length > 400) tail.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.once('error', (error) => tail.push(`spawn error: ${error.message}`));
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    exited,
    get running() {
      return !done;
    },
    tail: () => tail.join('\n'),
    /**
     * SIGTERM to the top process, wait for it; SIGKILL to the whole group after the grace period, and
     * (unless sweep is false) to whatever the top process left behind in its group.
     */
    async stop(graceMs = 15_000, { sweep = true } = {}) {
      if (!done) {
        try {
          process.kill(child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const timer = sleep(graceMs).then(() => 'timeout');
        if ((await Promise.race([exited, timer])) === 'timeout') {
          killGroup(child.pid, 'SIGKILL');
          await exited;
        }
      }
      if (sweep) killGroup(child.pid, 'SIGKILL');
    },
    /** SIGKILL to whatever is left of the process group. */
    sweep() {
      killGroup(child.pid, 'SIGKILL');
    },
  };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* no such group */
  }
}

/** Polls a URL until it answers `status`; returns ms elapsed since `since` (performance.now()). */
export async function waitForStatus(url, { status = 200, timeoutMs = 60_000, intervalMs = 25, since, alive } = {}) {
  const began = since ?? performance.now();
  const deadline = performance.now() + timeoutMs;
  let last = 'no answer';
  while (performance.now() < deadline) {
    if (alive && !alive()) throw new Error(`process exited before ${url} answered ${status} (last: ${last})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === status) return performance.now() - began;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = [error.message, error.cause?.code, error.cause?.message].filter(Boolean).join(': ');
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})`);
}

/** Latency histogram in microseconds, 3 significant digits (0.1 % bucket error). */
export function histogram() {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
}

/** p50/p95/p99/max of a microsecond histogram, in ms. */
export function summary(h) {
  const ms = (us) => us / 1000;
  return {
    count: h.totalCount,
    p50: ms(h.getValueAtPercentile(50)),
    p95: ms(h.getValueAtPercentile(95)),
    p99: ms(h.getValueAtPercentile(99)),
    max: ms(h.maxValue),
  };
}

export function fmt(value) {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2);
}
