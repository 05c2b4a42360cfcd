import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { type CreatedApp, createApp } from './app.factory';
import { finishesWithin } from './common/time-limit';
import type { AppConfig } from './config/app-config';
import { InvalidEnvError, parseEnv } from './config/env.schema';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './database/embedded-postgres';
import { checkDatabase, checkPort, describeStartupError } from './startup-failure';

/** The modules' shutdown (sockets, HTTP, jobs, event consumers, pools): long enough for a job to finish. */
const CLOSE_WITHIN_MS = 3_000;
/** The embedded PostgreSQL's fast shutdown (it rolls back what is running, then writes a checkpoint). */
const EMBEDDED_STOP_WITHIN_MS = 10_000;

async function main(): Promise<void> {
  const startedAt = Date.now();
  // A .env file in the working directory fills in what the environment does not set.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof InvalidEnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  let embedded: EmbeddedDatabase | undefined;
  let app: CreatedApp['app'] | undefined;
  try {
    await checkPort(env.PORT, env.HOST);
    if (env.DATABASE_URL) await checkDatabase(env.DATABASE_URL);
    else {
      embedded = await startEmbeddedPostgres({
        dataDir: env.DATA_DIR,
        port: env.EMBEDDED_PG_PORT,
        log: (line) => process.stderr.write(`${line}\n`),
      });
    }
    const config: AppConfig = { ...env, databaseUrl: env.DATABASE_URL ?? (embedded as EmbeddedDatabase).url };

    const created = await createApp(config);
    app = created.app;
    const { logger } = created;
    // One orderly shutdown (app.close() runs the modules' shutdown hooks, then PostgreSQL stops); Nest's
    // own signal hooks are not enabled because they re-raise the signal and race this. `on`, not `once`:
    // Ctrl+C signals both `npm start` (which passes it on) and us, and a second signal must not kill us
    // halfway through.
    // Each step is bounded (issue #16): with PostgreSQL away, closing the pools, the job runner and the
    // event consumers can wait on connections that never come, and a process manager would kill us anyway.
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info(`${signal} received, shutting down`);
      const closed = await finishesWithin(created.app.close(), CLOSE_WITHIN_MS).catch((err: unknown) => {
        logger.error({ err }, 'Error while closing');
        return true;
      });
      if (!closed) logger.warn(`The API did not close within ${CLOSE_WITHIN_MS / 1000} s (is the database away?); exiting anyway`);
      if (embedded) {
        const stopped = await finishesWithin(embedded.stop(), EMBEDDED_STOP_WITHIN_MS).catch((err: unknown) => {
          logger.error({ err }, 'Error while stopping PostgreSQL');
          return true;
        });
        if (!stopped) logger.warn(`The embedded PostgreSQL did not stop within ${EMBEDDED_STOP_WITHIN_MS / 1000} s; it finishes stopping on its own`);
      }
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));

    await app.listen({ port: config.PORT, host: config.HOST });
    const url = `http://localhost:${config.PORT}`;
    logger.info(
      `Omnichannel is ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: operator app ${url}/ · demo site ${url}/demo · API ${url}/api` +
        (embedded ? ` · embedded PostgreSQL in ${embedded.pgdata}` : ''),
    );
  } catch (error) {
    process.stderr.write(`\n${describeStartupError(error, env)}\n\n`);
    await app?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Omnichannel failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
