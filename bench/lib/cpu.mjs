// CPU shares from /proc: one process, all processes of a name (PostgreSQL's backends), the whole machine.
// Every benchmark prints the machine's other CPU (everything but the measured processes) so a noisy run shows.
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';

/** Jiffies (user + system) of a process, for its CPU share over an interval. */
export function cpuTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]), system: Number(fields[12]) }; // utime, stime
  } catch {
    return null;
  }
}

/** Jiffies per pid of every process with this command name (e.g. all PostgreSQL backends). */
export function ticksByName(name) {
  const ticks = new Map();
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== name) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      /* exited meanwhile */
    }
  }
  return ticks;
}

export function ticksDelta(before, after) {
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
  return sum;
}

/** Machine-wide busy/total jiffies from /proc/stat. */
export function machineTicks() {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    const values = cpu.trim().split(/\s+/).slice(1).map(Number);
    const idle = values[3] + (values[4] ?? 0);
    const total = values.reduce((a, b) => a + b, 0);
    // steal: time the hypervisor ran something else while this machine had work (counted in busy).
    return { busy: total - idle, total, steal: values[7] ?? 0 };
  } catch {
    return null;
  }
}

export const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** A snapshot to measure an interval from: the given processes, PostgreSQL, the machine, this process. */
export function cpuSnapshot(pids = []) {
  return { at: performance.now(), self: process.cpuUsage(), pids: pids.map((pid) => cpuTicks(pid)), postgres: ticksByName('postgres'), machine: machineTicks() };
}

/**
 * Shares of one core between two snapshots: `pids` (in the order given), `postgres`, `self` (this
 * process), `machine` (busy share of all cores) and `other` (everything else, in one core's terms).
 */
export function cpuShares(before, after) {
  const seconds = (after.at - before.at) / 1000;
  const jiffies = (a, b) => (a && b ? (b.user + b.system - a.user - a.system) / TICKS_PER_SECOND / seconds : 0);
  const pids = after.pids.map((ticks, i) => jiffies(before.pids[i], ticks));
  const postgres = ticksDelta(before.postgres, after.postgres) / TICKS_PER_SECOND / seconds;
  const self = (after.self.user + after.self.system - before.self.user - before.self.system) / 1e6 / seconds;
  const machine = before.machine && after.machine ? (after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total) : NaN;
  const other = Math.max(0, machine * cpus().length - pids.reduce((a, b) => a + b, 0) - postgres - self);
  return { seconds, pids, postgres, self, machine, other, steal: stealShare(before.machine, after.machine) };
}

/** The hypervisor's steal between two machineTicks() readings, in one core's terms (part of `other`). */
export function stealShare(before, after) {
  if (!before || !after || after.total === before.total) return 0;
  return ((after.steal - before.steal) / (after.total - before.total)) * cpus().length;
}

/** The explanation printed after every benchmark's other CPU. */
export function otherCpuNote(steal, what = 'everything else on the machine') {
  return `(${what}: noise; of it hypervisor steal ${Math.round(steal * 100)} %)`;
}

/**
 * Waits until PostgreSQL has gone quiet: under `share` of one core over each `windowMs`, at most
 * `timeoutMs`. A setup's writes leave work behind them (event-log consumers catching up, deadlines stamped):
 * measured runs start after it. Returns how long it waited and the last window's share.
 */
export async function untilPostgresQuiet({ share = 0.05, windowMs = 500, timeoutMs = 30_000 } = {}) {
  const began = performance.now();
  for (;;) {
    const before = cpuSnapshot();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const { postgres } = cpuShares(before, cpuSnapshot());
    const waitedMs = performance.now() - began;
    if (postgres < share || waitedMs >= timeoutMs) return { waitedMs, postgres, quiet: postgres < share };
  }
}
