import type { ChannelType, Message } from '@omnichannel/contracts';
import type { Channel } from '../channels.service';

export interface OutboundMessage {
  channel: Channel;
  clientId: string;
  message: Message;
}

export interface SendResult {
  /** The platform's id of the sent message, when it returns one. */
  externalId: string | null;
  /**
   * False when nobody could be reached now and the channel will hand the message over itself when the
   * client is back (the widget's catch-up): the reply stays `queued` rather than claiming `sent`.
   */
  reached?: boolean;
}

/**
 * What every channel implements to carry employees' replies out. Inbound normalisation lives beside it
 * (omnichannel/InboundService); the seven messengers plug in here later.
 */
export interface ChannelConnector {
  readonly type: ChannelType;
  send(outbound: OutboundMessage): Promise<SendResult>;
}

/** A failure that retrying cannot fix (blocked by the user, closed window…): shown on the message. */
export class PermanentDeliveryError extends Error {}

export const CHANNEL_CONNECTORS = Symbol('CHANNEL_CONNECTORS');
