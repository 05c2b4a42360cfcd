import {
  ErrorCode,
  deliveryStates,
  type ChannelType,
  type DeliveryState,
  type Message,
  type VisitorMessage,
  type VisitorState,
  type VisitorSyncResponse,
} from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { updatedRows } from '../../common/sql';
import { AttachmentsService, type StoredAttachment } from '../attachments/attachments.service';
import { ClientMessageCommand, type InboundClientMessage, type ReceivedMessage } from './commands/client-message.command';
import { MESSAGE_SELECT, SUMMARY_SELECT, toMessage, toTicketSummary, toVisitorConversation, toVisitorMessage, type MessageRow, type TicketRow } from './tickets.mappers';
import { TicketEvents, type MessageUpdatedEvent, type TicketRef } from './tickets.events';

export { DELIVER_MESSAGE_TASK } from './commands/history-writer';
export type { InboundClientMessage, ReceivedMessage } from './commands/client-message.command';

/** The order delivery states move forward in; `failed` is terminal and outside it. */
const DELIVERY_ORDER: DeliveryState[] = deliveryStates.filter((s) => s !== 'failed');

export interface OutboundContext {
  message: Message;
  ticket: TicketRef;
  channelId: string;
}

const VISITOR_PAGE = 50;

/**
 * Tickets as clients and channels see them (CORE-4, CORE-5): client messages in, the visitor's view of
 * their conversation, and what the delivery job needs to carry a reply out.
 */
@Injectable()
export class TicketsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventEmitter2,
    private readonly clientMessages: ClientMessageCommand,
    private readonly attachments: AttachmentsService,
  ) {}

  // ---------------------------------------------------------------- inbound (client writes)

  /** WORK-1: a client's message, from any channel, into their live ticket or a new one. */
  receiveClientMessage(input: InboundClientMessage): Promise<ReceivedMessage> {
    return this.clientMessages.receive(input);
  }

  // ---------------------------------------------------------------- delivery (WORK-9)

  // ---------------------------------------------------------------- messengers (issue #11)

  /**
   * A client edited a message on their messenger: its text is replaced and marked edited, and the staff
   * watching the ticket see it change. False when the message is not here (sent before the channel was connected).
   */
  async applyClientEdit(channelId: string, clientId: string, externalId: string, body: string): Promise<boolean> {
    const edited = updatedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE messages m SET body = $4, edited_at = now()
           FROM tickets t
          WHERE t.id = m.ticket_id AND t.channel_id = $1 AND t.client_id = $2 AND m.external_id = $3 AND m.kind = 'client'
          RETURNING m.id`,
        [channelId, clientId, externalId, body],
      ),
    );
    await this.announceDeliveries(edited.map((r) => r.id));
    return edited.length > 0;
  }

  /**
   * A platform's receipt names replies by its own ids: they, and every earlier reply of their conversations
   * (reading a message reads what came before it), move forward to `state`. Returns how many moved.
   */
  async markDeliveryByExternalIds(channelId: string, externalIds: string[], state: 'delivered' | 'read'): Promise<number> {
    if (externalIds.length === 0) return 0;
    const rows = await this.dataSource.query<{ id: string }[]>(
      `WITH named AS (
         SELECT m.ticket_id, max(m.seq) AS seq FROM messages m JOIN tickets t ON t.id = m.ticket_id
          WHERE t.channel_id = $1 AND m.external_id = ANY($2::text[]) AND m.kind = 'reply'
          GROUP BY m.ticket_id)
       SELECT m.id FROM named JOIN messages m ON m.ticket_id = named.ticket_id AND m.seq <= named.seq
        WHERE m.kind = 'reply' AND m.delivery_state IN ('sent', 'delivered')`,
      [channelId, externalIds],
    );
    return (await this.markDelivery(rows.map((r) => r.id), state)).length;
  }

  /**
   * The platform reports that replies it had accepted (named by its ids) did not reach the person: they
   * end failed with its reason (a reply already delivered or read stays so). Returns how many changed.
   */
  async failDeliveryByExternalIds(channelId: string, externalIds: string[], reason: string): Promise<number> {
    if (externalIds.length === 0) return 0;
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT m.id FROM messages m JOIN tickets t ON t.id = m.ticket_id
        WHERE t.channel_id = $1 AND m.external_id = ANY($2::text[]) AND m.kind = 'reply'`,
      [channelId, externalIds],
    );
    return (await this.markDelivery(rows.map((r) => r.id), 'failed', reason)).length;
  }

  /** The conversation's oldest reply still waiting to be sent (a messenger sends them in this order, CHN-5). */
  async oldestQueuedReply(ticketId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM messages WHERE ticket_id = $1 AND kind = 'reply' AND delivery_state = 'queued' ORDER BY seq LIMIT 1`,
      [ticketId],
    );
    return row?.id ?? null;
  }

  /** Records a failed send's reason on the reply without ending it (it is retried); shown with the queued state. */
  async noteDeliveryProblem(messageId: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE messages SET delivery_error = $2 WHERE id = $1 AND delivery_state = 'queued'`, [messageId, reason]);
  }

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

  /**
   * Moves replies' delivery state forward only (platforms report out of order; `failed` is terminal), in
   * one statement for the batch, and tells the staff watching each ticket. Returns the replies it moved.
   */
  async markDelivery(messageIds: string[], state: DeliveryState, error: string | null = null, externalId: string | null = null): Promise<Message[]> {
    if (messageIds.length === 0) return [];
    const moved = updatedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE messages
            SET delivery_state = $2, delivery_error = $3, delivery_updated_at = now(), external_id = COALESCE($4, external_id)
          WHERE id = ANY($1::uuid[]) AND kind = 'reply'
            AND (
              ($2 = 'failed' AND delivery_state IN ('queued', 'sent'))
              OR ($2 <> 'failed' AND delivery_state <> 'failed'
                  AND array_position($5::text[], delivery_state) < array_position($5::text[], $2))
            )
          RETURNING id`,
        [messageIds, state, error, externalId, DELIVERY_ORDER],
      ),
    );
    return this.announceDeliveries(moved.map((r) => r.id));
  }

  /** A reply's delivery state changed: the staff watching its ticket see it. */
  async announceDelivery(messageId: string): Promise<void> {
    await this.announceDeliveries([messageId]);
  }

  private async announceDeliveries(messageIds: string[]): Promise<Message[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.dataSource.query<(MessageRow & { t_client_id: string; department_id: string; channel_type: ChannelType })[]>(
      `SELECT x.*, t.client_id AS t_client_id, t.department_id, ch.type AS channel_type
         FROM (${MESSAGE_SELECT} WHERE m.id = ANY($1::uuid[])) x
         JOIN tickets t ON t.id = x.ticket_id
         JOIN channels ch ON ch.id = t.channel_id
        ORDER BY x.seq`,
      [messageIds],
    );
    return rows.map((row) => {
      const message = toMessage(row);
      const ticket: TicketRef = { id: row.ticket_id, clientId: row.t_client_id, departmentId: row.department_id, channelType: row.channel_type };
      this.events.emit(TicketEvents.MessageUpdated, { message, ticket } satisfies MessageUpdatedEvent);
      return message;
    });
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

  /**
   * Everything visible to the visitor after `afterSeq`, and every reply no socket of theirs has
   * acknowledged yet (still `queued`), whatever its sequence number (issue #16: a reply stored before the visitor's latest message but delivered after it
   * is not skipped); someone else's ticket is "not found".
   */
  async visitorSync(clientId: string, ticketId: string, afterSeq: number): Promise<VisitorSyncResponse> {
    const [row] = await this.dataSource.query<TicketRow[]>(`${SUMMARY_SELECT} WHERE t.id = $1 AND t.client_id = $2`, [ticketId, clientId]);
    if (!row) throw new AppError(ErrorCode.ConversationNotFound, 'Conversation not found');
    const rows = await this.dataSource.query<MessageRow[]>(
      `${MESSAGE_SELECT} WHERE m.ticket_id = $1 AND (m.seq > $2 OR (m.kind = 'reply' AND m.delivery_state = 'queued'))
          AND m.kind <> 'comment' AND m.visibility <> 'ticket' ORDER BY m.seq ASC LIMIT 1000`,
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
    await this.markDelivery(owned.map((r) => r.id), state);
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
