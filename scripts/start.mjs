#!/usr/bin/env node
// `npm start`: installs, builds and serves everything on http://localhost:3000 (PORT overrides): the
// operator SPA at /, the API under /api, the widget loader at /widget.js and a demo site at /demo.
// Without DATABASE_URL the API starts an embedded PostgreSQL, its cluster in ./.data/postgres (DATA_DIR)
// or, as root with a checkout its OS user `postgres` cannot reach, in /var/lib/omnichannel/clusters/.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildAll, install, log, root } from './lib.mjs';

try {
  await install();
  await buildAll();
} catch (error) {
  console.error(error.message);
  process.exit(error.exitCode ?? 1);
}
log('Starting the API…');
const api = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_ENV: 'production', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => process.exit(code ?? 0));
