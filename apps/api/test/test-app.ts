import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import type { AppConfig } from '../src/config/app-config';
import { parseEnv } from '../src/config/env.schema';

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  dataSource: DataSource;
  config: AppConfig;
  get<T>(token: new (...args: never[]) => T): T;
  close(): Promise<void>;
}

const TEST_SECRETS_KEY = Buffer.alloc(32, 5).toString('base64');

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const databaseUrl = process.env.OMNI_IT_DATABASE_URL;
  if (!databaseUrl) throw new Error('OMNI_IT_DATABASE_URL is not set: run through the integration jest project');
  const env = parseEnv({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error', SEED_DEMO: 'false', LOG_FORMAT: 'json' });
  // A fixed channel secrets key: no test writes one into the checkout's DATA_DIR.
  // The messengers' own APIs are never called from a test: a channel without its own (fake) address reaches a closed port.
  const closed = 'http://127.0.0.1:9';
  return {
    ...env,
    HOST: '127.0.0.1',
    PORT: 0,
    databaseUrl,
    CHANNEL_SECRETS_KEY: TEST_SECRETS_KEY,
    TELEGRAM_API_BASE: closed,
    VK_API_BASE: closed,
    VIBER_API_BASE: closed,
    OK_API_BASE: closed,
    ...overrides,
  };
}

/** The whole API on a real port and the integration database, as `npm start` would run it. */
export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const { app } = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  // Webhook URLs and file links are built from PUBLIC_URL: the port is known only now.
  config.PUBLIC_URL ??= `http://127.0.0.1:${port}`;
  return {
    app,
    config,
    url: `http://127.0.0.1:${port}`,
    dataSource: app.get(DataSource),
    get: (token) => app.get(token),
    close: () => app.close(),
  };
}

/** A suite's app: the test app, and the sockets its tests opened (closed after each test). */
export interface SuiteApp extends TestApp {
  sockets: { close(): unknown }[];
}

/**
 * The set-up every integration suite shares: one app for the file on the integration database, the
 * database emptied before the file (`reset: 'once'`, the default) or before each test (`'each'`), the
 * tests' sockets closed after each test, the app closed after the file. Use the returned object inside
 * hooks and tests (it is filled in by the first beforeAll).
 */
export function useTestApp(options: { config?: Partial<AppConfig>; reset?: 'once' | 'each' | 'never' } = {}): SuiteApp {
  const reset = options.reset ?? 'once';
  const suite = { sockets: [] } as unknown as SuiteApp;
  beforeAll(async () => {
    Object.assign(suite, await startTestApp(options.config));
    if (reset === 'once') await resetDatabase(suite.dataSource);
  });
  if (reset === 'each') beforeEach(() => resetDatabase(suite.dataSource));
  afterEach(() => {
    for (const socket of suite.sockets.splice(0)) socket.close();
  });
  afterAll(() => suite.close());
  return suite;
}

/**
 * Empties every table the product writes (the default statuses and the migrations stay). Work a previous
 * request left running after its response (event handlers ending sessions, releasing chats, a consumer's
 * batch) can make the TRUNCATE a deadlock victim, or keep it waiting on a lock behind work that itself
 * waits on the TRUNCATE through the app (no database can see that cycle): it gives up after a few
 * seconds and is simply tried again.
 */
export async function resetDatabase(dataSource: DataSource): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dataSource.transaction(async (m) => {
        await m.query("SET LOCAL lock_timeout = '3s'");
        await m.query(
          `TRUNCATE attachments, ticket_reads, ticket_participants, messages, tickets, visitor_sessions, client_identities, clients, channels,
                    api_tokens, employee_sessions, employee_groups, department_members, groups, employees, departments, templates,
                    custom_fields, settings, dispatch_rules, rule_firings, operator_status_changes, department_sla, domain_events CASCADE`,
        );
      });
      break;
    } catch (error) {
      if (attempt >= 5 || !['40P01', '55P03'].includes((error as { code?: string }).code ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
  await dataSource.query(`DELETE FROM ticket_statuses WHERE code NOT IN ('open', 'in_progress', 'waiting', 'completed')`);
  await dataSource.query(`DELETE FROM operator_statuses WHERE NOT builtin`);
}
