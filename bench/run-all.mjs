#!/usr/bin/env node
// `npm run bench`: P1, P2, P3, P4, P6, P7, P8 and P9 in sequence, each one's output as it comes, then a summary.
// Exit code: 2 when a benchmark failed to run; 1 when all ran but a budget failed and --strict (or
// BENCH_STRICT=1) is given; else 0. Options of the single benchmarks go through their env knobs.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EXIT_BUDGET_FAILED, EXIT_ERROR, benchDir, flag } from './lib/util.mjs';

const strict = flag('strict') || ['1', 'true', 'yes'].includes(process.env.BENCH_STRICT ?? '');
const benches = [
  ['P1 webhook ingest', 'p1-webhook-ingest.mjs'],
  ['P2 webhook to operator', 'p2-webhook-to-operator.mjs'],
  ['P3 visitor round trip', 'p3-visitor-roundtrip.mjs'],
  ['P4 sockets', 'p4-sockets.mjs'],
  ['P6 dispatcher', 'p6-dispatcher.mjs'],
  ['P7 data volume', 'p7-data-volume.mjs'],
  ['P8 front-end weight', 'p8-frontend-weight.mjs'],
  ['P9 start-up', 'p9-startup.mjs'],
];

let current = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    current?.kill(signal); // the benchmark cleans up (servers, database, temp folders) and exits
  });
}

function run(script) {
  return new Promise((resolve) => {
    const began = performance.now();
    current = spawn(process.execPath, [join(benchDir, script)], { stdio: 'inherit' });
    current.once('error', (error) => resolve({ code: EXIT_ERROR, seconds: 0, error }));
    current.once('exit', (code, signal) => {
      current = null;
      resolve({ code: code ?? EXIT_ERROR, signal, seconds: (performance.now() - began) / 1000 });
    });
  });
}

const results = [];
for (const [name, script] of benches) {
  process.stdout.write(`\n=== ${name} (bench/${script}) ===\n`);
  const result = await run(script);
  results.push({ name, ...result });
}

process.stdout.write('\n=== summary ===\n');
let failedToRun = false;
let budgetFailed = false;
for (const r of results) {
  const status =
    r.code === 0 ? 'ran, budgets PASS' : r.code === EXIT_BUDGET_FAILED ? 'ran, a budget FAILED' : `FAILED TO RUN (${r.signal ?? `exit ${r.code}`}${r.error ? `: ${r.error.message}` : ''})`;
  if (r.code === EXIT_BUDGET_FAILED) budgetFailed = true;
  else if (r.code !== 0) failedToRun = true;
  process.stdout.write(`bench.${r.name.split(' ')[0].toLowerCase()}: ${status} in ${r.seconds.toFixed(0)} s\n`);
}
process.exit(failedToRun ? EXIT_ERROR : budgetFailed && strict ? EXIT_BUDGET_FAILED : 0);
