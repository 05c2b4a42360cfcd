import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  Logger as WorkerLogger,
  run,
  runMigrations,
  type JobHelpers,
  type Runner,
  type Task,
} from 'graphile-worker';
import { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export type TaskHandler<P> = (payload: P, job: { attempts: number; maxAttempts: number; helpers: JobHelpers }) => Promise<void>;

export interface EnqueueOptions {
  /** Jobs sharing a queue name run one at a time, in order (per-conversation ordering, CHN-5). */
  queueName?: string;
  maxAttempts?: number;
}

const QUEUE_MIGRATION_LOCK = 7_261_002;

/**
 * Durable jobs on PostgreSQL (graphile-worker): a job is added in the same transaction as the data it
 * refers to, so a committed reply always has its delivery job, and any API instance may run it.
 * LISTEN/NOTIFY starts a job within milliseconds of the commit; retries back off exponentially.
 */
@Injectable()
export class QueueService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private readonly tasks: Record<string, Task> = {};
  private pool?: Pool;
  private runner?: Runner;
  /** On Ctrl+C the terminal signals PostgreSQL too; lost connections are then expected, not errors. */
  private stopping = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Called by modules in onModuleInit, before the runner starts. */
  registerTask<P>(name: string, handler: TaskHandler<P>): void {
    if (this.runner) throw new Error(`Task ${name} registered after the queue started`);
    this.tasks[name] = async (payload, helpers) => {
      await handler(payload as P, { attempts: helpers.job.attempts, maxAttempts: helpers.job.max_attempts, helpers });
    };
  }

  async enqueue(manager: EntityManager, task: string, payload: object, options: EnqueueOptions = {}): Promise<void> {
    await manager.query('SELECT graphile_worker.add_job($1, $2::json, queue_name => $3, max_attempts => $4)', [
      task,
      JSON.stringify(payload),
      options.queueName ?? null,
      options.maxAttempts ?? 10,
    ]);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.pool = new Pool({
      connectionString: this.config.databaseUrl,
      max: this.config.WORKER_CONCURRENCY + 2,
      application_name: 'omnichannel-worker',
    });
    // An idle connection dropped by the server (restart, shutdown) must not crash the process.
    this.pool.on('error', (error) => {
      if (!this.stopping) this.logger.warn(`Queue connection lost: ${error.message}`);
    });
    // Nor one dropped while checked out: the pool then has no listener on it, and graphile-worker adds its
    // own only to connections made after it starts, not to the one taken below for the migrations. The
    // query on it fails anyway; an 'error' event with no listener would end the process.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    const logger = new WorkerLogger(() => (level, message) => {
      const name: string = level; // graphile-worker's LogLevel is a const enum of these strings
      if (this.stopping) this.logger.debug(message);
      else if (name === 'error') this.logger.error(message);
      else if (name === 'warning') this.logger.warn(message);
      else this.logger.debug(message);
    });
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [QUEUE_MIGRATION_LOCK]);
      await runMigrations({ pgPool: this.pool, logger });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [QUEUE_MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
    this.runner = await run({
      pgPool: this.pool,
      taskList: this.tasks,
      concurrency: this.config.WORKER_CONCURRENCY,
      noHandleSignals: true,
      pollInterval: 1000,
      logger,
    });
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop().catch((err: unknown) => this.logger.warn(`Queue stop: ${String(err)}`));
    await this.pool?.end().catch(() => undefined);
  }
}
