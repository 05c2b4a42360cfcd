import { Inject, Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ChannelEvents, type EmployeeTypingEvent } from './channels.events';
import { CHANNEL_CONNECTORS, type ChannelConnector } from './connectors/channel-connector';

/** Platforms show "typing…" for about 5 s (Telegram) to 10 s (VK): one action per conversation this often. */
const RESEND_MS = 4000;
/** Conversations remembered for that; older entries go first when there are more. */
const REMEMBERED = 5000;

/**
 * WORK-8 for messengers: while an employee types a reply, the client sees the bot "typing…" on their
 * platform. Keystrokes arrive several times a second; the platform is asked at most once per RESEND_MS per
 * conversation, and a failure only costs the indicator (logged at debug).
 */
@Injectable()
export class MessengerTyping {
  private readonly logger = new Logger('MessengerTyping');
  private readonly sentAt = new Map<string, number>();

  constructor(@Inject(CHANNEL_CONNECTORS) private readonly connectors: ChannelConnector[]) {}

  @OnEvent(ChannelEvents.EmployeeTyping)
  relay(event: EmployeeTypingEvent): void {
    const now = Date.now();
    if (now - (this.sentAt.get(event.ticketId) ?? 0) < RESEND_MS) return;
    this.sentAt.delete(event.ticketId);
    this.sentAt.set(event.ticketId, now);
    if (this.sentAt.size > REMEMBERED) this.sentAt.delete(this.sentAt.keys().next().value!);
    const connector = this.connectors.find((c) => c.type === event.channelType);
    connector?.typing?.(event.channelId, event.clientId).catch((error: unknown) => {
      this.logger.debug(`"typing…" not shown on ${event.channelType} (ticket ${event.ticketId}): ${(error as Error).message}`);
    });
  }
}
