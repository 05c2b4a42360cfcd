import { Injectable } from '@nestjs/common';
import { RealtimeBroadcaster } from '../../../realtime/realtime.broadcaster';
import { rooms } from '../../../realtime/rooms';
import { toVisitorMessage } from '../../tickets/tickets.mappers';
import { PermanentDeliveryError, type ChannelConnector, type OutboundMessage, type SendResult } from './channel-connector';

/** How long a reply waits for a visitor's socket to acknowledge it. */
const ACK_TIMEOUT_MS = 5000;

/**
 * The site widget's transport is our own socket: a reply is "sent" once a socket of the visitor (any
 * tab, on any API instance) acknowledged it (issue #16). Nobody acknowledging (offline, or on an instance
 * Redis could not reach) leaves it `queued`: the widget's catch-up on its next connect, or after a
 * `sync:required`, returns every reply it has not received, whatever its sequence number; the widget's
 * receipts then move it to delivered and read.
 */
@Injectable()
export class WidgetConnector implements ChannelConnector {
  readonly type = 'widget' as const;
  readonly ordered = false;

  constructor(private readonly broadcaster: RealtimeBroadcaster) {}

  async send(outbound: OutboundMessage): Promise<SendResult> {
    const visible = toVisitorMessage(outbound.message);
    if (!visible) throw new PermanentDeliveryError('Internal comments are never delivered to clients');
    const acknowledged = await this.broadcaster.emitWithAck(rooms.visitor(outbound.clientId), ACK_TIMEOUT_MS, 'visitor:message', visible);
    return { externalId: null, reached: acknowledged > 0 };
  }
}
