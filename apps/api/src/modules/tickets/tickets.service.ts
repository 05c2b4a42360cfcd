import {
  ErrorCode,
  Permission,
  type ChannelType,
  type DeliveryState,
  type Message,
  type MessagePage,
  type MessagePageQuery,
  type PostMessageRequest,
  type SystemEvent,
  type TicketDetail,
  type TicketSource,
  type TicketSummary,
  type TicketView,
  type VisitorMessage,
  type VisitorState,
  type VisitorSyncResponse,
} from '@omnichannel/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { loggableError } from '../../common/errors/error-response';
import { can, visibleDepartments, type EmployeePrincipal } from '../../common/principal';
import { QueueService } from '../../queue/queue.service';
import { EmployeeEvents, type EmployeeDeactivatedEvent } from '../employees/employees.events';
import {
  MESSAGE_SELECT,
  SUMMARY_SELECT,
  systemEventText,
  toMessage,
  toTicketDetail,
  toTicketSummary,
  toVisitorConversation,
  toVisitorMessage,
  type MessageRow,
  type TicketRow,
} from './tickets.mappers';
import {
  TicketEvents,
  ticketRef,
  type MessageCreatedEvent,
  type MessageUpdatedEvent,
  type TicketRef,
  type TicketChangeReason,
  type TicketChangedEvent,
} from './tickets.events';

/** The queue task that hands an employee's reply to its channel (see channels/outbound-delivery). */
export const DELIVER_MESSAGE_TASK = 'deliver-message';

export interface InboundClientMessage {
  channelId: string;
  channelType: ChannelType;
  departmentId: string;
  clientId: string;
  body: string;
  /** Idempotency key chosen by the sender (widget) or the platform's message id. */
  clientMsgId: string | null;
  source: Partial<TicketSource>;
}

export interface OutboundContext {
  message: Message;
  ticket: TicketRef;
  channelId: string;
}

/**
 * Appends a client message to the client's live ticket in one statement: the UPDATE takes the ticket's
 * row lock and the next sequence number, the INSERT stores the entry, the SELECT adds the author's name.
 * No row back means: no live ticket yet, or this clientMsgId is already stored (a retried send).
 */
const APPEND_TO_LIVE_TICKET = `
WITH t AS (
  UPDATE tickets
     SET last_seq = last_seq + 1, last_message_at = now(), waiting_since = COALESCE(waiting_since, now()), updated_at = now()
   WHERE client_id = $1 AND channel_id = $2 AND live
     AND NOT EXISTS (SELECT 1 FROM messages WHERE author_client_id = $1 AND client_msg_id = $4)
  RETURNING id, last_seq
), m AS (
  INSERT INTO messages (ticket_id, seq, kind, body, author_client_id, client_msg_id)
  SELECT t.id, t.last_seq, 'client', $3, $1, $4 FROM t
  ON CONFLICT DO NOTHING
  RETURNING *
)
SELECT m.*, NULL::text AS employee_name, c.name AS client_name, c.email AS client_email
  FROM m JOIN clients c ON c.id = m.author_client_id`;

/**
 * PERM-6: a ticket is visible to an employee with the Omni right when it is in one of their departments,
 * or when they are its executor. Parameters: $2 the departments, $3 the employee (or null).
 */
const VISIBLE = '(t.department_id = ANY($2::uuid[]) OR t.executor_id = $3)';

/** The executor id under which an employee sees their own tickets: nobody's, without the Omni right. */
function visibleExecutor(employee: EmployeePrincipal): string | null {
  return can(employee, Permission.OmniAccess) ? employee.id : null;
}

const LIST_LIMIT = 500;
const VISITOR_PAGE = 50;
const UNIQUE_VIOLATION = '23505';
const DELIVERY_ORDER: DeliveryState[] = ['queued', 'sent', 'delivered', 'read'];

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === UNIQUE_VIOLATION && name === constraint;
}

/**
 * Tickets and their history (CORE-4, CORE-5). Every write that changes what people see emits a domain
 * event after commit; the realtime publisher turns events into socket messages.
 */
@Injectable()
export class TicketsService {
  private readonly logger = new Logger(TicketsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
    private readonly queue: QueueService,
  ) {}

  // ---------------------------------------------------------------- inbound (client writes)

  /**
   * WORK-1: a client's message continues the client's live ticket on that channel or opens a new one.
   * Retried sends with the same clientMsgId store one entry. The common case — a live ticket exists —
   * is one statement (lock, number and insert together); the first message of a ticket and duplicates
   * take the transactional path. The sender's ack and the message event do not wait for the list update.
   */
  async appendClientMessage(input: InboundClientMessage): Promise<{ message: Message; ticketId: string; duplicate: boolean }> {
    const [fast] = await this.dataSource.query<MessageRow[]>(APPEND_TO_LIVE_TICKET, [input.clientId, input.channelId, input.body, input.clientMsgId]);
    if (fast) {
      this.announceMessage(toMessage(fast), { ...input, created: false });
      return { message: toMessage(fast), ticketId: fast.ticket_id, duplicate: false };
    }
    let outcome: { messageRow: MessageRow; duplicate: boolean; ticketId: string; created: boolean };
    try {
      outcome = await this.dataSource.transaction((m) => this.appendClientMessageTx(m, input));
    } catch (error) {
      if (!input.clientMsgId || !isUniqueViolation(error, 'messages_client_msg_key')) throw error;
      const [existing] = await this.dataSource.query<MessageRow[]>(
        `${MESSAGE_SELECT} WHERE m.author_client_id = $1 AND m.client_msg_id = $2`,
        [input.clientId, input.clientMsgId],
      );
      if (!existing) throw error;
      outcome = { messageRow: existing, duplicate: true, ticketId: existing.ticket_id, created: false };
    }
    const message = toMessage(outcome.messageRow);
    if (!outcome.duplicate) this.announceMessage(message, { ...input, created: outcome.created });
    return { message, ticketId: outcome.ticketId, duplicate: outcome.duplicate };
  }

  /** Emits the message at once, then the ticket's new list entry once it is read back. */
  private announceMessage(message: Message, origin: InboundClientMessage & { created: boolean }): void {
    this.events.emit(TicketEvents.MessageCreated, {
      message,
      ticket: { id: message.ticketId, clientId: origin.clientId, departmentId: origin.departmentId, channelType: origin.channelType },
    } satisfies MessageCreatedEvent);
    this.summary(message.ticketId).then(
      (ticket) => this.emitChanged(ticket, origin.created ? 'created' : 'message'),
      (error: unknown) => this.logger.error({ err: loggableError(error), msg: `Ticket ${message.ticketId} could not be announced` }),
    );
  }

  private async appendClientMessageTx(m: EntityManager, input: InboundClientMessage) {
    let created = false;
    let ticketId = await this.lockLiveTicket(m, input.clientId, input.channelId);
    if (!ticketId) {
      const inserted = await m.query<{ id: string }[]>(
        `INSERT INTO tickets (subject, status, live, department_id, client_id, channel_id, source)
         VALUES ($1, 'open', true, $2, $3, $4, $5)
         ON CONFLICT (client_id, channel_id) WHERE live DO NOTHING
         RETURNING id`,
        [subjectOf(input.body), input.departmentId, input.clientId, input.channelId, JSON.stringify(input.source)],
      );
      ticketId = inserted[0]?.id ?? (await this.lockLiveTicket(m, input.clientId, input.channelId));
      created = inserted.length > 0;
      if (!ticketId) throw new Error('Live ticket vanished while appending a message');
    }
    if (input.clientMsgId) {
      const [dup] = await m.query<MessageRow[]>(
        `${MESSAGE_SELECT} WHERE m.author_client_id = $1 AND m.client_msg_id = $2`,
        [input.clientId, input.clientMsgId],
      );
      if (dup) return { messageRow: dup, duplicate: true, ticketId: dup.ticket_id, created: false };
    }
    const seq = await this.nextSeq(m, ticketId, 'client');
    await m.query(
      `INSERT INTO messages (ticket_id, seq, kind, body, author_client_id, client_msg_id)
       VALUES ($1, $2, 'client', $3, $4, $5)`,
      [ticketId, seq, input.body, input.clientId, input.clientMsgId],
    );
    const [row] = await m.query<MessageRow[]>(`${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND m.seq = $2`, [ticketId, seq]);
    if (!row) throw new Error('Message was not stored');
    return { messageRow: row, duplicate: false, ticketId, created };
  }

  private async lockLiveTicket(m: EntityManager, clientId: string, channelId: string): Promise<string | null> {
    const rows = await m.query<{ id: string }[]>(
      'SELECT id FROM tickets WHERE client_id = $1 AND channel_id = $2 AND live FOR UPDATE',
      [clientId, channelId],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Hands out the next history sequence number. The row lock taken by this UPDATE serialises writers of
   * one ticket, so numbers are gapless and ordered by commit.
   */
  private async nextSeq(m: EntityManager, ticketId: string, author: 'client' | 'employee' | 'system'): Promise<number> {
    const waiting =
      author === 'client' ? 'COALESCE(waiting_since, now())' : author === 'employee' ? 'NULL' : 'waiting_since';
    const sql =
      'UPDATE tickets SET last_seq = last_seq + 1, updated_at = now()' +
      (author === 'system' ? '' : ', last_message_at = now()') +
      ', waiting_since = ' +
      waiting +
      ' WHERE id = $1 RETURNING last_seq';
    const [row] = updatedRows<{ last_seq: number }>(await m.query(sql, [ticketId]));
    const seq = row?.last_seq;
    if (typeof seq !== 'number') throw new Error(`Ticket ${ticketId} not found while numbering history`);
    return seq;
  }

  private async insertSystemEntry(m: EntityManager, ticketId: string, event: SystemEvent): Promise<MessageRow> {
    const seq = await this.nextSeq(m, ticketId, 'system');
    const [row] = await m.query<MessageRow[]>(
      `INSERT INTO messages (ticket_id, seq, kind, body, event) VALUES ($1, $2, 'system', $3, $4) RETURNING *`,
      [ticketId, seq, systemEventText(event), JSON.stringify(event)],
    );
    if (!row) throw new Error('System entry was not stored');
    return row;
  }

  // ---------------------------------------------------------------- operator actions

  /** WORK-2: exactly one of several concurrent takers wins; the database decides (conditional UPDATE). */
  async take(ticketId: string, employee: EmployeePrincipal): Promise<TicketSummary> {
    const visible = visibleDepartments(employee);
    const systemRow = await this.dataSource.transaction(async (m) => {
      const won = updatedRows(
        await m.query(
          `UPDATE tickets SET executor_id = $1, status = 'in_progress', updated_at = now()
            WHERE id = $2 AND live AND executor_id IS NULL AND department_id = ANY($3::uuid[])
            RETURNING id`,
          [employee.id, ticketId, visible],
        ),
      );
      if (won.length === 0) return null;
      return this.insertSystemEntry(m, ticketId, { type: 'ticket.assigned', employeeId: employee.id, employeeName: employee.name });
    });
    if (!systemRow) {
      const current = await this.findVisible(ticketId, employee);
      if (!current) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
      if (!current.live) throw new AppError(ErrorCode.TicketNotLive, 'This conversation is already completed');
      if (current.executor?.id === employee.id) return current;
      throw new AppError(ErrorCode.TicketAlreadyTaken, `${current.executor?.name ?? 'Another employee'} has already taken this request`, {
        executor: current.executor,
      });
    }
    const ticket = await this.summary(ticketId);
    this.emitChanged(ticket, 'assigned');
    this.events.emit(TicketEvents.MessageCreated, { message: toMessage(systemRow), ticket: ticketRef(ticket) } satisfies MessageCreatedEvent);
    return ticket;
  }

  /**
   * WORK-6: a reply goes to the client through the channel's delivery job; a comment stays internal.
   * Anyone who sees the ticket may comment; only its executor (or a supervisor, PERM-5) replies.
   */
  async postEmployeeMessage(ticketId: string, employee: EmployeePrincipal, request: PostMessageRequest): Promise<Message> {
    const result = await this.dataSource
      .transaction(async (m) => {
        const [ticket] = await m.query<{ id: string; live: boolean; executor_id: string | null }[]>(
          `SELECT t.id, t.live, t.executor_id FROM tickets t WHERE t.id = $1 AND ${VISIBLE} FOR UPDATE`,
          [ticketId, visibleDepartments(employee), visibleExecutor(employee)],
        );
        if (!ticket) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
        if (request.kind === 'reply' && !ticket.live) {
          throw new AppError(ErrorCode.TicketNotLive, 'This conversation is completed; replies can no longer be sent');
        }
        if (request.kind === 'reply' && ticket.executor_id !== employee.id && !can(employee, Permission.OmniManagement)) {
          throw new AppError(ErrorCode.NotExecutor, ticket.executor_id ? 'Only the executor of this request replies to the client' : 'Take the request before replying');
        }
        if (request.clientMsgId) {
          const [dup] = await m.query<MessageRow[]>(`${MESSAGE_SELECT} WHERE m.author_employee_id = $1 AND m.client_msg_id = $2`, [
            employee.id,
            request.clientMsgId,
          ]);
          if (dup) return { row: dup, duplicate: true };
        }
        const seq = await this.nextSeq(m, ticketId, request.kind === 'reply' ? 'employee' : 'system');
        const [row] = await m.query<MessageRow[]>(
          `INSERT INTO messages (ticket_id, seq, kind, body, author_employee_id, client_msg_id, delivery_state, delivery_updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7::text IS NULL THEN NULL ELSE now() END)
           RETURNING *`,
          [ticketId, seq, request.kind, request.body, employee.id, request.clientMsgId ?? null, request.kind === 'reply' ? 'queued' : null],
        );
        if (!row) throw new Error('Message was not stored');
        if (request.kind === 'reply') {
          await this.queue.enqueue(m, DELIVER_MESSAGE_TASK, { messageId: row.id }, { queueName: `deliver:${ticketId}` });
        }
        return { row, duplicate: false };
      })
      .catch(async (error: unknown) => {
        if (!request.clientMsgId || !isUniqueViolation(error, 'messages_employee_msg_key')) throw error;
        const [row] = await this.dataSource.query<MessageRow[]>(
          `${MESSAGE_SELECT} WHERE m.author_employee_id = $1 AND m.client_msg_id = $2`,
          [employee.id, request.clientMsgId],
        );
        if (!row) throw error;
        return { row, duplicate: true };
      });
    const message = toMessage({ ...result.row, employee_name: result.row.employee_name ?? employee.name });
    if (!result.duplicate) {
      const ticket = await this.summary(ticketId);
      this.emitChanged(ticket, 'message');
      this.events.emit(TicketEvents.MessageCreated, { message, ticket: ticketRef(ticket) } satisfies MessageCreatedEvent);
    }
    return message;
  }

  /** WORK-11: the chat leaves the active lists and the ticket gets the completed status (executor or supervisor). */
  async complete(ticketId: string, employee: EmployeePrincipal): Promise<TicketSummary> {
    const current = await this.findVisible(ticketId, employee);
    if (!current) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    if (current.executor?.id !== employee.id && !can(employee, Permission.OmniManagement)) {
      throw new AppError(ErrorCode.NotExecutor, 'Only the executor of this request or a supervisor completes it');
    }
    const systemRow = await this.dataSource.transaction(async (m) => {
      const done: unknown = await m.query(
        `UPDATE tickets SET live = false, status = 'completed', completed_at = now(), waiting_since = NULL, updated_at = now()
          WHERE id = $1 AND live
          RETURNING id`,
        [ticketId],
      );
      if (updatedRows(done).length === 0) return null;
      return this.insertSystemEntry(m, ticketId, {
        type: 'ticket.completed',
        employeeId: employee.id,
        employeeName: employee.name,
      });
    });
    if (!systemRow) throw new AppError(ErrorCode.TicketNotLive, 'This conversation is already completed');
    const ticket = await this.summary(ticketId);
    this.emitChanged(ticket, 'completed');
    this.events.emit(TicketEvents.MessageCreated, { message: toMessage(systemRow), ticket: ticketRef(ticket) } satisfies MessageCreatedEvent);
    return ticket;
  }

  /**
   * A disabled or deleted executor's live chats go back to Unassigned, each with a history entry, so no
   * client waits on someone who cannot answer.
   */
  @OnEvent(EmployeeEvents.Deactivated, { promisify: true })
  async releaseTicketsOf(event: EmployeeDeactivatedEvent): Promise<void> {
    const released = await this.dataSource.transaction(async (m) => {
      const rows = updatedRows<{ id: string }>(
        await m.query(
          `UPDATE tickets SET executor_id = NULL, status = 'open', updated_at = now()
            WHERE executor_id = $1 AND live RETURNING id`,
          [event.employeeId],
        ),
      );
      const entries: MessageRow[] = [];
      for (const { id } of rows) {
        entries.push(await this.insertSystemEntry(m, id, { type: 'ticket.released', employeeId: event.employeeId, employeeName: event.employeeName }));
      }
      return entries;
    });
    for (const entry of released) {
      const ticket = await this.summary(entry.ticket_id);
      this.emitChanged(ticket, 'assigned');
      this.events.emit(TicketEvents.MessageCreated, { message: toMessage(entry), ticket: ticketRef(ticket) } satisfies MessageCreatedEvent);
    }
  }

  // ---------------------------------------------------------------- delivery (WORK-9)

  async outboundContext(messageId: string): Promise<OutboundContext | null> {
    const [row] = await this.dataSource.query<(MessageRow & { channel_id: string; t_client_id: string; department_id: string; channel_type: ChannelType })[]>(
      `SELECT x.*, t.channel_id, t.client_id AS t_client_id, t.department_id, ch.type AS channel_type
         FROM (${MESSAGE_SELECT} WHERE m.id = $1) x
         JOIN tickets t ON t.id = x.ticket_id
         JOIN channels ch ON ch.id = t.channel_id`,
      [messageId],
    );
    if (!row) return null;
    return {
      message: toMessage(row),
      channelId: row.channel_id,
      ticket: { id: row.ticket_id, clientId: row.t_client_id, departmentId: row.department_id, channelType: row.channel_type },
    };
  }

  /** Moves a reply's delivery state forward only (platforms report out of order); `failed` is terminal. */
  async markDelivery(messageId: string, state: DeliveryState, error: string | null = null, externalId: string | null = null): Promise<Message | null> {
    const rank = DELIVERY_ORDER.indexOf(state);
    const updated: unknown = await this.dataSource.query(
      `UPDATE messages
          SET delivery_state = $2, delivery_error = $3, delivery_updated_at = now(), external_id = COALESCE($4, external_id)
        WHERE id = $1 AND kind = 'reply'
          AND (
            ($2 = 'failed' AND delivery_state IN ('queued', 'sent'))
            OR ($2 <> 'failed' AND delivery_state <> 'failed'
                AND array_position(ARRAY['queued','sent','delivered','read'], delivery_state) < $5)
          )
        RETURNING id`,
      [messageId, state, error, externalId, rank + 1],
    );
    if (updatedRows(updated).length === 0) return null;
    return this.publishDelivery(messageId);
  }

  private async publishDelivery(messageId: string): Promise<Message> {
    const context = await this.outboundContext(messageId);
    if (!context) throw new Error(`Message ${messageId} vanished`);
    this.events.emit(TicketEvents.MessageUpdated, { message: context.message, ticket: context.ticket } satisfies MessageUpdatedEvent);
    return context.message;
  }

  // ---------------------------------------------------------------- operator reads

  /** NAV-2 Unassigned (needs PERM-2) and NAV-3 the employee's own chats. */
  async list(view: TicketView, employee: EmployeePrincipal): Promise<TicketSummary[]> {
    if (view === 'unassigned' && !can(employee, Permission.OmniUnassigned)) {
      throw new AppError(ErrorCode.Forbidden, 'You do not have access to the Unassigned queue');
    }
    const rows =
      view === 'unassigned'
        ? await this.dataSource.query<TicketRow[]>(
            `${SUMMARY_SELECT} WHERE t.live AND t.executor_id IS NULL AND t.department_id = ANY($1::uuid[])
              ORDER BY t.created_at ASC LIMIT ${LIST_LIMIT}`,
            [visibleDepartments(employee)],
          )
        : await this.dataSource.query<TicketRow[]>(
            `${SUMMARY_SELECT} WHERE t.live AND t.executor_id = $1
              ORDER BY t.updated_at DESC LIMIT ${LIST_LIMIT}`,
            [visibleExecutor(employee)],
          );
    return rows.map(toTicketSummary);
  }

  async detail(ticketId: string, employee: EmployeePrincipal): Promise<TicketDetail> {
    const [row] = await this.dataSource.query<TicketRow[]>(`${SUMMARY_SELECT} WHERE t.id = $1 AND ${VISIBLE}`, [
      ticketId,
      visibleDepartments(employee),
      visibleExecutor(employee),
    ]);
    if (!row) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    return toTicketDetail(row);
  }

  /** Whether an employee may see a ticket (PERM-6; also grants its socket room). */
  async canSee(ticketId: string, employee: EmployeePrincipal): Promise<{ lastSeq: number } | null> {
    const [row] = await this.dataSource.query<{ last_seq: number }[]>(`SELECT t.last_seq FROM tickets t WHERE t.id = $1 AND ${VISIBLE}`, [
      ticketId,
      visibleDepartments(employee),
      visibleExecutor(employee),
    ]);
    return row ? { lastSeq: row.last_seq } : null;
  }

  /** WORK-12: pages of history, newest first by default; `afterSeq` resumes after a reconnect. */
  async messages(ticketId: string, query: MessagePageQuery, employee: EmployeePrincipal): Promise<MessagePage> {
    if (!(await this.canSee(ticketId, employee))) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    const limit = query.limit + 1;
    let rows: MessageRow[];
    if (query.afterSeq !== undefined) {
      rows = await this.dataSource.query<MessageRow[]>(`${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND m.seq > $2 ORDER BY m.seq ASC LIMIT $3`, [
        ticketId,
        query.afterSeq,
        limit,
      ]);
      const hasMore = rows.length > query.limit;
      return { items: rows.slice(0, query.limit).map(toMessage), hasMore };
    }
    rows = await this.dataSource.query<MessageRow[]>(`${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND m.seq < $2 ORDER BY m.seq DESC LIMIT $3`, [
      ticketId,
      query.beforeSeq ?? 2_147_483_647,
      limit,
    ]);
    const hasMore = rows.length > query.limit;
    return { items: rows.slice(0, query.limit).reverse().map(toMessage), hasMore };
  }

  // ---------------------------------------------------------------- visitor reads (widget)

  /** The visitor's latest conversation on this channel with its newest page of visible history. */
  async visitorState(clientId: string, channelId: string): Promise<Omit<VisitorState, 'visitor'>> {
    const [row] = await this.dataSource.query<TicketRow[]>(
      `${SUMMARY_SELECT} WHERE t.client_id = $1 AND t.channel_id = $2 ORDER BY t.live DESC, t.created_at DESC LIMIT 1`,
      [clientId, channelId],
    );
    if (!row) return { conversation: null, messages: [], hasMore: false };
    const rows = await this.dataSource.query<MessageRow[]>(
      `${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND m.kind <> 'comment' ORDER BY m.seq DESC LIMIT $2`,
      [row.id, VISITOR_PAGE + 1],
    );
    const messages = rows.slice(0, VISITOR_PAGE).reverse().map(toMessage).map(toVisitorMessage).filter(isVisitorMessage);
    return { conversation: toVisitorConversation(toTicketSummary(row)), messages, hasMore: rows.length > VISITOR_PAGE };
  }

  /** Everything visible to the visitor after `afterSeq`; someone else's ticket is "not found". */
  async visitorSync(clientId: string, ticketId: string, afterSeq: number): Promise<VisitorSyncResponse> {
    const [row] = await this.dataSource.query<TicketRow[]>(`${SUMMARY_SELECT} WHERE t.id = $1 AND t.client_id = $2`, [ticketId, clientId]);
    if (!row) throw new AppError(ErrorCode.ConversationNotFound, 'Conversation not found');
    const rows = await this.dataSource.query<MessageRow[]>(
      `${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND m.seq > $2 AND m.kind <> 'comment' ORDER BY m.seq ASC LIMIT 1000`,
      [ticketId, afterSeq],
    );
    return {
      conversation: toVisitorConversation(toTicketSummary(row)),
      messages: rows.map(toMessage).map(toVisitorMessage).filter(isVisitorMessage),
    };
  }

  /** The widget reports replies it received (delivered) or showed to the visitor (read). */
  async visitorReceipt(clientId: string, messageIds: string[], read: boolean): Promise<void> {
    const state: DeliveryState = read ? 'read' : 'delivered';
    const owned = await this.dataSource.query<{ id: string }[]>(
      `SELECT m.id FROM messages m JOIN tickets t ON t.id = m.ticket_id
        WHERE m.id = ANY($1::uuid[]) AND t.client_id = $2 AND m.kind = 'reply'`,
      [messageIds, clientId],
    );
    for (const { id } of owned) await this.markDelivery(id, state);
  }

  // ---------------------------------------------------------------- helpers

  async summary(ticketId: string): Promise<TicketSummary> {
    const [row] = await this.dataSource.query<TicketRow[]>(`${SUMMARY_SELECT} WHERE t.id = $1`, [ticketId]);
    if (!row) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    return toTicketSummary(row);
  }

  private async findVisible(ticketId: string, employee: EmployeePrincipal): Promise<TicketSummary | null> {
    const [row] = await this.dataSource.query<TicketRow[]>(`${SUMMARY_SELECT} WHERE t.id = $1 AND ${VISIBLE}`, [
      ticketId,
      visibleDepartments(employee),
      visibleExecutor(employee),
    ]);
    return row ? toTicketSummary(row) : null;
  }

  private emitChanged(ticket: TicketSummary, reason: TicketChangeReason): void {
    this.events.emit(TicketEvents.Changed, { ticket, reason } satisfies TicketChangedEvent);
  }
}

function isVisitorMessage(m: VisitorMessage | null): m is VisitorMessage {
  return m !== null;
}

function subjectOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/**
 * TypeORM's postgres driver answers UPDATE … RETURNING with `[rows, affectedCount]` (and SELECT/INSERT
 * with plain rows); this returns the rows either way.
 */
function updatedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return Array.isArray(result) ? (result as T[]) : [];
}
