import { defaultOmniSettings, Permission, type AssignStrategy, type RuleAction } from '@omnichannel/contracts';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { loggableError } from '../../common/errors/error-response';
import { isDatabaseUnavailable, isTransient } from '../../common/sql';
import { prepared, runPrepared } from '../../database/prepared';
import type { Tx } from '../../database/tx';
import { AccessEvents } from '../permissions/permissions.events';
import { SettingsEvents } from '../settings/settings.service';
import { TicketCommands, type RuleActor } from '../tickets/commands/ticket-commands';
import { DispatcherEvents } from './dispatcher.events';

/** One lock key for every assignment decision, on every instance: decisions are serialised in PostgreSQL. */
const DISPATCH_LOCK = 5_180_417;

export type AssignAction = Extract<RuleAction, { type: 'assign' }>;

export interface QueuedTicket {
  id: string;
  department_id: string;
  client_id: string;
  queue_group_id: string | null;
  queue_strategy: AssignStrategy | null;
  queue_prefer_previous: boolean;
  queue_rule_name: string | null;
  queue_exclude_id: string | null;
}

/** Per transaction: the requests its assign actions queued. */
const QUEUED = {};

/** Requests one round of the dispatcher hands out at most. */
const MAX_BATCH = 200;

/** The module's default chat limit, read inside the statements that need it (settings are validated when saved). */
const DEFAULT_LIMIT = `COALESCE((SELECT (value->>'defaultChatLimit')::int FROM settings WHERE key = 'omni'), $3)`;

/**
 * Operators who can take a chat now (DSP-4): status that receives chats, enabled, the Omni right, room
 * under their limit, in one of the waiting requests' groups and departments. `active_chats` is kept by a
 * trigger on tickets. Locked, in id order, as they are read: the counts the round decides on cannot change
 * before it commits (DSP-7). An operator whose row another transaction holds (a chat taken by hand, a status
 * change) is left out of this round rather than waited for. Memberships are read once each and joined
 * (issue #19: a subquery per operator took 4.2 ms of a round for 100 candidates, the joins 1.7 ms). $1
 * groups, $2 departments, $3 the built-in default limit.
 */
const CANDIDATES = prepared(
  'dispatch-candidates',
  `
WITH member AS (
  SELECT employee_id, array_agg(group_id) AS group_ids FROM employee_groups WHERE group_id = ANY($1::uuid[]) GROUP BY employee_id
), works AS (
  SELECT employee_id, array_agg(department_id) AS department_ids FROM department_members WHERE department_id = ANY($2::uuid[]) GROUP BY employee_id
), allowed AS (
  SELECT DISTINCT eg.employee_id FROM employee_groups eg JOIN groups g ON g.id = eg.group_id WHERE '${Permission.OmniAccess}' = ANY(g.permissions)
)
SELECT e.id, e.name, e.active_chats, COALESCE(e.chat_limit, ${DEFAULT_LIMIT})::int AS chat_limit, e.last_assigned_at,
       member.group_ids, works.department_ids
  FROM employees e
  JOIN operator_statuses s ON s.code = e.status AND s.receives_chats
  JOIN member ON member.employee_id = e.id
  JOIN works ON works.employee_id = e.id
  JOIN allowed ON allowed.employee_id = e.id
 WHERE e.disabled_at IS NULL AND e.deleted_at IS NULL
   AND e.active_chats < COALESCE(e.chat_limit, ${DEFAULT_LIMIT})
 ORDER BY e.id
 FOR UPDATE OF e SKIP LOCKED`,
);

/**
 * The head of the queue in arrival order, each request locked unless another transaction holds it (then
 * `id` is null and only the requests before it are handed out this round: the order is kept, nobody waits).
 */
const WAITING = prepared(
  'dispatch-waiting',
  `WITH head AS (
     SELECT id, row_number() OVER (ORDER BY queued_at, number) AS place
       FROM tickets WHERE live AND executor_id IS NULL AND queued_at IS NOT NULL
      ORDER BY queued_at, number LIMIT $1
   ), taken AS (
     SELECT t.id, t.department_id, t.client_id, t.queue_group_id, t.queue_strategy, t.queue_prefer_previous, t.queue_rule_name, t.queue_exclude_id
       FROM tickets t
      WHERE t.id IN (SELECT id FROM head) AND t.live AND t.executor_id IS NULL AND t.queued_at IS NOT NULL
        FOR UPDATE SKIP LOCKED
   )
   SELECT taken.* FROM head LEFT JOIN taken ON taken.id = head.id ORDER BY head.place`,
);

const NOTE_LAST_ASSIGNED = prepared(
  'dispatch-last-assigned',
  `UPDATE employees e SET last_assigned_at = clock_timestamp() + x.ord * interval '1 microsecond'
     FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, ord) WHERE e.id = x.id`,
);

/** A round that found the head of the queue held by another transaction looks again this soon. */
const HELD_RETRY_MS = 20;

interface CandidateRow {
  id: string;
  name: string;
  active_chats: number;
  chat_limit: number;
  last_assigned_at: Date | null;
  group_ids: string[];
  department_ids: string[];
}

interface Decision {
  ticket: QueuedTicket;
  operator: CandidateRow;
}

/**
 * DSP-4, DSP-5: in arrival order, each request goes to an eligible operator with room — the client's
 * previous executor first when asked, then the least busy (or, in round robin, whoever waited longest
 * since their last chat). Pure, so the rules of choice are tested on their own.
 */
export function decide(queue: QueuedTicket[], operators: CandidateRow[], previous: Map<string, string>): Decision[] {
  const load = new Map(operators.map((o) => [o.id, { active: o.active_chats, last: o.last_assigned_at?.getTime() ?? -Infinity }]));
  let clock = Date.now();
  const decisions: Decision[] = [];
  for (const ticket of queue) {
    const eligible = operators.filter((o) => {
      const l = load.get(o.id);
      return (
        l !== undefined &&
        l.active < o.chat_limit &&
        o.id !== ticket.queue_exclude_id &&
        o.group_ids.includes(ticket.queue_group_id ?? '') &&
        o.department_ids.includes(ticket.department_id)
      );
    });
    if (eligible.length === 0) continue;
    const prior = ticket.queue_prefer_previous ? previous.get(ticket.client_id) : undefined;
    const leastBusy = (ticket.queue_strategy ?? 'least-busy') === 'least-busy';
    const key = (o: CandidateRow) => {
      const l = load.get(o.id) ?? { active: 0, last: -Infinity };
      return [o.id === prior ? 0 : 1, leastBusy ? l.active : 0, l.last] as const;
    };
    eligible.sort((x, y) => {
      const [a, b] = [key(x), key(y)];
      return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
    });
    const chosen = eligible[0] as CandidateRow;
    const l = load.get(chosen.id);
    if (l) {
      l.active += 1;
      l.last = ++clock;
    }
    decisions.push({ ticket, operator: chosen });
  }
  return decisions;
}

/**
 * The dispatcher (DSP-4…DSP-7): the assign action queues a request for a group and hands out the queue
 * in arrival order to online operators with room under their limit. Every round runs in its own
 * transaction under one PostgreSQL advisory lock, so several API instances never decide at once; the
 * queue lives in the tickets table, so whichever instance sees capacity appear hands it out at once.
 * Capacity appearing because of a ticket or a status change is read from the event log
 * (dispatcher-queue.consumer.ts); a changed limit, right or setting is heard here.
 */
@Injectable()
export class DispatcherService implements OnModuleDestroy {
  private readonly logger = new Logger('Dispatcher');
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private closed = false;
  private connection: QueryRunner | null = null;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: TicketCommands,
  ) {}

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    // A round still running gives its connection back when it ends.
    await this.draining?.catch(() => undefined);
    const connection = this.connection;
    this.connection = null;
    if (connection && !connection.isReleased) await connection.release();
  }

  /**
   * The assign action, inside the rule's transaction: the request joins the queue of the group; once that
   * commits it is handed out at once when someone can take it and nobody waits before it (else the history
   * says it waits). False when the request was not waiting for an executor (assigned, queued, completed).
   */
  async assign(tx: Tx, ticketId: string, action: AssignAction, actor: RuleActor): Promise<boolean> {
    const queued = await this.commands.enqueue(tx, ticketId, action, actor);
    if (queued) {
      // Whatever a transaction queued is handed out in one round after its commit, and whatever is left
      // waiting gets its history entry in one more transaction. (The rules' consumer waits for that round
      // before its next batch: measured, letting it run on made the rounds of two instances collide.)
      const batch = tx.local(QUEUED, () => {
        const list: { ticketId: string; ruleName: string }[] = [];
        tx.afterCommit(() => this.handOut(list));
        return list;
      });
      batch.push({ ticketId, ruleName: actor.ruleName });
    }
    return queued;
  }

  private async handOut(queued: { ticketId: string; ruleName: string }[]): Promise<void> {
    try {
      await this.drain();
      await this.commands.run((tx) => this.commands.noteQueued(tx, queued));
    } catch (error) {
      this.logger.error({ err: loggableError(error), msg: 'Handing out newly queued requests failed' });
    }
  }

  /** Hands out the queue, oldest first, until nobody waiting can be served. Concurrent calls coalesce. */
  drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.drainAgain = false;
          await this.drainOnce();
        } while (this.drainAgain && !this.closed);
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
  }

  /**
   * One round: every waiting request, oldest first, against every operator with room, decided in one
   * transaction under the dispatch lock (so a burst of arrivals costs one decision, not one per request).
   */
  private async drainOnce(): Promise<void> {
    if (this.closed) return;
    const runner = await this.roundConnection();
    let locked = false;
    let broken: Error | undefined;
    const unlock = async () => {
      if (!locked) return;
      locked = false;
      await runner.query('SELECT pg_advisory_unlock($1)', [DISPATCH_LOCK]).catch((error: unknown) => {
        broken = error instanceof Error ? error : new Error(String(error));
        this.logger.warn(`Could not give back the dispatch turn: ${broken.message}`);
      });
    };
    try {
      // The turn is taken before the round's transaction begins: a round waits for another instance's round
      // without holding a transaction open, and starts deciding the moment it has the turn. Given back right
      // after the COMMIT (the announcements need no turn); a lost connection gives it back by itself.
      await runner.query('SELECT pg_advisory_lock($1)', [DISPATCH_LOCK]);
      locked = true;
      const { value: assigned } = await this.commands.run((tx) => this.round(tx), { manager: runner.manager, committed: unlock });
      // A full batch may have left more waiting behind it.
      if (assigned >= MAX_BATCH) this.drainAgain = true;
    } catch (error) {
      broken ??= isDatabaseUnavailable(error) || isTransient(error) ? (error as Error) : undefined;
      throw error;
    } finally {
      await unlock();
      // A connection that may still hold the turn, or failed, is closed (which gives the turn back) and replaced.
      if (broken) {
        this.connection = null;
        await (runner as unknown as { releasePostgresConnection(error: Error): Promise<void> }).releasePostgresConnection(broken);
      }
    }
  }

  /**
   * The rounds of this instance run one at a time on a connection of their own: their statements stay
   * prepared and its caches warm (measured: a fresh connection planned the candidates query in 2.3 ms and
   * the first round took 25–40 ms; see database/prepared.ts).
   */
  private async roundConnection(): Promise<QueryRunner> {
    if (this.connection && !this.connection.isReleased) return this.connection;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    this.connection = runner;
    return runner;
  }

  /** One round's decisions, in its transaction, holding the turn; the number of requests assigned. */
  private async round(tx: Tx): Promise<number> {
    const m = tx.m;
    // Tickets first, then operators, each in a fixed order: the lock order every other writer follows too.
    const head = await runPrepared<QueuedTicket | { id: null }>(m, WAITING, [MAX_BATCH]);
    const held = head.findIndex((t) => t.id === null);
    if (held >= 0) tx.afterCommit(() => this.lookAgainSoon());
    const waiting = (held >= 0 ? head.slice(0, held) : head) as QueuedTicket[];
    if (waiting.length === 0) return 0;
    // The group was deleted while the request waited: it stays in Unassigned for people to take.
    await this.commands.dropFromQueue(tx, waiting.filter((t) => !t.queue_group_id).map((t) => t.id));
    const queued = waiting.filter((t) => t.queue_group_id);
    if (queued.length === 0) return 0;
    const previous = await this.previousExecutors(m, queued.filter((t) => t.queue_prefer_previous));
    const groups = [...new Set(queued.map((t) => t.queue_group_id))];
    const departments = [...new Set(queued.map((t) => t.department_id))];
    const operators = await runPrepared<CandidateRow>(m, CANDIDATES, [groups, departments, defaultOmniSettings.defaultChatLimit]);
    const decisions = decide(queued, operators, previous);
    if (decisions.length === 0) return 0;
    await this.commands.assignFromQueue(
      tx,
      decisions.map((d) => ({ ticketId: d.ticket.id, executor: { id: d.operator.id, name: d.operator.name }, ruleName: d.ticket.queue_rule_name })),
    );
    await runPrepared(m, NOTE_LAST_ASSIGNED, [decisions.map((d) => d.operator.id)]);
    return decisions.length;
  }

  /** The executor of each client's latest other request (DSP-4 "previous executor first"). */
  private async previousExecutors(m: EntityManager, tickets: QueuedTicket[]): Promise<Map<string, string>> {
    if (tickets.length === 0) return new Map();
    const rows = await m.query<{ client_id: string; executor_id: string }[]>(
      `SELECT DISTINCT ON (client_id) client_id, executor_id FROM tickets
        WHERE client_id = ANY($1::uuid[]) AND executor_id IS NOT NULL AND NOT (id = ANY($2::uuid[]))
        ORDER BY client_id, created_at DESC`,
      [tickets.map((t) => t.client_id), tickets.map((t) => t.id)],
    );
    return new Map(rows.map((r) => [r.client_id, r.executor_id]));
  }

  /** The head of the queue was held by another transaction: another round soon, once it has let go. */
  private lookAgainSoon(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.drainQuietly();
    }, HELD_RETRY_MS);
    this.retry.unref();
  }

  /** The waiting visitor's place in line (1 = next), or null when the request is not queued. */
  async queuePosition(ticketId: string): Promise<number | null> {
    const [row] = await this.dataSource.query<{ position: number | null }[]>(
      `SELECT (SELECT count(*)::int FROM tickets o
                WHERE o.live AND o.executor_id IS NULL AND o.queued_at IS NOT NULL AND o.queue_group_id = t.queue_group_id
                  AND (o.queued_at, o.number) <= (t.queued_at, t.number)) AS position
         FROM tickets t WHERE t.id = $1 AND t.live AND t.executor_id IS NULL AND t.queued_at IS NOT NULL`,
      [ticketId],
    );
    return row?.position ?? null;
  }

  // ---------------------------------------------------------------- DSP-5: capacity appears, the queue moves

  @OnEvent(DispatcherEvents.LimitChanged, { promisify: true })
  async limitChanged(): Promise<void> {
    await this.drainQuietly();
  }

  @OnEvent(AccessEvents.Changed, { promisify: true })
  async accessChanged(): Promise<void> {
    await this.drainQuietly();
  }

  @OnEvent(SettingsEvents.OmniChanged, { promisify: true })
  async settingsChanged(): Promise<void> {
    await this.drainQuietly();
  }

  async drainQuietly(): Promise<void> {
    await this.drain().catch((error: unknown) => this.logger.error({ err: loggableError(error), msg: 'Dispatching the queue failed' }));
  }
}
