import { Injectable } from '@nestjs/common';
import { RealtimeBroadcaster } from '../../../realtime/realtime.broadcaster';
import { rooms } from '../../../realtime/rooms';
import { toVisitorMessage } from '../../tickets/tickets.mappers';
import { PermanentDeliveryError, type ChannelConnector, type OutboundMessage, type SendResult } from './channel-connector';

/**
 * The site widget's transport is our own socket: a reply is "sent" once it is published to the
 * visitor's room (every tab of that visitor, on any API instance). A visitor who is offline fetches it on
 * reconnect by sequence number; the widget's receipts move it to delivered and read.
 */
@Injectable()
export class WidgetConnector implements ChannelConnector {
  readonly type = 'widget' as const;

  constructor(private readonly broadcaster: RealtimeBroadcaster) {}

  send(outbound: OutboundMessage): Promise<SendResult> {
    const visible = toVisitorMessage(outbound.message);
    if (!visible) return Promise.reject(new PermanentDeliveryError('Internal comments are never delivered to clients'));
    this.broadcaster.emit(rooms.visitor(outbound.clientId), 'visitor:message', visible);
    return Promise.resolve({ externalId: null });
  }
}
