// What the end-to-end tests need from the machine: Debian's Chromium, and a colour emoji font so the
// screenshots they take show emoji. `npm test` installs them with apt-get when they are missing and it may
// (root, or sudo without a password; never a prompt), and otherwise stops naming the command to run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { log } from './lib.mjs';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** How to run a command as root without a prompt, or why it cannot be done. */
function rootCommand() {
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return { why: 'apt-get is not available here' };
  if (process.getuid?.() === 0) return { prefix: [] };
  if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return { prefix: ['sudo', '-n'] };
  return { why: 'installing it needs root or sudo without a password' };
}

function runQuiet(command, args) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ ok: false, output: error.message }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

/** apt-get install, refreshing the package lists first only when the install cannot find the package. */
async function aptInstall(prefix, packages) {
  // Through env: sudo does not pass the environment on.
  const [command, ...rest] = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
  const install = () => runQuiet(command, [...rest, 'install', '-y', '-q', ...packages]);
  let result = await install();
  if (!result.ok) {
    const update = await runQuiet(command, [...rest, 'update', '-q']);
    result = update.ok ? await install() : update;
  }
  return result;
}

function lastLines(text, n = 8) {
  return text.trim().split('\n').slice(-n).join('\n');
}

/** Makes sure the browser the end-to-end tests run in is there; throws one paragraph when it cannot be. */
export async function ensureChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (existsSync(configured)) return;
    throw new Error(`CHROMIUM_PATH is ${configured}, which does not exist. Point it at a Chromium or Chrome binary, or unset it to use Debian's ${DEBIAN_CHROMIUM}.`);
  }
  if (existsSync(DEBIAN_CHROMIUM)) return;
  const root = rootCommand();
  const manual = `Install it (sudo apt-get install -y chromium), or set CHROMIUM_PATH to a Chromium or Chrome binary.`;
  if (root.why) throw new Error(`The end-to-end tests run in Chromium, which is not installed (${DEBIAN_CHROMIUM}), and ${root.why}. ${manual}`);
  log("Chromium is missing: installing Debian's chromium (apt-get install chromium)…");
  const result = await aptInstall(root.prefix, ['chromium']);
  if (!result.ok || !existsSync(DEBIAN_CHROMIUM)) {
    throw new Error(`Installing Debian's chromium failed:\n${lastLines(result.output)}\n${manual}`);
  }
}

/** The emoji font only changes how screenshots look, so a machine that cannot get it still runs the tests. */
export async function ensureEmojiFont() {
  if (spawnSync('dpkg', ['--version'], { stdio: 'ignore' }).status !== 0) return;
  if (spawnSync('dpkg', ['-s', 'fonts-noto-color-emoji'], { stdio: 'ignore' }).status === 0) return;
  const root = rootCommand();
  if (root.why) {
    log(`Screenshots will show emoji as boxes: ${root.why} to add fonts-noto-color-emoji (sudo apt-get install -y fonts-noto-color-emoji).`);
    return;
  }
  log("Installing Debian's fonts-noto-color-emoji for the screenshots…");
  const result = await aptInstall(root.prefix, ['fonts-noto-color-emoji']);
  if (!result.ok) log(`Could not install fonts-noto-color-emoji (screenshots will show emoji as boxes):\n${lastLines(result.output)}`);
}
