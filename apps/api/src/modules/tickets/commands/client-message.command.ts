import type { ChannelType, Message, TicketSource } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../../common/sql';
import { prepared, runPrepared } from '../../../database/prepared';
import { inTransaction, type Tx } from '../../../database/tx';
import { EventLog } from '../../../events/event-log';
import { AttachmentsService } from '../../attachments/attachments.service';
import { APPENDED_SELECT, MESSAGE_COLUMNS, MESSAGE_SELECT, toAppended, toMessage, type AppendedRow, type MessageRow } from '../tickets.mappers';
import type { TicketRef } from '../tickets.events';
import { HistoryWriter } from './history-writer';
import { TicketAnnouncer } from './ticket-announcer';

export interface InboundClientMessage {
  channelId: string;
  channelType: ChannelType;
  departmentId: string;
  clientId: string;
  body: string;
  /** Idempotency key chosen by the sender (widget) or the platform's message id. */
  clientMsgId: string | null;
  source: Partial<TicketSource>;
  /** Files the client uploaded first (widget). */
  attachmentIds?: string[];
  /** The platform's id of the message (a messenger's): its edits and receipts name it by this. */
  externalId?: string | null;
}

export interface ReceivedMessage {
  message: Message;
  ticketId: string;
  duplicate: boolean;
}

/**
 * Appends a client message to the client's live ticket in one statement: the UPDATE takes the ticket's
 * row lock and the next sequence number, the INSERTs store the entry and its `message.created` event, the
 * SELECT returns the ticket's new list entry with the message (nothing is read back afterwards). No row
 * back means: no live ticket yet, or this clientMsgId is already stored (a retried send). Prepared: it is
 * the statement every client message of every channel runs. Exported for bench/pg-statement-cost.mjs, which
 * measures what it costs PostgreSQL.
 */
export const APPEND_TO_LIVE_TICKET = prepared(
  'append-client-message',
  `
WITH t AS (
  UPDATE tickets
     SET last_seq = last_seq + 1, last_client_seq = last_seq + 1, last_message_at = now(),
         waiting_since = COALESCE(waiting_since, now()), updated_at = now()
   WHERE client_id = $1 AND channel_id = $2 AND live
     AND NOT EXISTS (SELECT 1 FROM messages WHERE author_client_id = $1 AND client_msg_id = $4)
  RETURNING *
), m AS (
  INSERT INTO messages (ticket_id, seq, kind, body, author_client_id, client_msg_id, external_id)
  SELECT t.id, t.last_seq, 'client', $3, $1, $4, $5 FROM t
  ON CONFLICT DO NOTHING
  RETURNING ${MESSAGE_COLUMNS}
), e AS (
  INSERT INTO domain_events (type, ticket_id, actor, data)
  SELECT 'message.created', m.ticket_id, jsonb_build_object('type', 'client', 'id', m.author_client_id),
         jsonb_build_object('ticketId', m.ticket_id, 'messageId', m.id, 'seq', m.seq, 'kind', 'client', 'opensTicket', false)
    FROM m
)
${APPENDED_SELECT}`,
);

/**
 * The ticket command of every channel's inbound message (WORK-1): the message continues the client's live
 * ticket on that channel or opens a new one, with its events in the same transaction. Retried sends with
 * the same clientMsgId store one entry. The common case (a live ticket, no files) is one statement; the
 * first message of a ticket, files and duplicates take the transactional path. The sender's ack and the
 * message's announcement do not wait for the list update.
 */
@Injectable()
export class ClientMessageCommand {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryWriter,
    private readonly announcer: TicketAnnouncer,
    private readonly log: EventLog,
    private readonly attachments: AttachmentsService,
  ) {}

  async receive(input: InboundClientMessage): Promise<ReceivedMessage> {
    const ref = (ticketId: string): TicketRef => ({ id: ticketId, clientId: input.clientId, departmentId: input.departmentId, channelType: input.channelType });
    if (!input.attachmentIds?.length) {
      const [fast] = await runPrepared<AppendedRow>(this.dataSource, APPEND_TO_LIVE_TICKET, [
        input.clientId,
        input.channelId,
        input.body,
        input.clientMsgId,
        input.externalId ?? null,
      ]);
      if (fast) {
        this.log.appended(['message.created']);
        const { message, ticket } = toAppended(fast);
        this.announcer.clientMessage(message, ticket, 'message');
        return { message, ticketId: ticket.id, duplicate: false };
      }
    }
    try {
      return await inTransaction(this.dataSource, async (tx) => {
        const outcome = await this.appendInTx(tx, input);
        const message = toMessage(outcome.row);
        if (!outcome.duplicate) tx.afterCommit(() => this.announcer.clientMessageThenTicket(message, ref(outcome.ticketId), outcome.created ? 'created' : 'message'));
        return { message, ticketId: outcome.ticketId, duplicate: outcome.duplicate };
      });
    } catch (error) {
      // Two sends of the same message raced past the duplicate check: the other one stored it.
      if (!input.clientMsgId || !isUniqueViolation(error, 'messages_client_msg_key')) throw error;
      const existing = await this.byClientMsgId(this.dataSource.manager, input.clientId, input.clientMsgId);
      if (!existing) throw error;
      return { message: toMessage(existing), ticketId: existing.ticket_id, duplicate: true };
    }
  }

  private async appendInTx(tx: Tx, input: InboundClientMessage): Promise<{ row: MessageRow; ticketId: string; created: boolean; duplicate: boolean }> {
    let created = false;
    let ticket = await this.lockLiveTicket(tx, input);
    if (!ticket) {
      const inserted = await tx.m.query<{ id: string; number: number }[]>(
        `INSERT INTO tickets (subject, status, live, department_id, client_id, channel_id, source)
         VALUES ($1, 'open', true, $2, $3, $4, $5)
         ON CONFLICT (client_id, channel_id) WHERE live DO NOTHING
         RETURNING id, number`,
        [subjectOf(input.body), input.departmentId, input.clientId, input.channelId, JSON.stringify(input.source)],
      );
      created = inserted.length > 0;
      ticket = inserted[0] ?? (await this.lockLiveTicket(tx, input));
      if (!ticket) throw new Error('Live ticket vanished while appending a message');
    }
    if (input.clientMsgId) {
      const dup = await this.byClientMsgId(tx.m, input.clientId, input.clientMsgId);
      if (dup) return { row: dup, ticketId: dup.ticket_id, created: false, duplicate: true };
    }
    const seq = await this.history.nextSeq(tx.m, ticket.id, 'client');
    const [row] = await tx.m.query<{ id: string }[]>(
      `INSERT INTO messages (ticket_id, seq, kind, body, author_client_id, client_msg_id, external_id) VALUES ($1, $2, 'client', $3, $4, $5, $6) RETURNING id`,
      [ticket.id, seq, input.body, input.clientId, input.clientMsgId, input.externalId ?? null],
    );
    if (!row) throw new Error('Message was not stored');
    if (input.attachmentIds?.length) await this.attachments.linkToMessage(tx.m, input.attachmentIds, { clientId: input.clientId }, row.id, ticket.id);
    const actor = { type: 'client', id: input.clientId } as const;
    await this.log.append(tx, [
      ...(created
        ? [
            {
              type: 'ticket.created',
              data: {
                ticketId: ticket.id,
                number: ticket.number,
                channelId: input.channelId,
                channelType: input.channelType,
                departmentId: input.departmentId,
                clientId: input.clientId,
              },
              actor,
            } as const,
          ]
        : []),
      { type: 'message.created', data: { ticketId: ticket.id, messageId: row.id, seq, kind: 'client', opensTicket: created }, actor },
    ]);
    return { row: await this.history.messageRow(tx.m, row.id), ticketId: ticket.id, created, duplicate: false };
  }

  private async lockLiveTicket(tx: Tx, input: InboundClientMessage): Promise<{ id: string; number: number } | null> {
    const [row] = await tx.m.query<{ id: string; number: number }[]>(
      'SELECT id, number FROM tickets WHERE client_id = $1 AND channel_id = $2 AND live FOR UPDATE',
      [input.clientId, input.channelId],
    );
    return row ?? null;
  }

  private async byClientMsgId(m: EntityManager, clientId: string, clientMsgId: string): Promise<MessageRow | undefined> {
    const [row] = await m.query<MessageRow[]>(`${MESSAGE_SELECT} WHERE m.author_client_id = $1 AND m.client_msg_id = $2`, [clientId, clientMsgId]);
    return row;
  }
}

function subjectOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  if (!line) return 'File';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
