#!/usr/bin/env node
// `npm start`: installs, builds and serves everything on http://localhost:3000 (PORT overrides): the
// operator SPA at /, the API under /api, the widget loader at /widget.js and a demo site at /demo.
// Without DATABASE_URL the API starts an embedded PostgreSQL, its cluster in ./.data/postgres (DATA_DIR)
// or, as root with a checkout its OS user `postgres` cannot reach, in /var/lib/omnichannel/clusters/.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildAll, install, log, root } from './lib.mjs';

try {
  await install();
  await buildAll();
} catch (error) {
  console.error(error.message);
  process.exit(error.exitCode ?? 1);
}

// The same .env the API reads (it never overrides what the environment already says): PORT and the demo
// Telegram's settings are needed here too.
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));

/** The demo bot's token at the fake (it accepts only this one). */
const DEMO_TELEGRAM_TOKEN = '100000001:demo-bot-token';

// A local stand-in for Telegram (issue #11): its page lets a person write as a Telegram customer to the
// demo bot, which the API connects on its first run. DEMO_TELEGRAM=false leaves it out.
const env = { NODE_ENV: 'production', ...process.env };
let fakeTelegram;
if (process.env.DEMO_TELEGRAM !== 'false' && process.env.SEED_DEMO !== 'false') {
  const require = createRequire(import.meta.url);
  const { FakeTelegram } = require(join(root, 'libs/fake-platforms/dist/index.js'));
  const port = Number(process.env.DEMO_TELEGRAM_PORT ?? Number(process.env.PORT ?? 3000) + 1);
  try {
    fakeTelegram = await new FakeTelegram({ token: DEMO_TELEGRAM_TOKEN }).start(port);
    env.DEMO_TELEGRAM_API = fakeTelegram.baseUrl;
    env.DEMO_TELEGRAM_TOKEN = DEMO_TELEGRAM_TOKEN;
    log(`Demo Telegram (a local fake of the Bot API): write as a Telegram customer at ${fakeTelegram.baseUrl.replace('127.0.0.1', 'localhost')}/`);
  } catch (error) {
    log(`Demo Telegram not started (port ${port}: ${error.message}); set DEMO_TELEGRAM_PORT to another port`);
  }
}
log('Starting the API…');
const api = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => {
  void fakeTelegram?.stop();
  process.exit(code ?? 0);
});
