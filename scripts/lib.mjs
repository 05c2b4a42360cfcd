// Shared helpers of the root scripts (start, test, build). Plain Node, no dependencies: they run before
// anything is installed.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

/** pnpm, from the PATH when it is the pinned version, else through npx (corepack's signature check may fail). */
function pnpmCommand() {
  const local = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (local.status === 0 && local.stdout.trim() === PNPM_VERSION) return ['pnpm', []];
  return ['npx', ['-y', `pnpm@${PNPM_VERSION}`]];
}
const [pnpmBin, pnpmPrefix] = pnpmCommand();

export function log(message) {
  process.stdout.write(`\x1b[36m[omnichannel]\x1b[0m ${message}\n`);
}

/** Runs a command, streaming its output; rejects with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(Object.assign(new Error(`${command} ${args.join(' ')} failed (${signal ?? code})`), { exitCode: code ?? 1 }));
    });
  });
}

export function pnpm(args, options = {}) {
  return run(pnpmBin, [...pnpmPrefix, ...args], { ...options, env: { npm_config_update_notifier: 'false', ...options.env } });
}

export async function install() {
  log('Installing dependencies (pnpm)…');
  await pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only']);
}

const IGNORED = new Set(['node_modules', 'dist', '.turbo', 'coverage', 'test-results', 'playwright-report', '.data']);

function fingerprint(dirs) {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (IGNORED.has(entry.name) || entry.name.startsWith('.build-stamp')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        hash.update(`${relative(root, path)}:${stat.size}:${stat.mtimeMs}\n`);
      }
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return hash.digest('hex');
}

/** Builds a package unless its sources (and those of the packages it builds on) are unchanged since its last build. */
export async function buildIfChanged(pkgDir, filter, dependsOn = []) {
  const stampFile = join(root, pkgDir, 'dist', '.build-stamp');
  const print = fingerprint([join(root, pkgDir), ...dependsOn.map((d) => join(root, d))]);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === print) {
    log(`${filter}: up to date`);
    return;
  }
  log(`Building ${filter}…`);
  await pnpm(['--filter', filter, 'run', 'build']);
  writeFileSync(stampFile, print);
}

export async function buildAll() {
  await buildIfChanged('libs/fake-platforms', '@omnichannel/fake-platforms');
  await buildIfChanged('libs/contracts', '@omnichannel/contracts');
  await buildIfChanged('apps/api', '@omnichannel/api', ['libs/contracts']);
  await buildIfChanged('apps/widget', '@omnichannel/widget', ['libs/contracts']);
  await buildIfChanged('apps/operator', '@omnichannel/operator', ['libs/contracts']);
}
