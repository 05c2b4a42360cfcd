import type { DeliveryState, Message, SystemEvent, TicketSummary } from '@omnichannel/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { loggableError } from '../../common/errors/error-response';
import type { EmployeePrincipal } from '../../common/principal';
import { updatedRows } from '../../common/sql';
import { QueueService } from '../../queue/queue.service';
import { AttachmentsService, type Uploader } from '../attachments/attachments.service';
import { ErrorCode } from '@omnichannel/contracts';
import { MESSAGE_SELECT, SUMMARY_SELECT, systemEventText, toMessage, toTicketSummary, type MessageRow, type TicketRow } from './tickets.mappers';
import {
  TicketEvents,
  ticketRef,
  type MessageCreatedEvent,
  type MessageUpdatedEvent,
  type TicketChangeReason,
  type TicketChangedEvent,
  type TicketRef,
} from './tickets.events';

/** The queue task that hands an employee's reply to its channel (see channels/outbound-delivery). */
export const DELIVER_MESSAGE_TASK = 'deliver-message';

const DELIVERY_ORDER: DeliveryState[] = ['queued', 'sent', 'delivered', 'read'];

export interface NewEmployeeEntry {
  ticketId: string;
  employee: EmployeePrincipal;
  kind: 'reply' | 'comment';
  body: string;
  clientMsgId?: string | null;
  attachmentIds?: string[];
}

/**
 * Writing history (CORE-5) and telling about it: sequence numbers under the ticket's row lock, system
 * entries, employees' entries with their files and delivery job, and the domain events after commit.
 */
@Injectable()
export class TicketHistory {
  private readonly logger = new Logger('TicketHistory');

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
    private readonly queue: QueueService,
    private readonly attachments: AttachmentsService,
  ) {}

  /**
   * Hands out the next history sequence number. The row lock taken by this UPDATE serialises writers of
   * one ticket, so numbers are ordered by commit.
   */
  async nextSeq(m: EntityManager, ticketId: string, author: 'client' | 'employee' | 'system'): Promise<number> {
    const sql =
      author === 'client'
        ? `UPDATE tickets SET last_seq = last_seq + 1, last_client_seq = last_seq + 1, updated_at = now(), last_message_at = now(),
                  waiting_since = COALESCE(waiting_since, now()) WHERE id = $1 RETURNING last_seq`
        : author === 'employee'
          ? `UPDATE tickets SET last_seq = last_seq + 1, updated_at = now(), last_message_at = now(), waiting_since = NULL,
                    first_replied_at = COALESCE(first_replied_at, now()) WHERE id = $1 RETURNING last_seq`
          : 'UPDATE tickets SET last_seq = last_seq + 1, updated_at = now() WHERE id = $1 RETURNING last_seq';
    const [row] = updatedRows<{ last_seq: number }>(await m.query(sql, [ticketId]));
    if (typeof row?.last_seq !== 'number') throw new Error(`Ticket ${ticketId} not found while numbering history`);
    return row.last_seq;
  }

  async insertSystemEntry(m: EntityManager, ticketId: string, event: SystemEvent): Promise<MessageRow> {
    const seq = await this.nextSeq(m, ticketId, 'system');
    const [row] = await m.query<MessageRow[]>(
      `INSERT INTO messages (ticket_id, seq, kind, body, event) VALUES ($1, $2, 'system', $3, $4) RETURNING *`,
      [ticketId, seq, systemEventText(event), JSON.stringify(event)],
    );
    if (!row) throw new Error('System entry was not stored');
    return { ...row, attachments: [] };
  }

  /** Several system entries in two statements, numbered in the order given (the dispatcher's rounds). */
  async insertSystemEntries(m: EntityManager, entries: { ticketId: string; event: SystemEvent }[]): Promise<MessageRow[]> {
    if (entries.length === 0) return [];
    const counts = new Map<string, number>();
    for (const e of entries) counts.set(e.ticketId, (counts.get(e.ticketId) ?? 0) + 1);
    const numbered = updatedRows<{ id: string; last_seq: number }>(
      await m.query(
        `UPDATE tickets t SET last_seq = t.last_seq + x.n, updated_at = now()
           FROM unnest($1::uuid[], $2::int[]) AS x(id, n) WHERE t.id = x.id RETURNING t.id, t.last_seq`,
        [[...counts.keys()], [...counts.values()]],
      ),
    );
    const next = new Map(numbered.map((r) => [r.id, r.last_seq - (counts.get(r.id) ?? 0)]));
    const seqs = entries.map((e) => {
      const seq = (next.get(e.ticketId) ?? 0) + 1;
      next.set(e.ticketId, seq);
      return seq;
    });
    const rows = await m.query<MessageRow[]>(
      `INSERT INTO messages (ticket_id, seq, kind, body, event)
       SELECT x.ticket_id, x.seq, 'system', x.body, x.event FROM unnest($1::uuid[], $2::int[], $3::text[], $4::jsonb[]) AS x(ticket_id, seq, body, event)
       RETURNING *`,
      [entries.map((e) => e.ticketId), seqs, entries.map((e) => systemEventText(e.event)), entries.map((e) => JSON.stringify(e.event))],
    );
    return rows.map((r) => ({ ...r, attachments: [] })).sort((a, b) => a.seq - b.seq);
  }

  /**
   * Stores an employee's reply or comment with its files; a reply also gets its delivery job in the same
   * transaction, so a committed reply is always delivered (or marked failed), by any instance.
   */
  async insertEmployeeEntry(m: EntityManager, entry: NewEmployeeEntry): Promise<MessageRow> {
    // A comment does not answer the client: it leaves their waiting time alone.
    const seq = await this.nextSeq(m, entry.ticketId, entry.kind === 'reply' ? 'employee' : 'system');
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO messages (ticket_id, seq, kind, body, author_employee_id, client_msg_id, delivery_state, delivery_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7::text IS NULL THEN NULL ELSE now() END)
       RETURNING id`,
      [entry.ticketId, seq, entry.kind, entry.body, entry.employee.id, entry.clientMsgId ?? null, entry.kind === 'reply' ? 'queued' : null],
    );
    if (!row) throw new Error('Message was not stored');
    const uploader: Uploader = { employeeId: entry.employee.id };
    if (entry.attachmentIds?.length) await this.attachments.linkToMessage(m, entry.attachmentIds, uploader, row.id, entry.ticketId);
    if (entry.kind === 'reply') await this.enqueueDelivery(m, row.id, entry.ticketId);
    return this.messageRow(row.id, m);
  }

  async enqueueDelivery(m: EntityManager, messageId: string, ticketId: string): Promise<void> {
    await this.queue.enqueue(m, DELIVER_MESSAGE_TASK, { messageId }, { queueName: `deliver:${ticketId}` });
  }

  async messageRow(id: string, m: EntityManager = this.dataSource.manager): Promise<MessageRow> {
    const [row] = await m.query<MessageRow[]>(`${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
    if (!row) throw new AppError(ErrorCode.MessageNotFound, 'Message not found');
    return row;
  }

  async summary(ticketId: string, m: EntityManager = this.dataSource.manager): Promise<TicketSummary> {
    const [row] = await m.query<TicketRow[]>(`${SUMMARY_SELECT} WHERE t.id = $1`, [ticketId]);
    if (!row) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    return toTicketSummary(row);
  }

  /** After commit: the ticket's new state, then its new history entries. */
  async announce(
    ticketId: string,
    reason: TicketChangeReason,
    entries: MessageRow[] = [],
    previous?: TicketChangedEvent['previous'],
  ): Promise<TicketSummary> {
    const ticket = await this.summary(ticketId);
    this.events.emit(TicketEvents.Changed, { ticket, reason, previous } satisfies TicketChangedEvent);
    for (const entry of entries) this.emitMessage(toMessage(entry), ticketRef(ticket));
    return ticket;
  }

  emitMessage(message: Message, ticket: TicketRef): void {
    this.events.emit(TicketEvents.MessageCreated, { message, ticket } satisfies MessageCreatedEvent);
  }

  /** Emits a client's message at once and the ticket's list entry when it has been read back. */
  announceClientMessage(message: Message, ticket: TicketRef, reason: TicketChangeReason): void {
    this.emitMessage(message, ticket);
    this.announce(ticket.id, reason).catch((error: unknown) =>
      this.logger.error({ err: loggableError(error), msg: `Ticket ${ticket.id} could not be announced` }),
    );
  }

  /** Moves a reply's delivery state forward only (platforms report out of order); `failed` is terminal. */
  async markDelivery(messageId: string, state: DeliveryState, error: string | null = null, externalId: string | null = null): Promise<boolean> {
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
    return updatedRows(updated).length > 0;
  }

  emitDeliveryChanged(message: Message, ticket: TicketRef): void {
    this.events.emit(TicketEvents.MessageUpdated, { message, ticket } satisfies MessageUpdatedEvent);
  }
}
