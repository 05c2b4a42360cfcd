// Profiling aid for the bench (loaded into the API with `node --require`): counts and times every SQL
// statement the process sends through `pg`, per statement text. SIGWINCH resets the counters (the bench
// sends it before the measured runs); on exit the figures go to $PG_QUERY_STATS_FILE as JSON.
// Time is from Client#query to its result: it includes waiting in the client's own queue, not the pool's.
'use strict';
const { writeFileSync } = require('node:fs');
const { monitorEventLoopDelay } = require('node:perf_hooks');
const { dirname } = require('node:path');

const file = process.env.PG_QUERY_STATS_FILE;
const mainDir = process.argv[1] ? dirname(process.argv[1]) : process.cwd();
let pg;
try {
  pg = require(require.resolve('pg', { paths: [mainDir, process.cwd()] }));
} catch {
  pg = null;
}

let stats = new Map();
let since = Date.now();
// How long callbacks waited for the event loop (sampled every 5 ms).
let loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

// Statements slower than this, and event-loop stalls longer than this, are kept with their wall-clock time,
// so a stall second of the benchmark can be matched with what ran then.
const SLOW_MS = 30;
let slow = [];
let stalls = [];
let lastTick = Date.now();
setInterval(() => {
  const now = Date.now();
  if (now - lastTick - 10 > SLOW_MS && stalls.length < 5000) stalls.push({ at: lastTick, ms: now - lastTick - 10 });
  lastTick = now;
}, 10).unref();

function record(text, ms) {
  if (ms > SLOW_MS && slow.length < 5000) slow.push({ at: Date.now() - ms, ms, sql: String(text).replace(/\s+/g, ' ').trim().slice(0, 80) });
  const key = String(text).replace(/\s+/g, ' ').trim().slice(0, 160);
  const entry = stats.get(key) ?? { count: 0, totalMs: 0, maxMs: 0, samples: [] };
  entry.count++;
  entry.totalMs += ms;
  entry.maxMs = Math.max(entry.maxMs, ms);
  if (entry.samples.length < 500_000) entry.samples.push(ms);
  stats.set(key, entry);
}

if (pg && file) {
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function patchedQuery(config, values, callback) {
    const text = typeof config === 'string' ? config : config?.text;
    if (!text) return original.apply(this, arguments);
    const started = process.hrtime.bigint();
    const done = () => record(text, Number(process.hrtime.bigint() - started) / 1e6);
    const cb = typeof values === 'function' ? values : typeof callback === 'function' ? callback : typeof config?.callback === 'function' ? config.callback : null;
    if (cb) {
      const wrapped = function (...args) {
        done();
        return cb.apply(this, args);
      };
      if (typeof values === 'function') return original.call(this, config, wrapped);
      if (typeof callback === 'function') return original.call(this, config, values, wrapped);
      config.callback = wrapped;
      return original.call(this, config, values);
    }
    const result = original.apply(this, arguments);
    if (result && typeof result.then === 'function') result.then(done, done);
    return result;
  };
  process.on('SIGWINCH', () => {
    stats = new Map();
    slow = [];
    stalls = [];
    since = Date.now();
    loopDelay.reset();
  });
  process.on('exit', () => {
    const rows = [...stats.entries()]
      .map(([sql, { samples, ...s }]) => {
        samples.sort((a, b) => a - b);
        const at = (p) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? 0;
        return { sql, ...s, p50Ms: at(50), p99Ms: at(99) };
      })
      .sort((a, b) => b.totalMs - a.totalMs);
    try {
      const ms = (ns) => ns / 1e6;
      const eventLoopDelay = {
        p50Ms: ms(loopDelay.percentile(50)),
        p99Ms: ms(loopDelay.percentile(99)),
        maxMs: ms(loopDelay.max),
      };
      writeFileSync(file, JSON.stringify({ since, until: Date.now(), eventLoopDelay, queries: rows, slow, stalls }, null, 1));
    } catch {
      /* nothing to do at exit */
    }
  });
}
