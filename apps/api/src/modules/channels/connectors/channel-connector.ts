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
  /**
   * A messenger takes a conversation's replies strictly in order (CHN-5): a reply waits while an older one of
   * its conversation is still queued, and a rate-limited one is retried at the platform's hint before the rest.
   * The widget's replies are handed over by its catch-up instead, so one unacknowledged reply holds none back.
   */
  readonly ordered: boolean;
  send(outbound: OutboundMessage): Promise<SendResult>;
  /** Shows the client that an employee types (WORK-8), where the channel can; the widget gets it over its socket. */
  typing?(channelId: string, clientId: string): Promise<void>;
}

/** A failure that retrying cannot fix (blocked by the user, closed window…): shown on the message. */
export class PermanentDeliveryError extends Error {}

/** A failure a later attempt may fix (rate limit, 5xx, timeout); not before `retryAfterMs` when the platform said. */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

export const CHANNEL_CONNECTORS = Symbol('CHANNEL_CONNECTORS');
