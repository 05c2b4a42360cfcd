import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An API instance in its own OS process: the built `dist/main.js`, as `npm start` runs it. */
export interface InstanceProcess {
  pid: number;
  /** What it logged so far (for a failing test's message). */
  output(): string;
  /** Sends the signal and resolves once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const MAIN = join(__dirname, '../dist/main.js');

/**
 * Starts an instance on the integration database, for faults an in-process app cannot play (SIGKILL).
 * It runs in a scratch working directory (no `.env`, its own DATA_DIR) and resolves once it logged that
 * it is ready.
 */
export async function startInstanceProcess(databaseUrl: string, env: Record<string, string> = {}, timeoutMs = 20_000): Promise<InstanceProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the API first (npm run build)`);
  const cwd = mkdtempSync(join(tmpdir(), 'omni-instance-'));
  const child = spawn(process.execPath, [MAIN], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      SEED_DEMO: 'false',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      rmSync(cwd, { recursive: true, force: true });
      resolve();
    });
  });
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('Omnichannel is ready')) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The instance exited while starting:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`The instance was not ready within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    pid: child.pid as number,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
