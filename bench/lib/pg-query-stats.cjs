// Profiling aid for the bench (loaded into the API with `node --require`): counts and times every SQL
// statement the process sends through `pg`, per statement text. SIGUSR2 resets the counters (the bench
// sends it before the measured runs); on exit the figures go to $PG_QUERY_STATS_FILE as JSON.
// Time is from Client#query to its result: it includes waiting in the client's own queue, not the pool's.
'use strict';
const { writeFileSync } = require('node:fs');
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

function record(text, ms) {
  const key = String(text).replace(/\s+/g, ' ').trim().slice(0, 160);
  const entry = stats.get(key) ?? { count: 0, totalMs: 0, maxMs: 0 };
  entry.count++;
  entry.totalMs += ms;
  entry.maxMs = Math.max(entry.maxMs, ms);
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
  process.on('SIGUSR2', () => {
    stats = new Map();
    since = Date.now();
  });
  process.on('exit', () => {
    const rows = [...stats.entries()].map(([sql, s]) => ({ sql, ...s })).sort((a, b) => b.totalMs - a.totalMs);
    try {
      writeFileSync(file, JSON.stringify({ since, until: Date.now(), queries: rows }, null, 1));
    } catch {
      /* nothing to do at exit */
    }
  });
}
