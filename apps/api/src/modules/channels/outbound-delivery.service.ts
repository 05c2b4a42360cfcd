import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QueueService } from '../../queue/queue.service';
import { DELIVER_MESSAGE_TASK, TicketsService, type OutboundContext } from '../tickets/tickets.service';
import { ChannelsService, type Channel } from './channels.service';
import { CHANNEL_CONNECTORS, PermanentDeliveryError, RetryableDeliveryError, type ChannelConnector } from './connectors/channel-connector';

/** Attempts of one reply on a messenger before it is marked failed (about 20 minutes of backoff without hints). */
export const MESSENGER_MAX_ATTEMPTS = 10;

/** The wait before attempt `n + 1` when the platform gave no hint: 2, 4, 8 … seconds, at most 5 minutes. */
export function backoffMs(attempt: number): number {
  return Math.min(2 ** attempt * 1000, 5 * 60_000);
}

interface DeliverPayload {
  messageId: string;
  /** The messenger attempt this job is (1 when absent: the job the reply was committed with). */
  attempt?: number;
}

/**
 * Runs the durable delivery job of each reply (CHN-5, WORK-9): any API instance may pick it up; jobs of
 * one conversation run one at a time (graphile-worker's queue per ticket).
 *
 * The widget: one job per reply; a temporary failure is retried with graphile-worker's backoff.
 *
 * A messenger keeps a conversation's order across retries: a reply's job does nothing while an older reply
 * of the conversation is queued; the job of the oldest sends it and then every later queued reply, in order.
 * A temporary failure (rate limit, 5xx, timeout) schedules that same reply again at the platform's retry hint
 * (Telegram's retry_after) or the backoff, so nothing overtakes it; a permanent one, or the last attempt,
 * marks it failed with the platform's reason, and the later replies go on.
 */
@Injectable()
export class OutboundDeliveryService implements OnModuleInit {
  private readonly logger = new Logger('OutboundDelivery');

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: QueueService,
    private readonly tickets: TicketsService,
    private readonly channels: ChannelsService,
    @Inject(CHANNEL_CONNECTORS) private readonly connectors: ChannelConnector[],
  ) {}

  onModuleInit(): void {
    this.queue.registerTask<DeliverPayload>(DELIVER_MESSAGE_TASK, (payload, job) => this.deliver(payload, job));
  }

  async deliver(payload: DeliverPayload, job: { attempts: number; maxAttempts: number }): Promise<void> {
    const context = await this.tickets.outboundContext(payload.messageId);
    if (!context || context.message.delivery?.state !== 'queued') return; // already handled: idempotent
    const channel = await this.channels.findById(context.channelId, { fresh: true });
    const connector = channel && this.connectors.find((c) => c.type === channel.type);
    if (!channel || !connector) {
      await this.tickets.markDelivery([payload.messageId], 'failed', 'The channel of this conversation is not connected');
      return;
    }
    if (!channel.enabled) {
      await this.tickets.markDelivery([payload.messageId], 'failed', 'The channel of this conversation is switched off');
      return;
    }
    if (!connector.ordered) {
      await this.sendOnce(connector, channel, context, job);
      return;
    }
    // The oldest queued reply's job carries the conversation; a younger one's has nothing to do yet.
    if ((await this.tickets.oldestQueuedReply(context.ticket.id)) !== payload.messageId) return;
    await this.drain(connector, context, payload.attempt ?? 1);
  }

  /** The widget's path: one reply, graphile-worker's retries. */
  private async sendOnce(connector: ChannelConnector, channel: Channel, context: OutboundContext, job: { attempts: number; maxAttempts: number }): Promise<void> {
    const messageId = context.message.id;
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

  /** A messenger conversation's queued replies, oldest first, until one has to wait. */
  private async drain(connector: ChannelConnector, first: OutboundContext, firstAttempt: number): Promise<void> {
    let context: OutboundContext | null = first;
    let attempt = firstAttempt;
    while (context) {
      const messageId: string = context.message.id;
      const channel = await this.channels.findById(context.channelId, { fresh: true });
      if (!channel?.enabled) {
        await this.tickets.markDelivery([messageId], 'failed', 'The channel of this conversation is switched off');
      } else {
        try {
          const result = await connector.send({ channel, clientId: context.ticket.clientId, message: context.message });
          await this.tickets.markDelivery([messageId], 'sent', null, result.externalId);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          // Anything but a platform's refusal (the database, a bug) is retried too: nothing here may strand the
          // conversation's later replies, whose own jobs have already deferred to this one.
          if (!(error instanceof PermanentDeliveryError) && attempt < MESSENGER_MAX_ATTEMPTS) {
            if (!(error instanceof RetryableDeliveryError)) this.logger.error(`Delivery of ${messageId} broke: ${reason}`);
            const wait = (error instanceof RetryableDeliveryError ? error.retryAfterMs : null) ?? backoffMs(attempt);
            this.logger.warn(`Delivery of ${messageId} (attempt ${attempt}) will be retried in ${Math.round(wait / 1000)} s: ${reason}`);
            await this.tickets.noteDeliveryProblem(messageId, reason);
            // The same reply again, before anything younger of its conversation: they wait for it.
            await this.queue.enqueue(
              this.dataSource.manager,
              DELIVER_MESSAGE_TASK,
              { messageId, attempt: attempt + 1 } satisfies DeliverPayload,
              { queueName: `deliver:${context.ticket.id}`, runAt: new Date(Date.now() + wait) },
            );
            return;
          }
          this.logger.warn(`Delivery of ${messageId} failed: ${reason}`);
          await this.tickets.markDelivery([messageId], 'failed', reason);
          await this.channels.noteSendError(channel.id, reason);
        }
      }
      const next = await this.tickets.oldestQueuedReply(context.ticket.id);
      context = next && next !== messageId ? await this.tickets.outboundContext(next) : null;
      attempt = 1;
    }
  }
}
