import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { QueueService } from '../../queue/queue.service';
import { DELIVER_MESSAGE_TASK, TicketsService } from '../tickets/tickets.service';
import { ChannelsService } from './channels.service';
import { CHANNEL_CONNECTORS, PermanentDeliveryError, type ChannelConnector } from './connectors/channel-connector';

/**
 * Runs the durable delivery job of each reply (CHN-5, WORK-9): any API instance may pick it up; jobs of
 * one conversation run in order; temporary failures retry with backoff; permanent ones, or the last
 * attempt, mark the message failed with the reason.
 */
@Injectable()
export class OutboundDeliveryService implements OnModuleInit {
  private readonly logger = new Logger('OutboundDelivery');

  constructor(
    private readonly queue: QueueService,
    private readonly tickets: TicketsService,
    private readonly channels: ChannelsService,
    @Inject(CHANNEL_CONNECTORS) private readonly connectors: ChannelConnector[],
  ) {}

  onModuleInit(): void {
    this.queue.registerTask<{ messageId: string }>(DELIVER_MESSAGE_TASK, (payload, job) => this.deliver(payload.messageId, job));
  }

  async deliver(messageId: string, job: { attempts: number; maxAttempts: number }): Promise<void> {
    const context = await this.tickets.outboundContext(messageId);
    if (!context || context.message.delivery?.state !== 'queued') return; // already handled: idempotent
    const channel = await this.channels.findById(context.channelId, { fresh: true });
    const connector = channel && this.connectors.find((c) => c.type === channel.type);
    if (!channel || !connector) {
      await this.tickets.markDelivery([messageId], 'failed', 'The channel of this conversation is not connected');
      return;
    }
    if (!channel.enabled) {
      await this.tickets.markDelivery([messageId], 'failed', 'The channel of this conversation is switched off');
      return;
    }
    try {
      const result = await connector.send({ channel, clientId: context.ticket.clientId, message: context.message });
      // Nobody reached yet: it stays queued, and the channel's own catch-up hands it over (issue #16).
      if (result.reached === false) return;
      await this.tickets.markDelivery([messageId], 'sent', null, result.externalId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof PermanentDeliveryError || job.attempts >= job.maxAttempts) {
        this.logger.warn(`Delivery of ${messageId} failed: ${reason}`);
        await this.tickets.markDelivery([messageId], 'failed', reason);
        return;
      }
      throw error;
    }
  }
}
