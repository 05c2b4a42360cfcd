import type { DomainEvent, DomainEventType } from '@omnichannel/contracts';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { loggableError, warnDatabaseUnavailable } from '../common/errors/error-response';
import { isDatabaseUnavailable, isTransient, updatedRows } from '../common/sql';
import { finishesWithin } from '../common/time-limit';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DATABASE_CONNECT_TIMEOUT_MS } from '../database/data-source';
import { inTransaction, type Tx } from '../database/tx';
import { EVENTS_APPENDED, EventLog, toDomainEvent, type EventRow, type EventsAppended, type LogPosition } from './event-log';

/**
 * A durable reader of the event log (dispatcher rules, SLA deadlines, later webhooks and statistics).
 * It gets every event of its types at least once, in log order, on whichever instance holds its turn.
 */
export interface EventConsumer {
  /** Stable name: the key of its cursor. */
  readonly name: string;
  /** The event types it handles; the others only move its cursor. */
  readonly types: readonly DomainEventType[];
  /**
   * Of the events of its types, those it has work for, decided by reading only (e.g. whether any rule
   * listens). Batches with none are passed over without a transaction. Default: all of them.
   */
  relevant?(events: DomainEvent[], m: EntityManager): Promise<DomainEvent[]>;
  /**
   * Whether a committed event of one of its types is worth a look now (e.g. some rule listens to it); when
   * not, the event waits for the next poll, which passes over it (or handles it, if that changed meanwhile).
   * Default: yes.
   */
  wants?(type: DomainEventType): boolean;
  /**
   * At most this many relevant events per transaction (default: a whole batch). Where each event is real
   * work (rules acting on tickets), smaller transactions let the first of a burst take effect sooner.
   */
  readonly workPerTransaction?: number;
  /**
   * Handles a batch inside the transaction that advances the cursor, so what it writes there and the
   * cursor commit together (a crash redoes the whole batch, nothing half). It must catch and log a
   * failure of one event itself (in a savepoint); a thrown error rolls the batch back to be tried again.
   */
  handle(events: DomainEvent[], tx: Tx): Promise<void>;
}

/**
 * Handles each event in its own savepoint, so one that fails (logged, with its id) is skipped while the
 * rest of the batch goes on; what it had written is undone. A transient failure fails the batch instead.
 */
export async function eachEvent<T extends { event: DomainEvent }>(tx: Tx, items: T[], logger: Logger, work: (item: T, tx: Tx) => Promise<void>): Promise<void> {
  for (const item of items) {
    try {
      await tx.savepoint((inner) => work(item, inner));
    } catch (error) {
      // A deadlock or a lost connection: the whole batch is tried again, nothing is skipped.
      if (isTransient(error)) throw error;
      const { id, type } = item.event;
      logger.error({ err: loggableError(error), msg: `Event ${id} (${type}) could not be handled; skipped`, eventId: id });
    }
  }
}

/** Where an instance that does not consume tells the others that it committed events. */
export const EVENTS_CHANNEL = 'omni_events';
/** Such an instance notifies at most this often (a NOTIFY's commit takes a cluster-wide lock). */
const NOTIFY_EVERY_MS = 20;

const BATCH = 100;
/** When newer events wait for an older transaction to end, look again this soon. */
const HELD_RETRY_MS = 25;
/** Events that arrived during a batch are read after this pause, so that a busy log is read in batches. */
const GATHER_MS = 20;
const FAILURE_RETRY_MS = 1_000;
/** At shutdown, how long a running batch (and the LISTEN connection's goodbye) is waited for. */
const STOP_WAIT_MS = 1_500;
const PRUNE_EVERY_MS = 10 * 60_000;
const PRUNE_BATCH = 10_000;

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/** The later of two log positions (bigints as decimal strings). */
function later(a: LogPosition, b: LogPosition): LogPosition {
  const [at, ae, bt, be] = [BigInt(a.txId), BigInt(a.eventId), BigInt(b.txId), BigInt(b.eventId)];
  return at > bt || (at === bt && ae >= be) ? a : b;
}

/** How often a position passed over (events with nothing to do) is saved to the cursor. */
const SAVE_PASSED_MS = 1_000;

interface Run {
  running: Promise<void> | null;
  again: boolean;
  timer: NodeJS.Timeout | null;
  /**
   * Where this instance knows the consumer has nothing left to do: its cursor, or further when it passed
   * over events that needed nothing (a fact about the log, true for every instance). Behind the cursor
   * only costs a second look, never a missed event.
   */
  position: LogPosition;
  /** When `position` is ahead of the saved cursor, since when. */
  unsavedSince: number | null;
}

/**
 * Runs the durable consumers on every instance (unless EVENT_CONSUMERS is off). Each consumer's turn is a
 * PostgreSQL advisory lock, so one instance at a time reads a consumer's next batch; cursors live in
 * event_cursors. A consumer wakes when this process commits events; an instance that commits events but
 * does not consume sends a coalesced NOTIFY outside its transactions (a NOTIFY inside one would serialise
 * every commit of the cluster behind its lock); a slow poll covers anything missed.
 */
@Injectable()
export class EventConsumers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EventConsumers');
  private readonly consumers: EventConsumer[] = [];
  private readonly runs = new Map<string, Run>();
  private listener: Client | null = null;
  private timers: NodeJS.Timeout[] = [];
  private started = false;
  private stopping = false;
  private notifying: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly log: EventLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Called by modules in onModuleInit, before the consumers start. */
  register(consumer: EventConsumer): void {
    if (this.started) throw new Error(`Event consumer ${consumer.name} registered after start`);
    if (this.consumers.some((c) => c.name === consumer.name)) throw new Error(`Event consumer ${consumer.name} registered twice`);
    this.consumers.push(consumer);
    this.runs.set(consumer.name, { running: null, again: false, timer: null, position: { txId: '0', eventId: '0' }, unsavedSince: null });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.EVENT_CONSUMERS) return;
    // A consumer seen for the first time starts at the end of the log: it handles what happens from now on.
    await this.dataSource.query(
      `INSERT INTO event_cursors (consumer, tx_id, event_id)
       SELECT c.name, COALESCE(last.tx_id, 0), COALESCE(last.id, 0)
         FROM unnest($1::text[]) AS c(name)
         LEFT JOIN LATERAL (SELECT tx_id, id FROM domain_events ORDER BY tx_id DESC, id DESC LIMIT 1) last ON true
       ON CONFLICT (consumer) DO NOTHING`,
      [this.consumers.map((c) => c.name)],
    );
    const cursors = await this.dataSource.query<{ consumer: string; tx_id: string; event_id: string }[]>(
      'SELECT consumer, tx_id, event_id FROM event_cursors WHERE consumer = ANY($1::text[])',
      [this.consumers.map((c) => c.name)],
    );
    for (const c of cursors) {
      const run = this.runs.get(c.consumer);
      if (run) run.position = { txId: c.tx_id, eventId: c.event_id };
    }
    this.started = true;
    this.timers.push(setInterval(() => this.wake(), this.config.EVENT_POLL_MS), setInterval(() => void this.prune(), PRUNE_EVERY_MS));
    for (const timer of this.timers) timer.unref();
    await this.listen();
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.notifying) clearTimeout(this.notifying);
    for (const timer of this.timers) clearInterval(timer);
    for (const run of this.runs.values()) if (run.timer) clearTimeout(run.timer);
    // A batch waiting on a database that is away is not waited for: uncommitted, it is redone by the next process.
    const finished = await finishesWithin(Promise.all([...this.runs.values()].map((r) => r.running ?? Promise.resolve())), STOP_WAIT_MS);
    if (!finished) this.logger.warn(`A consumer batch was still running after ${STOP_WAIT_MS} ms; it will be redone`);
    const listener = this.listener;
    this.listener = null;
    if (listener) await finishesWithin(listener.end(), STOP_WAIT_MS).catch(() => undefined);
  }

  /** This process committed events: its consumers of those types read on, or (when it runs none) the others are told. */
  @OnEvent(EVENTS_APPENDED)
  appended({ types }: EventsAppended): void {
    if (this.config.EVENT_CONSUMERS) {
      this.wake(types);
      return;
    }
    if (this.notifying || this.stopping) return;
    this.notifying = setTimeout(() => {
      this.notifying = null;
      this.dataSource.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, '']).catch((error: unknown) => {
        if (!this.stopping) this.logger.warn(`Could not notify the event consumers: ${String(loggableError(error).message)}`);
      });
    }, NOTIFY_EVERY_MS);
    this.notifying.unref();
  }

  /**
   * Consumers read on (runs of one consumer coalesce): with `types`, only those that want an event of one
   * of them; without, every consumer (the poll, a notification from another instance).
   */
  wake(types?: readonly DomainEventType[]): void {
    if (!this.started || this.stopping) return;
    for (const consumer of this.consumers) {
      if (!types || types.some((type) => consumer.types.includes(type) && (consumer.wants?.(type) ?? true))) this.kick(consumer);
    }
  }

  /** Resolves when every consumer has read everything readable now (tests, and shutdown). */
  async settled(): Promise<void> {
    for (;;) {
      const pending = [...this.runs.values()].filter((r) => r.running !== null || r.timer !== null);
      if (pending.length === 0) return;
      await Promise.all(pending.map((r) => r.running ?? sleep(HELD_RETRY_MS)));
    }
  }

  private kick(consumer: EventConsumer): void {
    const run = this.runs.get(consumer.name);
    if (!run) return;
    if (run.running) {
      run.again = true;
      return;
    }
    if (run.timer) {
      clearTimeout(run.timer);
      run.timer = null;
    }
    run.running = (async () => {
      let retryIn: number | null = null;
      try {
        run.again = false;
        let outcome = await this.readBatch(consumer, run);
        for (;;) {
          // Held: newer events wait on an older transaction. Busy: another instance has the turn; a look
          // shortly after costs little and misses nothing.
          if (outcome === 'held' || outcome === 'busy') {
            retryIn = HELD_RETRY_MS;
            break;
          }
          if (this.stopping) break;
          if (outcome === 'done') {
            if (!run.again) break;
            // More arrived while it read: let a few more come, and read them together.
            await sleep(GATHER_MS);
          }
          run.again = false;
          outcome = await this.readBatch(consumer, run);
        }
      } catch (error) {
        // The database away is said every few seconds for the whole process, not by each consumer each second.
        if (!this.stopping && isDatabaseUnavailable(error)) warnDatabaseUnavailable(error);
        else if (!this.stopping) this.logger.error({ err: loggableError(error), msg: `Event consumer ${consumer.name} failed; it will try again` });
        retryIn = FAILURE_RETRY_MS;
      } finally {
        run.running = null;
      }
      if (retryIn !== null && !this.stopping) {
        run.timer = setTimeout(() => {
          run.timer = null;
          this.kick(consumer);
        }, retryIn);
        run.timer.unref();
      }
    })();
  }

  /**
   * The next batch. First a look, outside any transaction: most batches hold nothing for a given consumer
   * (a rule-less message, say), and those are passed over with that one read. A batch with work is then
   * handled in one transaction: take the consumer's turn, read from its cursor (or where the look got to,
   * if further), handle, move the cursor, commit, then run what the handler left for after the commit.
   */
  private async readBatch(consumer: EventConsumer, run: Run): Promise<'full' | 'done' | 'held' | 'busy'> {
    // Held events of types the consumer is not woken for now (no rule listens) are not waited for: the
    // position stops before them all the same, so a later read still hands them out.
    const waitFor = consumer.types.filter((type) => consumer.wants?.(type) ?? true);
    const look = await this.log.readAfter(this.dataSource.manager, run.position, BATCH, consumer.types, waitFor);
    const last = look.events.at(-1);
    if (!last) return look.held ? 'held' : 'done';
    const ofTypes = look.events.filter((e) => consumer.types.includes(e.type)).map(toDomainEvent);
    const work = consumer.relevant ? await consumer.relevant(ofTypes, this.dataSource.manager) : ofTypes;
    const outcome = look.events.length >= BATCH ? 'full' : look.held ? 'held' : 'done';
    if (work.length === 0) {
      run.position = { txId: last.tx_id, eventId: last.id };
      run.unsavedSince ??= Date.now();
      if (Date.now() - run.unsavedSince >= SAVE_PASSED_MS) await this.savePosition(consumer, run);
      return outcome;
    }
    return inTransaction(this.dataSource, async (tx) => {
      // An advisory lock rather than a row lock: it gives the transaction no id, so a consumer that is
      // only reading does not hold back the other consumers' horizon.
      if (!(await this.takeTurn(tx, consumer))) return 'busy';
      const [cursor] = await tx.m.query<{ tx_id: string; event_id: string }[]>('SELECT tx_id, event_id FROM event_cursors WHERE consumer = $1', [consumer.name]);
      if (!cursor) return 'done';
      const from = later({ txId: cursor.tx_id, eventId: cursor.event_id }, run.position);
      const read = await this.log.readAfter(tx.m, from, BATCH, consumer.types, waitFor);
      const { events, cut } = await this.cut(consumer, read.events, tx);
      const end = events.at(-1);
      if (!end) return read.held ? 'held' : 'done';
      const wanted = events.filter((e) => consumer.types.includes(e.type)).map(toDomainEvent);
      if (wanted.length > 0) await consumer.handle(wanted, tx);
      await this.moveCursor(tx, consumer, { txId: end.tx_id, eventId: end.id });
      tx.afterCommit(() => {
        run.position = later(run.position, { txId: end.tx_id, eventId: end.id });
        run.unsavedSince = null;
      });
      return cut || read.events.length >= BATCH ? 'full' : read.held ? 'held' : 'done';
    });
  }

  /** The events up to the consumer's share of work for one transaction; `cut` when some were left for the next. */
  private async cut(consumer: EventConsumer, events: EventRow[], tx: Tx): Promise<{ events: EventRow[]; cut: boolean }> {
    const limit = consumer.workPerTransaction;
    if (!limit) return { events, cut: false };
    const ofTypes = events.filter((e) => consumer.types.includes(e.type)).map(toDomainEvent);
    const work = consumer.relevant ? await consumer.relevant(ofTypes, tx.m) : ofTypes;
    const last = work[limit - 1];
    if (!last || work.length === limit) return { events, cut: false };
    return { events: events.slice(0, events.findIndex((e) => e.id === last.id) + 1), cut: true };
  }

  /** Saves a position passed over, in the consumer's turn (never over a batch another instance is handling). */
  private async savePosition(consumer: EventConsumer, run: Run): Promise<void> {
    const position = run.position;
    const saved = await inTransaction(this.dataSource, async (tx) => {
      if (!(await this.takeTurn(tx, consumer))) return false;
      await this.moveCursor(tx, consumer, position);
      return true;
    });
    if (saved) run.unsavedSince = null;
  }

  private async takeTurn(tx: Tx, consumer: EventConsumer): Promise<boolean> {
    const [turn] = await tx.m.query<{ ok: boolean }[]>('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok', [`omni-consumer:${consumer.name}`]);
    return turn?.ok === true;
  }

  /** Cursors only move forward. */
  private async moveCursor(tx: Tx, consumer: EventConsumer, to: LogPosition): Promise<void> {
    await tx.m.query(
      `UPDATE event_cursors SET tx_id = $2, event_id = $3, updated_at = now()
        WHERE consumer = $1 AND (tx_id, event_id) < ($2::bigint, $3::bigint)`,
      [consumer.name, to.txId, to.eventId],
    );
  }

  /** LISTEN for commits of other instances; when the connection drops, the poll carries on until it is back. */
  private async listen(): Promise<void> {
    if (this.stopping) return;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'omnichannel-events', connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS });
    const reconnect = () => {
      if (this.listener !== client || this.stopping) return;
      this.listener = null;
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), FAILURE_RETRY_MS).unref();
    };
    client.on('error', (error) => {
      if (!this.stopping) this.logger.warn(`Event notifications lost: ${error.message}`);
      reconnect();
    });
    client.on('end', reconnect);
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      if (!this.stopping) this.logger.warn(`Cannot listen for event notifications (${loggableError(error).message as string}); polling`);
      await client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), FAILURE_RETRY_MS * 5).unref();
    }
  }

  /**
   * Events are kept EVENT_RETENTION_DAYS, and never dropped before every consumer has read them.
   * Deleted in bounded batches, so pruning never holds long locks.
   */
  async prune(): Promise<number> {
    try {
      const deleted: unknown = await this.dataSource.query(
        `DELETE FROM domain_events WHERE id IN (
           SELECT e.id FROM domain_events e
            WHERE e.occurred_at < now() - make_interval(days => $1)
              AND NOT EXISTS (SELECT 1 FROM event_cursors c WHERE (c.tx_id, c.event_id) < (e.tx_id, e.id))
            LIMIT $2)
         RETURNING id`,
        [this.config.EVENT_RETENTION_DAYS, PRUNE_BATCH],
      );
      return updatedRows(deleted).length;
    } catch (error) {
      this.logger.warn({ err: loggableError(error), msg: 'Pruning the event log failed' });
      return 0;
    }
  }
}
