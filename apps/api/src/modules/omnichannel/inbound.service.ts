import type { TicketSource } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import type { Channel } from '../channels/channels.service';
import { TicketsService, type ReceivedMessage } from '../tickets/tickets.service';

/** A client's message as every channel hands it over, after the channel has checked who sent it. */
export interface InboundMessage {
  channel: Channel;
  clientId: string;
  body: string;
  /** Idempotency key: the widget's client message id, or the platform's message id. */
  dedupeKey: string | null;
  source: Partial<TicketSource>;
  /** Files the client uploaded first (widget). */
  attachmentIds?: string[];
  /** The platform's id of the message (messengers). */
  externalId?: string | null;
}

/**
 * The one entrance of client messages into the module, whatever the channel (WORK-1): the message lands
 * in the client's live ticket of that channel, or opens one in the channel's department.
 */
@Injectable()
export class InboundService {
  constructor(private readonly tickets: TicketsService) {}

  receive(inbound: InboundMessage): Promise<ReceivedMessage> {
    return this.tickets.receiveClientMessage({
      channelId: inbound.channel.id,
      channelType: inbound.channel.type,
      departmentId: inbound.channel.departmentId,
      clientId: inbound.clientId,
      body: inbound.body,
      clientMsgId: inbound.dedupeKey,
      source: inbound.source,
      attachmentIds: inbound.attachmentIds,
      externalId: inbound.externalId,
    });
  }
}
