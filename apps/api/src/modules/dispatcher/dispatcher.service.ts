import { Permission, type RuleAction } from '@omnichannel/contracts';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import { loggableError } from '../../common/errors/error-response';
import { updatedRows } from '../../common/sql';
import { AccessEvents } from '../permissions/permissions.events';
import { SettingsEvents, SettingsService } from '../settings/settings.service';
import { TicketHistory } from '../tickets/ticket-history';
import type { MessageRow } from '../tickets/tickets.mappers';
import { TicketEvents, type TicketChangedEvent } from '../tickets/tickets.events';
import { DispatcherEvents, type StatusChangedEvent } from './dispatcher.events';
import type { AssignStrategy } from './dispatch.types';

/** One lock key for every assignment decision, on every instance: decisions are serialised in PostgreSQL. */
const DISPATCH_LOCK = 5_180_417;

export type AssignAction = Extract<RuleAction, { type: 'assign' }>;

export interface AssignOrigin {
  ruleId: string | null;
  ruleName: string;
}

interface QueuedTicket {
  id: string;
  department_id: string;
  client_id: string;
  queue_group_id: string | null;
  queue_strategy: AssignStrategy | null;
  queue_prefer_previous: boolean;
  queue_rule_name: string | null;
  queue_exclude_id: string | null;
}

/**
 * Picks an operator for a request (DSP-4) under the row locks of the candidates. `active_chats` is kept
 * by a trigger on tickets; FOR UPDATE re-checks the limit on the newest row version, so a limit holds
 * even against a hand-taken chat committing at the same moment.
 * $1 group, $2 department, $3 default limit, $4 previous executor (or null), $5 strategy, $6 excluded.
 */
const PICK_OPERATOR = `
SELECT e.id, e.name
  FROM employees e
  JOIN operator_statuses s ON s.code = e.status AND s.receives_chats
 WHERE e.disabled_at IS NULL AND e.deleted_at IS NULL
   AND e.active_chats < COALESCE(e.chat_limit, $3)
   AND e.id IS DISTINCT FROM $6::uuid
   AND EXISTS (SELECT 1 FROM employee_groups eg WHERE eg.employee_id = e.id AND eg.group_id = $1)
   AND EXISTS (SELECT 1 FROM department_members dm WHERE dm.employee_id = e.id AND dm.department_id = $2)
   AND EXISTS (SELECT 1 FROM employee_groups eg JOIN groups g ON g.id = eg.group_id
                WHERE eg.employee_id = e.id AND '${Permission.OmniAccess}' = ANY(g.permissions))
 ORDER BY COALESCE(e.id = $4::uuid, false) DESC,
          CASE WHEN $5 = 'least-busy' THEN e.active_chats ELSE 0 END,
          e.last_assigned_at ASC NULLS FIRST, e.id
 LIMIT 1
 FOR UPDATE OF e`;

/** The executor of the client's latest other request (DSP-4 "previous executor first"). */
const PREVIOUS_EXECUTOR = `SELECT executor_id FROM tickets WHERE client_id = $1 AND id <> $2 AND executor_id IS NOT NULL ORDER BY created_at DESC LIMIT 1`;

/**
 * The dispatcher (DSP-4…DSP-7): the assign action queues a request for a group and hands out the queue
 * in arrival order to online operators with room under their limit. Every decision runs in its own
 * transaction under one PostgreSQL advisory lock, so several API instances never decide at once; the
 * queue lives in the tickets table, so whichever instance sees capacity appear hands it out at once.
 */
@Injectable()
export class DispatcherService implements OnModuleDestroy {
  private readonly logger = new Logger('Dispatcher');
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private closed = false;
  /** Durations of recent decisions in ms, for the benchmark (P6). */
  readonly decisionTimes: number[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly history: TicketHistory,
    private readonly settings: SettingsService,
  ) {}

  onModuleDestroy(): void {
    this.closed = true;
  }

  /**
   * The assign action: the request joins the queue of the group and is handed out at once when someone
   * can take it and nobody waits before it. Returns false when the request was not waiting for an
   * executor (already assigned, already queued, or completed).
   */
  async assign(ticketId: string, action: AssignAction, origin: AssignOrigin): Promise<boolean> {
    const queued = updatedRows(
      await this.dataSource.query(
        `UPDATE tickets SET queued_at = clock_timestamp(), queue_group_id = $2, queue_strategy = $3, queue_prefer_previous = $4,
                queue_rule_name = $5, queue_exclude_id = NULL, updated_at = now()
          WHERE id = $1 AND live AND executor_id IS NULL AND queued_at IS NULL
            AND EXISTS (SELECT 1 FROM groups WHERE id = $2)
         RETURNING id`,
        [ticketId, action.groupId, action.strategy, action.preferPrevious, origin.ruleName],
      ),
    );
    if (queued.length === 0) return false;
    await this.drain();
    await this.announceIfStillQueued(ticketId, origin.ruleName);
    return true;
  }

  /**
   * DSP-6: the request leaves its executor and goes back to the queue (when a rule queued it before) or
   * to Unassigned; it keeps its place by arrival, and is not offered to the same executor again.
   */
  async reassign(m: EntityManager, ticketId: string, fromEmployeeId: string, fromName: string): Promise<MessageRow | null> {
    const released = updatedRows(
      await m.query(
        `UPDATE tickets SET executor_id = NULL, status = 'open', assigned_at = NULL, updated_at = now(),
                queued_at = CASE WHEN queue_group_id IS NULL THEN NULL ELSE COALESCE(waiting_since, created_at) END,
                queue_exclude_id = $2
          WHERE id = $1 AND live AND executor_id = $2
         RETURNING id`,
        [ticketId, fromEmployeeId],
      ),
    );
    if (released.length === 0) return null;
    return this.history.insertSystemEntry(m, ticketId, { type: 'ticket.released', employeeId: fromEmployeeId, employeeName: fromName });
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

  private async drainOnce(): Promise<void> {
    const waiting = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM tickets WHERE live AND executor_id IS NULL AND queued_at IS NOT NULL ORDER BY queued_at, number LIMIT 1000`,
    );
    if (waiting.length === 0) return;
    const defaultLimit = (await this.settings.omni()).defaultChatLimit;
    // Nobody could take a request of this group and department: later ones of the same kind wait too.
    const full = new Set<string>();
    for (const { id } of waiting) {
      if (this.closed) return;
      await this.decide(id, defaultLimit, full).catch((error: unknown) =>
        this.logger.error({ err: loggableError(error), msg: `Dispatching request ${id} failed`, ticketId: id }),
      );
    }
  }

  /** One decision: lock, pick, assign, write the history, all in one transaction; announced after commit. */
  private async decide(ticketId: string, defaultLimit: number, full: Set<string>): Promise<void> {
    const started = performance.now();
    const outcome = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [DISPATCH_LOCK]);
      const [ticket] = await m.query<QueuedTicket[]>(
        `SELECT id, department_id, client_id, queue_group_id, queue_strategy, queue_prefer_previous, queue_rule_name, queue_exclude_id
           FROM tickets WHERE id = $1 AND live AND executor_id IS NULL AND queued_at IS NOT NULL FOR UPDATE`,
        [ticketId],
      );
      if (!ticket) return null;
      if (!ticket.queue_group_id) {
        // The group was deleted while the request waited: it stays in Unassigned for people to take.
        await m.query('UPDATE tickets SET queued_at = NULL WHERE id = $1', [ticketId]);
        return null;
      }
      const kind = `${ticket.queue_group_id}:${ticket.department_id}:${ticket.queue_exclude_id ?? ''}`;
      if (full.has(kind)) return null;
      const previous = ticket.queue_prefer_previous
        ? ((await m.query<{ executor_id: string }[]>(PREVIOUS_EXECUTOR, [ticket.client_id, ticket.id]))[0]?.executor_id ?? null)
        : null;
      const [operator] = await m.query<{ id: string; name: string }[]>(PICK_OPERATOR, [
        ticket.queue_group_id,
        ticket.department_id,
        defaultLimit,
        previous,
        ticket.queue_strategy ?? 'least-busy',
        ticket.queue_exclude_id,
      ]);
      if (!operator) {
        full.add(kind);
        return null;
      }
      await m.query(
        `UPDATE tickets SET executor_id = $2, status = 'in_progress', assigned_at = now(), queued_at = NULL, queue_exclude_id = NULL, updated_at = now()
          WHERE id = $1`,
        [ticketId, operator.id],
      );
      await m.query('UPDATE employees SET last_assigned_at = clock_timestamp() WHERE id = $1', [operator.id]);
      const entries = [
        await this.history.insertSystemEntry(m, ticketId, { type: 'ticket.assigned', employeeId: operator.id, employeeName: operator.name }),
      ];
      if (ticket.queue_rule_name) {
        entries.push(
          await this.history.insertSystemEntry(m, ticketId, { type: 'rule.applied', ruleId: null, ruleName: ticket.queue_rule_name, action: 'assign', detail: operator.name }),
        );
      }
      return entries;
    });
    this.record(performance.now() - started);
    if (outcome) await this.history.announce(ticketId, 'assigned', outcome);
  }

  private async announceIfStillQueued(ticketId: string, ruleName: string): Promise<void> {
    const entry = await this.dataSource.transaction(async (m) => {
      const [ticket] = await m.query<{ group_name: string }[]>(
        `SELECT g.name AS group_name FROM tickets t JOIN groups g ON g.id = t.queue_group_id
          WHERE t.id = $1 AND t.live AND t.executor_id IS NULL AND t.queued_at IS NOT NULL FOR UPDATE OF t`,
        [ticketId],
      );
      if (!ticket) return null;
      return this.history.insertSystemEntry(m, ticketId, { type: 'ticket.queued', ruleName, groupName: ticket.group_name });
    });
    if (entry) await this.history.announce(ticketId, 'updated', [entry]);
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

  private record(ms: number): void {
    this.decisionTimes.push(ms);
    if (this.decisionTimes.length > 10_000) this.decisionTimes.splice(0, this.decisionTimes.length - 10_000);
  }

  // ---------------------------------------------------------------- DSP-5: capacity appears, the queue moves

  @OnEvent(DispatcherEvents.StatusChanged, { promisify: true })
  async statusChanged(event: StatusChangedEvent): Promise<void> {
    if (event.receivesChats) await this.drainQuietly();
  }

  @OnEvent(DispatcherEvents.LimitChanged, { promisify: true })
  async limitChanged(): Promise<void> {
    await this.drainQuietly();
  }

  @OnEvent(TicketEvents.Changed, { promisify: true })
  async ticketChanged({ reason, previous }: TicketChangedEvent): Promise<void> {
    // A chat ended or left its executor: that operator has room again.
    if (reason === 'completed' || reason === 'transferred' || (reason === 'assigned' && previous?.executorId)) await this.drainQuietly();
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
