// Measuring aid for the bench (loaded into the API with `node --require`): on SIGWINCH the process writes
// its `process.memoryUsage()` (RSS, V8 heap used/total, external, array buffers) as JSON to
// $MEMORY_PROBE_FILE. Nothing runs until the signal arrives, so idle CPU and memory are the product's own.
'use strict';
const { renameSync, writeFileSync } = require('node:fs');

const file = process.env.MEMORY_PROBE_FILE;
if (file) {
  process.on('SIGWINCH', () => {
    const usage = process.memoryUsage();
    // Written whole, then renamed: the reader never sees half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify({ at: Date.now(), ...usage }));
    renameSync(`${file}.tmp`, file);
  });
}
