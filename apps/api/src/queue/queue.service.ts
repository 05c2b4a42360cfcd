import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
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
  type Worker,
  type WorkerEvents,
} from 'graphile-worker';
import { Pool, type PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export type TaskHandler<P> = (payload: P, job: { attempts: number; maxAttempts: number; helpers: JobHelpers }) => Promise<void>;

export interface EnqueueOptions {
  /** Jobs sharing a queue name run one at a time, in order (per-conversation ordering, CHN-5). */
  queueName?: string;
  maxAttempts?: number;
  /** Not before this time (a platform's retry hint). */
  runAt?: Date;
}

const QUEUE_MIGRATION_LOCK = 7_261_002;

/**
 * Held shared by every statement that adds jobs (until its transaction ends), and exclusively by the
 * collection of empty queues: see collectQueues().
 */
export const QUEUE_ENQUEUE_LOCK = 7_261_003;

/** How often an instance collects the queues left empty (one row per conversation that ever had a job). */
const QUEUE_COLLECT_MS = 60_000;

/**
 * Deletes per-conversation queues that hold no job and are not locked. Runs only once the exclusive lock is
 * had (then every transaction that added a job has committed, and its job is seen here); never waits for it.
 */
const COLLECT_QUEUES = `
  WITH gone AS (
    DELETE FROM graphile_worker._private_job_queues
     WHERE locked_at IS NULL
       AND id NOT IN (SELECT job_queue_id FROM graphile_worker._private_jobs WHERE job_queue_id IS NOT NULL)
    RETURNING 1
  )
  SELECT count(*)::int AS count FROM gone`;

/** This process's live workers, renewed. */
const RENEW = `
  INSERT INTO queue_workers (worker_id, instance, renewed_at)
  SELECT id, $2, now() FROM unnest($1::text[]) AS id
  ON CONFLICT (worker_id) DO UPDATE SET renewed_at = now()`;

/** Workers of this process that stopped: they hold nothing any more, whatever their jobs' rows say. */
const RELEASE = `
  WITH gone AS (DELETE FROM queue_workers WHERE worker_id = ANY($1::text[]))
  SELECT graphile_worker.force_unlock_workers($1::text[])`;

/**
 * Jobs and per-conversation queues locked for longer than the lease by a worker whose heartbeat is older
 * (or missing: a process killed before its first renewal, or one not running this code) are released, and
 * old heartbeats deleted. A worker alive on any instance keeps its rows fresh, so a long job is never taken
 * from it. There is no public view of the queues' locks; graphile-worker's own stale-lock reset uses the
 * same table.
 */
const SWEEP = `
  WITH expired AS (DELETE FROM queue_workers WHERE renewed_at < now() - make_interval(secs => $1)),
  stale AS (
    SELECT array_agg(DISTINCT locks.locked_by) AS ids
      FROM (SELECT locked_by, locked_at FROM graphile_worker.jobs
            UNION ALL
            SELECT locked_by, locked_at FROM graphile_worker._private_job_queues) AS locks
     WHERE locks.locked_at < now() - make_interval(secs => $1)
       AND locks.locked_by NOT IN (SELECT worker_id FROM queue_workers WHERE renewed_at >= now() - make_interval(secs => $1))
  )
  SELECT ids, graphile_worker.force_unlock_workers(ids) FROM stale WHERE ids IS NOT NULL`;

/**
 * Durable jobs on PostgreSQL (graphile-worker): a job is added in the same transaction as the data it
 * refers to, so a committed reply always has its delivery job, and any API instance may run it.
 * LISTEN/NOTIFY starts a job within milliseconds of the commit; retries back off exponentially.
 *
 * graphile-worker leaves a job, and its conversation's whole queue, locked for 4 hours when the worker
 * holding it is gone: its process was killed, or its connection dropped as it completed the job ("committing
 * seppuku"), after which the pool also runs one worker short for good. So (issue #16) each worker's lease is
 * renewed in `queue_workers` while it lives; a worker that stopped in this process is released at once
 * (`force_unlock_workers`) and its runner replaced by a whole one; and every instance releases the workers
 * of any process that stopped renewing for QUEUE_LEASE_SECONDS. A released job runs again (deliveries check
 * that the reply is still `queued`), before the later jobs of its queue, which are younger.
 */
@Injectable()
export class QueueService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Queue');
  private readonly tasks: Record<string, Task> = {};
  /** Who renews a heartbeat row, for whoever reads `queue_workers`. */
  private readonly instance = `${hostname()}:${process.pid}`;
  private pool?: Pool;
  private workerLogger?: WorkerLogger;
  private started = false;
  /** The runner taking jobs; replaced when one of its workers is gone. */
  private runner?: Runner;
  private restarting?: Promise<void>;
  private restartTimer?: NodeJS.Timeout;
  /** Restarts since the last heartbeat that found every worker alive. */
  private restarts = 0;
  /** Replaced runners finishing the jobs their remaining workers hold. */
  private readonly retiring = new Set<Promise<void>>();
  /** Workers alive in this process, by id: their leases are renewed. */
  private readonly alive = new Map<string, Worker>();
  /** Workers of this process that stopped and are not released in the database yet. */
  private readonly gone = new Set<string>();
  private releasing: Promise<void> = Promise.resolve();
  private heartbeat?: NodeJS.Timeout;
  private renewing = false;
  private sweeping = false;
  private collecting = false;
  /** When this instance last collected empty queues (0: not yet, so the first beat does). */
  private collectedAt = 0;
  /** On Ctrl+C the terminal signals PostgreSQL too; lost connections are then expected, not errors. */
  private stopping = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Called by modules in onModuleInit, before the runner starts. */
  registerTask<P>(name: string, handler: TaskHandler<P>): void {
    if (this.started) throw new Error(`Task ${name} registered after the queue started`);
    this.tasks[name] = async (payload, helpers) => {
      await handler(payload as P, { attempts: helpers.job.attempts, maxAttempts: helpers.job.max_attempts, helpers });
    };
  }

  async enqueue(manager: EntityManager, task: string, payload: object, options: EnqueueOptions = {}): Promise<void> {
    await manager.query(
      `SELECT graphile_worker.add_job($1, $2::json, queue_name => $3, max_attempts => $4, run_at => $5)
         FROM (SELECT pg_advisory_xact_lock_shared(${QUEUE_ENQUEUE_LOCK})) AS enqueuing`,
      [
      task,
      JSON.stringify(payload),
      options.queueName ?? null,
      options.maxAttempts ?? 10,
      options.runAt ?? null,
      ],
    );
  }

  /**
   * graphile-worker keeps a row for every queue name ever used (here: one per conversation with a delivery,
   * one per messenger chat), and every worker's fetch of a job locks all of them: at 100,000 rows one fetch
   * took 50 ms instead of 0.8 (measured, issue #19). So the empty ones go. A queue row could be deleted just
   * as a transaction adds a job to it (that job would then never run): every statement that adds jobs holds
   * QUEUE_ENQUEUE_LOCK shared until its transaction ends, and this runs only when it gets the lock exclusively
   * at once, after which those jobs are committed and seen. Returns how many went, or null when the lock was
   * busy (tried again at the next beat).
   */
  async collectQueues(): Promise<number | null> {
    if (!this.pool) return null;
    // A queue row held by a worker's fetch for a moment is waited for, but never for long: enqueuers wait meanwhile.
    return inTransaction(this.pool, 1000, async (client) => {
      const { rows: got } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [QUEUE_ENQUEUE_LOCK]);
      if (!got[0]?.locked) return null;
      const { rows } = await client.query<{ count: number }>(COLLECT_QUEUES);
      return rows[0]?.count ?? 0;
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // The workers, the runner's LISTEN connection, and one for the heartbeat.
    const pool = new Pool({
      connectionString: this.config.databaseUrl,
      max: this.config.WORKER_CONCURRENCY + 3,
      application_name: 'omnichannel-worker',
    });
    this.pool = pool;
    // An idle connection dropped by the server (restart, shutdown) must not crash the process.
    pool.on('error', (error) => {
      if (!this.stopping) this.logger.warn(`Queue connection lost: ${error.message}`);
    });
    // Nor one dropped while in use (the heartbeat's, or one graphile-worker took before it hooked the pool):
    // the query on it fails, and that failure is handled where it was made.
    pool.on('connect', (client) => client.on('error', (error) => this.logger.debug(`Queue connection lost in use: ${error.message}`)));
    const logger = new WorkerLogger(() => (level, message) => {
      const name: string = level; // graphile-worker's LogLevel is a const enum of these strings
      if (this.stopping) this.logger.debug(message);
      else if (name === 'error') this.logger.error(message);
      else if (name === 'warning') this.logger.warn(message);
      else this.logger.debug(message);
    });
    this.workerLogger = logger;
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [QUEUE_MIGRATION_LOCK]);
      await runMigrations({ pgPool: pool, logger });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [QUEUE_MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
    this.started = true;
    // An instance with no workers only queues jobs; the others run them (and take over dead workers' jobs).
    if (this.config.WORKER_CONCURRENCY > 0) await this.startRunner(pool, logger);
    this.heartbeat = setInterval(() => void this.beat(pool), (this.config.QUEUE_LEASE_SECONDS * 1000) / 5);
    this.heartbeat.unref();
    void this.beat(pool);
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    clearTimeout(this.restartTimer);
    await this.restarting;
    if (this.runner) this.retire(this.runner);
    this.runner = undefined;
    await Promise.all(this.retiring);
    // Every worker stopped: their rows go (they hold nothing), so no instance waits out their lease.
    await this.releaseGone();
    await this.pool?.end().catch(() => undefined);
  }

  private async startRunner(pool: Pool, logger: WorkerLogger): Promise<void> {
    // Listeners are in place before run() spawns the workers (it emits worker:create before it returns).
    const events: WorkerEvents = new EventEmitter();
    const started: { runner?: Runner } = {};
    events.on('worker:create', ({ worker }) => {
      this.alive.set(worker.workerId, worker);
    });
    // A worker whose query for a job failed may have locked one the lost answer never told it about: it is
    // stopped (and replaced), so whatever it holds can be released by its id.
    events.on('worker:getJob:error', ({ worker, error }) => {
      if (!this.stopping) this.logger.warn(`Queue worker ${worker.workerId} lost the database (${errorMessage(error)}); replacing it`);
      Promise.resolve(worker.release()).catch(() => undefined); // its exit is logged by graphile-worker
    });
    events.on('worker:fatalError', ({ worker, error }) => {
      const job = worker.getActiveJob();
      this.logger.warn(`Queue worker ${worker.workerId} could not release job ${job?.id ?? '?'} (${errorMessage(error)}); releasing it and replacing the worker`);
    });
    events.on('worker:stop', ({ worker }) => {
      this.alive.delete(worker.workerId);
      this.gone.add(worker.workerId);
      void this.releaseGone();
      if (started.runner && started.runner === this.runner) this.scheduleRestart();
    });
    const runner = await run({
      pgPool: pool,
      taskList: this.tasks,
      concurrency: this.config.WORKER_CONCURRENCY,
      noHandleSignals: true,
      pollInterval: 1000,
      logger,
      events,
    });
    started.runner = runner;
    this.runner = runner;
    // A runner that stops by itself (after an error it logged) is replaced like one that lost a worker.
    const replace = () => {
      if (runner === this.runner) this.scheduleRestart();
    };
    runner.promise.then(replace, replace);
  }

  /**
   * Workers lost together (one dropped connection) are replaced by one restart, a moment later; while the
   * database stays away, restarts back off up to 10 s until a heartbeat gets through again.
   */
  private scheduleRestart(): void {
    if (this.stopping || this.restartTimer || this.restarting) return;
    const delay = Math.min(10_000, 250 * 2 ** this.restarts);
    this.restarts++;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.restarting = this.restart().finally(() => {
        this.restarting = undefined;
        if (!this.runner) this.scheduleRestart(); // it could not start: again, later
      });
    }, delay);
  }

  /**
   * A whole new runner takes over at once; the old one's remaining workers finish the job each holds and
   * stop, so for that moment the instance may run more than WORKER_CONCURRENCY jobs.
   */
  private async restart(): Promise<void> {
    if (this.stopping || !this.pool || !this.workerLogger) return;
    const old = this.runner;
    this.runner = undefined;
    if (old) this.retire(old);
    try {
      await this.startRunner(this.pool, this.workerLogger);
      this.logger.warn(`Queue workers replaced: ${this.config.WORKER_CONCURRENCY} running again`);
    } catch (error) {
      this.logger.warn(`Queue workers could not be started (${errorMessage(error)}); trying again`);
    }
  }

  private retire(runner: Runner): void {
    const stopped = runner
      .stop()
      .catch(() => undefined) // already stopped by itself
      .finally(() => this.retiring.delete(stopped));
    this.retiring.add(stopped);
  }

  /**
   * Every fifth of the lease: this process's leases are renewed, and stopped or dead workers released. Each
   * on its own, so that a release waiting on a row lock never lets this process's own leases run out.
   */
  private beat(pool: Pool): void {
    void this.renew(pool);
    void this.releaseGone();
    void this.sweep(pool);
    void this.collectSometimes();
  }

  private async collectSometimes(): Promise<void> {
    if (this.collecting || this.stopping || Date.now() - this.collectedAt < QUEUE_COLLECT_MS) return;
    this.collecting = true;
    try {
      const count = await this.collectQueues();
      if (count === null) return;
      this.collectedAt = Date.now();
      if (count > 0) this.logger.debug(`Queue: ${count} empty queues collected`);
    } catch (error) {
      if (!this.stopping) this.logger.warn(`Queue: collecting empty queues failed (${errorMessage(error)})`);
    } finally {
      this.collecting = false;
    }
  }

  private async renew(pool: Pool): Promise<void> {
    const ids = [...this.alive.keys()];
    if (this.renewing || this.stopping || ids.length === 0) return;
    this.renewing = true;
    try {
      await pool.query(RENEW, [ids, this.instance]);
      if (ids.length >= this.config.WORKER_CONCURRENCY) this.restarts = 0;
    } catch (error) {
      if (!this.stopping) this.logger.warn(`Queue heartbeat failed: ${errorMessage(error)}`);
    } finally {
      this.renewing = false;
    }
  }

  /** Releases this process's stopped workers in the database; kept for the next beat if it cannot. */
  private releaseGone(): Promise<void> {
    this.releasing = this.releasing.then(async () => {
      const ids = [...this.gone];
      if (ids.length === 0 || !this.pool) return;
      // Twice: right after a dropped connection the pool may still hand out one of its dead clients.
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          await this.withLockTimeout(this.pool, RELEASE, [ids]);
          for (const id of ids) this.gone.delete(id);
          return;
        } catch (error) {
          if (attempt === 2 && !this.stopping) this.logger.warn(`Queue: could not release stopped workers yet (${errorMessage(error)})`);
        }
      }
    });
    return this.releasing;
  }

  private async sweep(pool: Pool): Promise<void> {
    if (this.sweeping || this.stopping) return;
    this.sweeping = true;
    try {
      const rows = await this.withLockTimeout<{ ids: string[] }>(pool, SWEEP, [this.config.QUEUE_LEASE_SECONDS]);
      for (const row of rows) this.logger.warn(`Queue: took over the jobs of workers that stopped renewing their lease: ${row.ids.join(', ')}`);
    } catch (error) {
      if (!this.stopping) this.logger.warn(`Queue: looking for dead workers failed (${errorMessage(error)})`);
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * One statement that gives up on a row lock after a beat (a job row can stay locked by the backend of a
   * process that is gone until PostgreSQL notices), to be tried again at the next one.
   */
  private async withLockTimeout<R extends object>(pool: Pool, text: string, values: unknown[]): Promise<R[]> {
    return inTransaction(pool, Math.round((this.config.QUEUE_LEASE_SECONDS * 1000) / 5), async (client) => (await client.query<R>(text, values)).rows);
  }
}

/**
 * `work` in a transaction on a connection of the queue's pool, whose row-lock waits give up after
 * lockTimeoutMs; committed unless it throws. A connection that failed is dropped, not reused.
 */
async function inTransaction<T>(pool: Pool, lockTimeoutMs: number, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query("SELECT set_config('lock_timeout', $1, true)", [`${lockTimeoutMs}ms`]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error));
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release(broken);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
