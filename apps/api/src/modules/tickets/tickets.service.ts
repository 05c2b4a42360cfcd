import {
  ErrorCode,
  type ChannelType,
  type DeliveryState,
  type Message,
  type TicketSource,
  type VisitorMessage,
  type VisitorState,
  type VisitorSyncResponse,
} from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { isUniqueViolation } from '../../common/sql';
import { AttachmentsService, type StoredAttachment } from '../attachments/attachments.service';
import { TicketHistory } from './ticket-history';
import { MESSAGE_SELECT, SUMMARY_SELECT, toMessage, toTicketSummary, toVisitorConversation, toVisitorMessage, type MessageRow, type TicketRow } from './tickets.mappers';
import type { TicketRef } from './tickets.events';

export { DELIVER_MESSAGE_TASK } from './ticket-history';

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
     SET last_seq = last_seq + 1, last_client_seq = last_seq + 1, last_message_at = now(),
         waiting_since = COALESCE(waiting_since, now()), updated_at = now()
   WHERE client_id = $1 AND channel_id = $2 AND live
     AND NOT EXISTS (SELECT 1 FROM messages WHERE author_client_id = $1 AND client_msg_id = $4)
  RETURNING id, last_seq
), m AS (
  INSERT INTO messages (ticket_id, seq, kind, body, author_client_id, client_msg_id)
  SELECT t.id, t.last_seq, 'client', $3, $1, $4 FROM t
  ON CONFLICT DO NOTHING
  RETURNING *
)
SELECT m.*, NULL::text AS employee_name, c.name AS client_name, c.email AS client_email, '[]'::json AS attachments
  FROM m JOIN clients c ON c.id = m.author_client_id`;

const VISITOR_PAGE = 50;

/**
 * Tickets as clients and channels see them (CORE-4, CORE-5): client messages in, the visitor's view of
 * their conversation, and what the delivery job needs to carry a reply out.
 */
@Injectable()
export class TicketsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: TicketHistory,
    private readonly attachments: AttachmentsService,
  ) {}

  // ---------------------------------------------------------------- inbound (client writes)

  /**
   * WORK-1: a client's message continues the client's live ticket on that channel or opens a new one.
   * Retried sends with the same clientMsgId store one entry. The common case — a live ticket, no files —
   * is one statement; the first message of a ticket, files and duplicates take the transactional path.
   * The sender's ack and the message event do not wait for the list update.
   */
  async appendClientMessage(input: InboundClientMessage): Promise<{ message: Message; ticketId: string; duplicate: boolean }> {
    const ref = (ticketId: string): TicketRef => ({ id: ticketId, clientId: input.clientId, departmentId: input.departmentId, channelType: input.channelType });
    if (!input.attachmentIds?.length) {
      const [fast] = await this.dataSource.query<MessageRow[]>(APPEND_TO_LIVE_TICKET, [input.clientId, input.channelId, input.body, input.clientMsgId]);
      if (fast) {
        const message = toMessage(fast);
        this.history.announceClientMessage(message, ref(fast.ticket_id), 'message');
        return { message, ticketId: fast.ticket_id, duplicate: false };
      }
    }
    let outcome: { messageRow: MessageRow; duplicate: boolean; ticketId: string; created: boolean };
    try {
      outcome = await this.dataSource.transaction((m) => this.appendClientMessageTx(m, input));
    } catch (error) {
      if (!input.clientMsgId || !isUniqueViolation(error, 'messages_client_msg_key')) throw error;
      const existing = await this.byClientMsgId(input.clientId, input.clientMsgId);
      if (!existing) throw error;
      outcome = { messageRow: existing, duplicate: true, ticketId: existing.ticket_id, created: false };
    }
    const message = toMessage(outcome.messageRow);
    if (!outcome.duplicate) this.history.announceClientMessage(message, ref(outcome.ticketId), outcome.created ? 'created' : 'message');
    return { message, ticketId: outcome.ticketId, duplicate: outcome.duplicate };
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
      const dup = await this.byClientMsgId(input.clientId, input.clientMsgId, m);
      if (dup) return { messageRow: dup, duplicate: true, ticketId: dup.ticket_id, created: false };
    }
    const seq = await this.history.nextSeq(m, ticketId, 'client');
    const [row] = await m.query<{ id: string }[]>(
      `INSERT INTO messages (ticket_id, seq, kind, body, author_client_id, client_msg_id)
       VALUES ($1, $2, 'client', $3, $4, $5) RETURNING id`,
      [ticketId, seq, input.body, input.clientId, input.clientMsgId],
    );
    if (!row) throw new Error('Message was not stored');
    if (input.attachmentIds?.length) {
      await this.attachments.linkToMessage(m, input.attachmentIds, { clientId: input.clientId }, row.id, ticketId);
    }
    return { messageRow: await this.history.messageRow(row.id, m), duplicate: false, ticketId, created };
  }

  private async byClientMsgId(clientId: string, clientMsgId: string, m: EntityManager = this.dataSource.manager): Promise<MessageRow | undefined> {
    const [row] = await m.query<MessageRow[]>(`${MESSAGE_SELECT} WHERE m.author_client_id = $1 AND m.client_msg_id = $2`, [clientId, clientMsgId]);
    return row;
  }

  private async lockLiveTicket(m: EntityManager, clientId: string, channelId: string): Promise<string | null> {
    const rows = await m.query<{ id: string }[]>('SELECT id FROM tickets WHERE client_id = $1 AND channel_id = $2 AND live FOR UPDATE', [
      clientId,
      channelId,
    ]);
    return rows[0]?.id ?? null;
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

  /** Moves a reply's delivery state forward only, and tells the staff watching the ticket. */
  async markDelivery(messageId: string, state: DeliveryState, error: string | null = null, externalId: string | null = null): Promise<Message | null> {
    if (!(await this.history.markDelivery(messageId, state, error, externalId))) return null;
    const context = await this.outboundContext(messageId);
    if (!context) return null;
    this.history.emitDeliveryChanged(context.message, context.ticket);
    return context.message;
  }

  // ---------------------------------------------------------------- the visitor's view (widget)

  /** The visitor's latest conversation on this channel with its newest page of visible history. */
  async visitorState(clientId: string, channelId: string): Promise<Omit<VisitorState, 'visitor'>> {
    const [row] = await this.dataSource.query<TicketRow[]>(
      `${SUMMARY_SELECT} WHERE t.client_id = $1 AND t.channel_id = $2 ORDER BY t.live DESC, t.created_at DESC LIMIT 1`,
      [clientId, channelId],
    );
    if (!row) return { conversation: null, messages: [], hasMore: false };
    const rows = await this.dataSource.query<MessageRow[]>(
      `${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND m.kind <> 'comment' AND m.visibility <> 'ticket' ORDER BY m.seq DESC LIMIT $2`,
      [row.id, VISITOR_PAGE + 1],
    );
    const messages = visitorMessages(rows.slice(0, VISITOR_PAGE).reverse());
    return { conversation: toVisitorConversation(toTicketSummary(row)), messages, hasMore: rows.length > VISITOR_PAGE };
  }

  /** Everything visible to the visitor after `afterSeq`; someone else's ticket is "not found". */
  async visitorSync(clientId: string, ticketId: string, afterSeq: number): Promise<VisitorSyncResponse> {
    const [row] = await this.dataSource.query<TicketRow[]>(`${SUMMARY_SELECT} WHERE t.id = $1 AND t.client_id = $2`, [ticketId, clientId]);
    if (!row) throw new AppError(ErrorCode.ConversationNotFound, 'Conversation not found');
    const rows = await this.dataSource.query<MessageRow[]>(
      `${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND m.seq > $2 AND m.kind <> 'comment' AND m.visibility <> 'ticket' ORDER BY m.seq ASC LIMIT 1000`,
      [ticketId, afterSeq],
    );
    return { conversation: toVisitorConversation(toTicketSummary(row)), messages: visitorMessages(rows) };
  }

  /** The visitor's live conversation on this channel, if any (where their typing preview goes). */
  async liveTicketOf(clientId: string, channelId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ id: string }[]>('SELECT id FROM tickets WHERE client_id = $1 AND channel_id = $2 AND live', [clientId, channelId]);
    return row?.id ?? null;
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

  /**
   * A file a visitor may download: one of their own conversation's messages that they can see (never a
   * comment's), or their own upload. Anything else is "not found".
   */
  async visitorAttachment(clientId: string, attachmentId: string): Promise<StoredAttachment> {
    const attachment = await this.attachments.find(attachmentId);
    const notFound = new AppError(ErrorCode.AttachmentNotFound, 'File not found');
    if (!attachment) throw notFound;
    if (attachment.uploadedByClientId === clientId && !attachment.ticketId) return attachment;
    if (!attachment.ticketId || attachment.messageKind === 'comment' || attachment.messageKind === null) throw notFound;
    const [owner] = await this.dataSource.query<{ ok: boolean }[]>(
      `SELECT true AS ok FROM tickets t JOIN messages m ON m.id = $3 AND m.ticket_id = t.id
        WHERE t.id = $1 AND t.client_id = $2 AND m.visibility <> 'ticket'`,
      [attachment.ticketId, clientId, attachment.messageId],
    );
    if (!owner) throw notFound;
    return attachment;
  }
}

function visitorMessages(rows: MessageRow[]): VisitorMessage[] {
  return rows.map(toMessage).map(toVisitorMessage).filter((m): m is VisitorMessage => m !== null);
}

function subjectOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  if (!line) return 'File';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
