import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3456);
export const DEMO_PASSWORD = 'e2e-demo-password';
export const DEMO_WIDGET_KEY = 'demo';
export const STATE_FILE = join(__dirname, '..', 'test-results', 'e2e-state.json');

export interface E2eState {
  databaseUrl: string;
  databaseName: string;
  serverPid: number;
  embeddedPid?: number;
}

export function readState(): E2eState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eState;
}
