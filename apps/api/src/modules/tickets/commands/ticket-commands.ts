import {
  ErrorCode,
  type AssignStrategy,
  type CustomValues,
  type EventActor,
  type NewDomainEvent,
  type RuleAction,
  type SystemEvent,
  type TicketPriority,
  type TicketSummary,
} from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../../common/errors/app-error';
import { updatedRows } from '../../../common/sql';
import { prepared, runPrepared } from '../../../database/prepared';
import { inTransaction, type Tx } from '../../../database/tx';
import { EventLog } from '../../../events/event-log';
import { AttachmentsService } from '../../attachments/attachments.service';
import { DepartmentsService } from '../../departments/departments.service';
import { SettingsService } from '../../settings/settings.service';
import { StatusesService } from '../statuses.service';
import type { MessageRow } from '../tickets.mappers';
import { HistoryWriter } from './history-writer';
import { TicketAnnouncer } from './ticket-announcer';
import { assertCanReply, assertLive, assertStatusAllowed, reopens, statusAfterExecutorChange } from './ticket-invariants';

/** A ticket's row as the commands lock it. */
export interface LockedTicket {
  id: string;
  number: number;
  live: boolean;
  status: string;
  priority: TicketPriority;
  executor_id: string | null;
  department_id: string;
  client_id: string;
}

export interface Person {
  id: string;
  name: string;
}

export type RuleActor = Extract<EventActor, { type: 'rule' }>;
type EmployeeActor = Extract<EventActor, { type: 'employee' }>;

/** What a transaction of commands gives back once it has committed and been announced. */
export interface Committed<T> {
  value: T;
  /** The events its commands produced (as they were appended to the event log). */
  events: NewDomainEvent[];
  /** A changed ticket as it was announced after the commit (else read now). */
  summary(ticketId: string): Promise<TicketSummary>;
}

export interface QueueSpec {
  groupId: string;
  strategy: AssignStrategy;
  preferPrevious: boolean;
}

export interface NewReply {
  body: string;
  /** The employee it is sent as; null for a rule's reply on a request nobody holds. */
  author: Person | null;
  clientMsgId?: string | null;
  attachmentIds?: string[];
  /** A template the reply comes from: its files go with it (a rule's template reply). */
  template?: { id: string; title: string } | null;
}

export type NewComment = Omit<NewReply, 'template'>;

export interface PostedEntry {
  row: MessageRow;
  /** The same clientMsgId was stored before: nothing new was written. */
  duplicate: boolean;
}

const LOCK = prepared('lock-ticket', `SELECT id, number, live, status, priority, executor_id, department_id, client_id FROM tickets WHERE id = $1 FOR UPDATE`);

/** The dispatcher's assignment of a round's requests (prepared: part of every round, see dispatcher.service.ts). */
const ASSIGN_FROM_QUEUE = prepared(
  'assign-from-queue',
  `UPDATE tickets t SET executor_id = x.employee_id, status = 'in_progress', assigned_at = clock_timestamp(), queued_at = NULL,
          queue_exclude_id = NULL, updated_at = now()
     FROM unnest($1::uuid[], $2::uuid[]) AS x(ticket_id, employee_id) WHERE t.id = x.ticket_id AND t.live AND t.executor_id IS NULL`,
);

const SLA_SYSTEM: EventActor = { type: 'system', reason: 'sla' };
const DISPATCHER: EventActor = { type: 'system', reason: 'dispatcher' };

/** SLA-2: which column holds each deadline and what meets it; each breach is returned once. */
const BREACH: Record<'first-reply' | 'resolution', string> = {
  'first-reply': `UPDATE tickets SET sla_breached = array_append(sla_breached, 'first-reply')
                   WHERE live AND first_replied_at IS NULL AND first_reply_due < now() AND NOT ('first-reply' = ANY(sla_breached))
                  RETURNING id`,
  resolution: `UPDATE tickets SET sla_breached = array_append(sla_breached, 'resolution')
                WHERE live AND resolution_due < now() AND NOT ('resolution' = ANY(sla_breached))
               RETURNING id`,
};

/**
 * The one way a ticket changes (issue #9). Every command takes the caller's transaction, locks the
 * ticket, checks its invariants once (ticket-invariants.ts), writes the history entries, appends its
 * events to the durable log (run() returns them) and notes what to announce after the commit. Permission checks stay in front
 * (TicketActions for employees); the dispatcher, rules, SLA, and later channels, webhooks and telephony
 * call the same commands. Nothing else writes the tickets table (a lint rule fails on any statement that
 * does).
 */
@Injectable()
export class TicketCommands {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryWriter,
    private readonly announcer: TicketAnnouncer,
    private readonly log: EventLog,
    private readonly statuses: StatusesService,
    private readonly settings: SettingsService,
    private readonly departments: DepartmentsService,
    private readonly attachments: AttachmentsService,
  ) {}

  /**
   * Runs commands in one new transaction; once it has committed, what they changed is announced. `on`: on
   * that manager's connection, with `committed` run between the COMMIT and the announcements.
   */
  async run<T>(work: (tx: Tx) => Promise<T>, on: { manager: EntityManager; committed: () => Promise<void> } | null = null): Promise<Committed<T>> {
    let done: Tx | undefined;
    const value = await inTransaction(
      on?.manager ?? this.dataSource,
      (tx) => {
        done = tx;
        return work(tx);
      },
      on?.committed,
    );
    const tx = done as Tx;
    return { value, events: this.log.producedIn(tx), summary: (ticketId) => this.announcer.summaryAfter(tx, ticketId) };
  }

  /** Locks the ticket row for the rest of the transaction. */
  async lock(tx: Tx, ticketId: string): Promise<LockedTicket> {
    const [ticket] = await runPrepared<LockedTicket>(tx.m, LOCK, [ticketId]);
    if (!ticket) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    return ticket;
  }

  // ---------------------------------------------------------------- who holds it

  /** WORK-2, DSP-4: the executor of a live request. False when they already were. */
  async assign(tx: Tx, ticketId: string, executor: Person, actor: EventActor): Promise<boolean> {
    const ticket = await this.lock(tx, ticketId);
    assertLive(ticket);
    if (ticket.executor_id === executor.id) return false;
    await tx.m.query(
      `UPDATE tickets SET executor_id = $2, status = $3, assigned_at = clock_timestamp(), queued_at = NULL, queue_exclude_id = NULL, updated_at = now()
        WHERE id = $1`,
      [ticketId, executor.id, statusAfterExecutorChange(ticket, executor.id)],
    );
    const entries: { ticketId: string; event: SystemEvent }[] = [{ ticketId, event: { type: 'ticket.assigned', employeeId: executor.id, employeeName: executor.name } }];
    if (actor.type === 'rule') entries.push({ ticketId, event: ruleApplied(actor, 'assign', executor.name) });
    await this.write(tx, ticketId, await this.history.systemMany(tx.m, entries), 'assigned', { executorId: ticket.executor_id }, [
      { type: 'ticket.assigned', data: { ticketId, executorId: executor.id, previousExecutorId: ticket.executor_id }, actor },
    ]);
    return true;
  }

  /**
   * DSP-5: one dispatcher round's decisions, in one statement each for the tickets and their history.
   * The caller holds the queued tickets' row locks and has checked the operators' limits under theirs.
   */
  async assignFromQueue(tx: Tx, decisions: { ticketId: string; executor: Person; ruleName: string | null }[]): Promise<void> {
    if (decisions.length === 0) return;
    await runPrepared(tx.m, ASSIGN_FROM_QUEUE, [decisions.map((d) => d.ticketId), decisions.map((d) => d.executor.id)]);
    const entries: { ticketId: string; event: SystemEvent }[] = [];
    for (const d of decisions) {
      entries.push({ ticketId: d.ticketId, event: { type: 'ticket.assigned', employeeId: d.executor.id, employeeName: d.executor.name } });
      if (d.ruleName) entries.push({ ticketId: d.ticketId, event: { type: 'rule.applied', ruleId: null, ruleName: d.ruleName, action: 'assign', detail: d.executor.name } });
    }
    const rows = await this.history.systemMany(tx.m, entries);
    await this.log.append(
      tx,
      decisions.map((d) => ({
        type: 'ticket.assigned',
        data: { ticketId: d.ticketId, executorId: d.executor.id, previousExecutorId: null },
        actor: d.ruleName ? { type: 'rule', ruleId: null, ruleName: d.ruleName } : DISPATCHER,
      })),
    );
    for (const d of decisions) {
      this.announcer.changed(tx, d.ticketId, 'assigned');
      this.announcer.entries(tx, d.ticketId, rows.filter((r) => r.ticket_id === d.ticketId));
    }
  }

  /**
   * The executor leaves these live requests (disabled, offline, no reply: DSP-6). Each goes back to the
   * dispatcher's queue it came from, keeping its place by arrival and not offered to them again, or to
   * Unassigned. Returns the tickets released.
   */
  async release(tx: Tx, ticketIds: string[], from: Person, actor: EventActor): Promise<string[]> {
    if (ticketIds.length === 0) return [];
    const released = updatedRows<{ id: string }>(
      await tx.m.query(
        `UPDATE tickets SET executor_id = NULL, status = 'open', assigned_at = NULL, updated_at = now(),
                queued_at = CASE WHEN queue_group_id IS NULL THEN NULL ELSE COALESCE(waiting_since, created_at) END,
                queue_exclude_id = $2
          WHERE id = ANY($1::uuid[]) AND live AND executor_id = $2
         RETURNING id`,
        [ticketIds, from.id],
      ),
    ).map((r) => r.id);
    const rows = await this.history.systemMany(
      tx.m,
      released.map((ticketId) => ({ ticketId, event: { type: 'ticket.released', employeeId: from.id, employeeName: from.name } })),
    );
    await this.log.append(
      tx,
      released.map((ticketId) => ({ type: 'ticket.released', data: { ticketId, previousExecutorId: from.id }, actor })),
    );
    for (const ticketId of released) {
      this.announcer.changed(tx, ticketId, 'assigned', { executorId: from.id });
      this.announcer.entries(tx, ticketId, rows.filter((r) => r.ticket_id === ticketId));
    }
    return released;
  }

  /** DSP-4: the assign action puts a request nobody holds in a group's queue. False when it was not waiting for one. */
  async enqueue(tx: Tx, ticketId: string, spec: QueueSpec, actor: RuleActor): Promise<boolean> {
    const queued = updatedRows(
      await tx.m.query(
        `UPDATE tickets SET queued_at = clock_timestamp(), queue_group_id = $2, queue_strategy = $3, queue_prefer_previous = $4,
                queue_rule_name = $5, queue_exclude_id = NULL, updated_at = now()
          WHERE id = $1 AND live AND executor_id IS NULL AND queued_at IS NULL
            AND EXISTS (SELECT 1 FROM groups WHERE id = $2)
         RETURNING id`,
        [ticketId, spec.groupId, spec.strategy, spec.preferPrevious, actor.ruleName],
      ),
    );
    if (queued.length === 0) return false;
    await this.log.append(tx, [{ type: 'ticket.queued', data: { ticketId, groupId: spec.groupId }, actor }]);
    this.announcer.changed(tx, ticketId, 'updated');
    return true;
  }

  /** The group a request waited for was deleted: it stays in Unassigned for people to take. */
  async dropFromQueue(tx: Tx, ticketIds: string[]): Promise<void> {
    if (ticketIds.length === 0) return;
    await tx.m.query('UPDATE tickets SET queued_at = NULL WHERE id = ANY($1::uuid[])', [ticketIds]);
    for (const ticketId of ticketIds) this.announcer.changed(tx, ticketId, 'updated');
  }

  /** DSP-5: the history says these requests wait for a free operator (only those nobody could take at once). */
  async noteQueued(tx: Tx, queued: { ticketId: string; ruleName: string }[]): Promise<void> {
    if (queued.length === 0) return;
    const waiting = await tx.m.query<{ id: string; group_name: string }[]>(
      `SELECT t.id, g.name AS group_name FROM tickets t JOIN groups g ON g.id = t.queue_group_id
        WHERE t.id = ANY($1::uuid[]) AND t.live AND t.executor_id IS NULL AND t.queued_at IS NOT NULL
        ORDER BY t.id FOR UPDATE OF t`,
      [queued.map((q) => q.ticketId)],
    );
    const ruleOf = new Map(queued.map((q) => [q.ticketId, q.ruleName]));
    const rows = await this.history.systemMany(
      tx.m,
      waiting.map((t) => ({ ticketId: t.id, event: { type: 'ticket.queued', ruleName: ruleOf.get(t.id) ?? null, groupName: t.group_name } })),
    );
    for (const t of waiting) await this.write(tx, t.id, rows.filter((r) => r.ticket_id === t.id), 'updated');
  }

  /**
   * WORK-10, DSP-3: to another department and/or executor. `executor`: a person, nobody, or (a rule moving
   * the request) whoever holds it if they work in the new department. The request leaves the dispatcher's
   * queue either way: the one who moved it decides who takes it next. Null when nothing changed.
   */
  async transfer(
    tx: Tx,
    ticketId: string,
    target: { departmentId: string; executor: Person | null | 'keep-if-member'; comment?: string | null },
    actor: EventActor,
  ): Promise<{ previousExecutorId: string | null } | null> {
    const ticket = await this.lock(tx, ticketId);
    assertLive(ticket);
    const department = await this.departments.get(target.departmentId, tx.m);
    if (target.executor && target.executor !== 'keep-if-member' && !department.memberIds.includes(target.executor.id)) {
      throw new AppError(ErrorCode.ValidationFailed, `${target.executor.name} does not work in ${department.name}`);
    }
    const executorId =
      target.executor === 'keep-if-member'
        ? ticket.executor_id && department.memberIds.includes(ticket.executor_id)
          ? ticket.executor_id
          : null
        : (target.executor?.id ?? null);
    if (department.id === ticket.department_id && executorId === ticket.executor_id) return null;
    await tx.m.query(
      `UPDATE tickets SET department_id = $2, executor_id = $3, status = $4,
              assigned_at = CASE WHEN $3::uuid IS NULL THEN NULL WHEN $3::uuid IS DISTINCT FROM executor_id THEN clock_timestamp() ELSE assigned_at END,
              queued_at = NULL, queue_exclude_id = NULL, updated_at = now()
        WHERE id = $1`,
      [ticketId, department.id, executorId, statusAfterExecutorChange(ticket, executorId)],
    );
    const entries: MessageRow[] = [];
    if (target.comment && actor.type === 'employee') {
      entries.push(await this.history.entry(tx.m, { ticketId, kind: 'comment', body: target.comment, authorId: actor.id }));
    }
    const newExecutor = target.executor !== 'keep-if-member' ? target.executor : null;
    const movedDepartment = department.id !== ticket.department_id;
    const event: SystemEvent =
      actor.type === 'rule'
        ? ruleApplied(actor, 'change-department', department.name)
        : {
            type: 'ticket.transferred',
            byName: actorName(actor),
            toEmployeeId: newExecutor?.id ?? null,
            toEmployeeName: newExecutor?.name ?? null,
            toDepartmentId: movedDepartment ? department.id : null,
            toDepartmentName: movedDepartment ? department.name : null,
          };
    entries.push(await this.history.system(tx.m, ticketId, event));
    await this.write(tx, ticketId, entries, 'transferred', { departmentId: ticket.department_id, executorId: ticket.executor_id }, [
      {
        type: 'ticket.transferred',
        data: { ticketId, fromDepartmentId: ticket.department_id, toDepartmentId: department.id, fromExecutorId: ticket.executor_id, toExecutorId: executorId },
        actor,
      },
    ]);
    if (newExecutor && newExecutor.id !== ticket.executor_id) {
      this.announcer.handed(tx, ticketId, { employeeId: newExecutor.id, kind: 'transferred', byName: actorName(actor), comment: target.comment ?? null });
    }
    return { previousExecutorId: ticket.executor_id };
  }

  /** WORK-5: another employee joins the conversation. False when they were in it already. */
  async invite(tx: Tx, ticketId: string, invitee: Person, actor: EmployeeActor): Promise<boolean> {
    const ticket = await this.lock(tx, ticketId);
    assertLive(ticket);
    const added = await tx.m.query<{ employee_id: string }[]>(
      `INSERT INTO ticket_participants (ticket_id, employee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING employee_id`,
      [ticketId, invitee.id],
    );
    if (added.length === 0 || invitee.id === ticket.executor_id) return false;
    const entry = await this.history.system(tx.m, ticketId, { type: 'ticket.invited', byName: actor.name, employeeId: invitee.id, employeeName: invitee.name });
    await this.write(tx, ticketId, [entry], 'updated', undefined, [{ type: 'ticket.invited', data: { ticketId, employeeId: invitee.id }, actor }]);
    this.announcer.handed(tx, ticketId, { employeeId: invitee.id, kind: 'invited', byName: actor.name, comment: null });
    return true;
  }

  // ---------------------------------------------------------------- status, priority, fields

  /**
   * CORE-4: a configurable status. A live chat never gets a final one (only completing ends it); a closed
   * ticket that gets an open status again is reopened. False when it had that status already.
   */
  async setStatus(tx: Tx, ticketId: string, code: string, actor: EventActor): Promise<boolean> {
    const target = await this.statuses.get(code, tx.m);
    const ticket = await this.lock(tx, ticketId);
    assertStatusAllowed(ticket, target);
    if (ticket.status === code) return false;
    const wasFinal = await this.statuses.isFinal(ticket.status, tx.m);
    await tx.m.query(
      `UPDATE tickets SET status = $2, completed_at = CASE WHEN $3 THEN COALESCE(completed_at, now()) ELSE NULL END, updated_at = now() WHERE id = $1`,
      [ticketId, code, target.isFinal],
    );
    const event: SystemEvent =
      actor.type === 'rule' ? ruleApplied(actor, 'change-status', target.name) : { type: 'ticket.status-changed', byName: actorName(actor), from: ticket.status, to: code };
    const events: NewDomainEvent[] = [{ type: 'ticket.status_changed', data: { ticketId, from: ticket.status, to: code }, actor }];
    if (reopens(ticket, wasFinal, target)) events.push({ type: 'ticket.reopened', data: { ticketId, status: code }, actor });
    await this.write(tx, ticketId, [await this.history.system(tx.m, ticketId, event)], 'updated', undefined, events);
    return true;
  }

  /** DSP-3: a rule sets the priority (lists show urgent requests first). False when it had it already. */
  async setPriority(tx: Tx, ticketId: string, priority: TicketPriority, actor: RuleActor): Promise<boolean> {
    const ticket = await this.lock(tx, ticketId);
    if (ticket.priority === priority) return false;
    await tx.m.query('UPDATE tickets SET priority = $2, updated_at = now() WHERE id = $1', [ticketId, priority]);
    const entry = await this.history.system(tx.m, ticketId, ruleApplied(actor, 'set-priority', priority));
    await this.write(tx, ticketId, [entry], 'updated', undefined, [{ type: 'ticket.priority_changed', data: { ticketId, from: ticket.priority, to: priority }, actor }]);
    return true;
  }

  /** WORK-4: values of the administrator's custom fields, of the ticket and of its client (already validated). */
  async setCustomValues(tx: Tx, ticketId: string, values: { ticket: CustomValues | null; client: CustomValues | null }, actor: EventActor): Promise<void> {
    const ticket = await this.lock(tx, ticketId);
    if (values.ticket) {
      await tx.m.query(`UPDATE tickets SET custom = jsonb_strip_nulls(custom || $2::jsonb), updated_at = now() WHERE id = $1`, [ticketId, JSON.stringify(values.ticket)]);
    }
    if (values.client) {
      await tx.m.query(`UPDATE clients SET custom = jsonb_strip_nulls(custom || $2::jsonb), updated_at = now() WHERE id = $1`, [
        ticket.client_id,
        JSON.stringify(values.client),
      ]);
    }
    await this.write(tx, ticketId, [], 'updated', undefined, [
      { type: 'ticket.fields_changed', data: { ticketId, ticketFields: Object.keys(values.ticket ?? {}), clientFields: Object.keys(values.client ?? {}) }, actor },
    ]);
  }

  // ---------------------------------------------------------------- history

  /**
   * WORK-6: a reply to the client, delivered by the channel's durable job. Allowed in the live chat and
   * afterwards until the ticket is closed. A retried send (same clientMsgId) stores nothing new.
   */
  async postReply(tx: Tx, ticketId: string, reply: NewReply, actor: EventActor): Promise<PostedEntry> {
    const ticket = await this.lock(tx, ticketId);
    assertCanReply(ticket, await this.statuses.isFinal(ticket.status, tx.m));
    return this.post(tx, ticketId, 'reply', reply, actor, reply.template ? ruleNote(actor, 'send-template', reply.template.title) : null);
  }

  /** WORK-6: an internal comment; it never reaches the client by any path. */
  async postComment(tx: Tx, ticketId: string, comment: NewComment, actor: EventActor): Promise<PostedEntry> {
    await this.lock(tx, ticketId);
    return this.post(tx, ticketId, 'comment', comment, actor, ruleNote(actor, 'add-comment', null));
  }

  private async post(tx: Tx, ticketId: string, kind: 'reply' | 'comment', input: NewReply, actor: EventActor, note: SystemEvent | null): Promise<PostedEntry> {
    if (input.clientMsgId && input.author) {
      const [dup] = await tx.m.query<{ id: string }[]>('SELECT id FROM messages WHERE author_employee_id = $1 AND client_msg_id = $2', [
        input.author.id,
        input.clientMsgId,
      ]);
      if (dup) return { row: await this.history.messageRow(tx.m, dup.id), duplicate: true };
    }
    const entries = note ? [await this.history.system(tx.m, ticketId, note)] : [];
    const row = await this.history.entry(tx.m, {
      ticketId,
      kind,
      body: input.body,
      authorId: input.author?.id ?? null,
      clientMsgId: input.clientMsgId,
      attachmentIds: input.attachmentIds,
      templateId: input.template?.id ?? null,
    });
    entries.push(row);
    await this.write(tx, ticketId, entries, 'message', undefined, [
      { type: 'message.created', data: { ticketId, messageId: row.id, seq: row.seq, kind, opensTicket: false }, actor },
    ]);
    return { row, duplicate: false };
  }

  /** WORK-9: a failed reply is queued again (same message, same order guarantees). */
  async retryReply(tx: Tx, messageId: string): Promise<MessageRow> {
    const [message] = await tx.m.query<{ ticket_id: string; kind: string; delivery_state: string | null }[]>(
      'SELECT ticket_id, kind, delivery_state FROM messages WHERE id = $1 FOR UPDATE',
      [messageId],
    );
    if (!message) throw new AppError(ErrorCode.MessageNotFound, 'Message not found');
    if (message.kind !== 'reply' || message.delivery_state !== 'failed') throw new AppError(ErrorCode.NotRetryable, 'Only a failed reply can be sent again');
    await tx.m.query(`UPDATE messages SET delivery_state = 'queued', delivery_error = NULL, delivery_updated_at = now() WHERE id = $1`, [messageId]);
    await this.history.enqueueDelivery(tx.m, messageId, message.ticket_id);
    return this.history.messageRow(tx.m, messageId);
  }

  // ---------------------------------------------------------------- the end of a chat

  /** WORK-11: the chat ends and the ticket is completed; SET-1 merges the chat's replies in its history. */
  async complete(tx: Tx, ticketId: string, actor: EmployeeActor): Promise<void> {
    await this.end(tx, ticketId, actor, false);
  }

  /** WORK-14: the chat ends, the ticket stays open on its ticket page for further work. */
  async completeAsTicket(tx: Tx, ticketId: string, actor: EmployeeActor): Promise<void> {
    await this.end(tx, ticketId, actor, true);
  }

  private async end(tx: Tx, ticketId: string, actor: EmployeeActor, keepOpen: boolean): Promise<void> {
    const ticket = await this.lock(tx, ticketId);
    assertLive(ticket);
    const entries: MessageRow[] = [];
    if ((await this.settings.omni(tx.m)).mergeRepliesOnComplete) {
      const merged = await this.mergeReplies(tx, ticketId, actor);
      if (merged) entries.push(merged);
    }
    const status = keepOpen ? ticket.status : 'completed';
    await tx.m.query(
      `UPDATE tickets SET live = false, status = $2, completed_at = CASE WHEN $3 THEN completed_at ELSE now() END, waiting_since = NULL, updated_at = now()
        WHERE id = $1`,
      [ticketId, status, keepOpen],
    );
    const person = { employeeId: actor.id, employeeName: actor.name };
    entries.push(await this.history.system(tx.m, ticketId, keepOpen ? { type: 'ticket.moved-to-tickets', ...person } : { type: 'ticket.completed', ...person }));
    await this.write(tx, ticketId, entries, 'completed', undefined, [
      { type: 'ticket.completed', data: { ticketId, keptOpen: keepOpen, status }, actor },
    ]);
  }

  /** SET-1: the conversation's replies, combined into one entry of the ticket's history. */
  private async mergeReplies(tx: Tx, ticketId: string, actor: EmployeeActor): Promise<MessageRow | null> {
    const replies = await tx.m.query<{ id: string; body: string }[]>(
      `SELECT id, body FROM messages WHERE ticket_id = $1 AND kind = 'reply' AND visibility = 'both' ORDER BY seq`,
      [ticketId],
    );
    if (replies.length < 2) return null;
    const ids = replies.map((r) => r.id);
    await tx.m.query(`UPDATE messages SET visibility = 'chat' WHERE id = ANY($1::uuid[])`, [ids]);
    const merged = await this.history.entry(tx.m, {
      ticketId,
      kind: 'reply',
      body: replies.map((r) => r.body).filter((b) => b.length > 0).join('\n\n'),
      authorId: actor.id,
      shownIn: 'ticket',
    });
    await this.attachments.moveToMessage(tx.m, ids, merged.id);
    return this.history.messageRow(tx.m, merged.id);
  }

  // ---------------------------------------------------------------- SLA

  /** SLA-1: a new request's deadlines, fixed once. */
  async setDeadlines(tx: Tx, ticketId: string, firstReplyDue: Date | null, resolutionDue: Date | null): Promise<boolean> {
    const set = updatedRows(
      await tx.m.query(
        'UPDATE tickets SET first_reply_due = $2, resolution_due = $3 WHERE id = $1 AND live AND first_reply_due IS NULL RETURNING id',
        [ticketId, firstReplyDue, resolutionDue],
      ),
    );
    if (set.length === 0) return false;
    await this.write(tx, ticketId, [], 'updated', undefined, [
      { type: 'ticket.deadlines_set', data: { ticketId, firstReplyDue: firstReplyDue?.toISOString() ?? null, resolutionDue: resolutionDue?.toISOString() ?? null }, actor: SLA_SYSTEM },
    ]);
    return true;
  }

  /** SLA-2: marks every passed deadline of this kind, each once however many instances sweep. */
  async markSlaBreaches(tx: Tx, deadline: 'first-reply' | 'resolution'): Promise<string[]> {
    const ids = updatedRows<{ id: string }>(await tx.m.query(BREACH[deadline])).map((r) => r.id);
    const rows = await this.history.systemMany(tx.m, ids.map((ticketId) => ({ ticketId, event: { type: 'sla.breached', deadline } })));
    await this.log.append(
      tx,
      ids.map((ticketId) => ({ type: 'ticket.sla_breached', data: { ticketId, deadline }, actor: SLA_SYSTEM })),
    );
    for (const ticketId of ids) {
      this.announcer.changed(tx, ticketId, 'updated');
      this.announcer.entries(tx, ticketId, rows.filter((r) => r.ticket_id === ticketId));
      this.announcer.breached(tx, ticketId, deadline);
    }
    return ids;
  }

  // ---------------------------------------------------------------- helpers

  /** Events into the log, and the history entries and change to announce after the commit. */
  private async write(
    tx: Tx,
    ticketId: string,
    entries: MessageRow[],
    reason: Parameters<TicketAnnouncer['changed']>[2],
    previous?: Parameters<TicketAnnouncer['changed']>[3],
    events: NewDomainEvent[] = [],
  ): Promise<void> {
    await this.log.append(tx, events);
    this.announcer.changed(tx, ticketId, reason, previous);
    this.announcer.entries(tx, ticketId, entries);
  }
}

/** DSP-3: the history entry naming the rule that acted, and what it chose. */
function ruleApplied(actor: RuleActor, action: RuleAction['type'], detail: string | null): SystemEvent {
  return { type: 'rule.applied', ruleId: actor.ruleId, ruleName: actor.ruleName, action, detail };
}

function ruleNote(actor: EventActor, action: RuleAction['type'], detail: string | null): SystemEvent | null {
  return actor.type === 'rule' ? ruleApplied(actor, action, detail) : null;
}

function actorName(actor: EventActor): string {
  switch (actor.type) {
    case 'employee':
      return actor.name;
    case 'rule':
      return actor.ruleName;
    case 'client':
      return 'Client';
    case 'system':
      return 'System';
  }
}
