import { buffer } from 'node:stream/consumers';
import type { MessengerType } from '@omnichannel/contracts';
import type { AttachmentsService } from '../../attachments/attachments.service';
import type { ClientsService } from '../../clients/clients.service';
import type { ChannelsService } from '../channels.service';
import type { FileLinks } from '../file-links';
import { PlatformError, type BaseSettings, type OutboundFile, type PlatformClient } from '../platforms/platform-client';
import { PermanentDeliveryError, RetryableDeliveryError, type ChannelConnector, type OutboundMessage, type SendResult } from './channel-connector';

/** What a messenger connector needs around its platform's client. */
export interface MessengerDeps {
  clients: ClientsService;
  channels: ChannelsService;
  attachments: AttachmentsService;
  fileLinks: () => FileLinks;
  /** The API's public origin, for the file links a platform downloads from (read when needed). */
  publicOrigin: () => string;
}

/**
 * A messenger's outbound side (CHN-5): the reply's conversation on the platform (the chat id remembered
 * from the client's first message), its files, and the platform client's send; a platform's refusal
 * becomes a retryable or a permanent delivery error with the platform's words.
 */
export class MessengerConnector implements ChannelConnector {
  readonly ordered = true;

  constructor(
    readonly type: MessengerType,
    private readonly client: PlatformClient<BaseSettings, unknown>,
    private readonly deps: MessengerDeps,
  ) {}

  async send(outbound: OutboundMessage): Promise<SendResult> {
    const { channel, clientId, message } = outbound;
    if (message.kind !== 'reply') throw new PermanentDeliveryError('Internal comments are never delivered to clients');
    const found = await this.deps.channels.withSecrets(channel.id);
    if (!found) throw new PermanentDeliveryError('The channel has no credentials');
    const chatId = await this.deps.clients.platformAddress(clientId, channel.id);
    if (!chatId) throw new PermanentDeliveryError(`The client has never written to this ${channel.type} account`);
    const files = await Promise.all(message.attachments.map((a) => this.file(a.id)));
    try {
      return await this.client.send(
        { chatId, text: message.body, files: files.filter((f): f is OutboundFile => f !== null), dedupeKey: message.id },
        found.channel.settings,
        found.secrets,
      );
    } catch (error) {
      if (error instanceof PlatformError) {
        throw error.retryable ? new RetryableDeliveryError(error.message, error.retryAfterMs) : new PermanentDeliveryError(error.message);
      }
      throw error;
    }
  }

  async typing(channelId: string, clientId: string): Promise<void> {
    if (!this.client.typing) return;
    const found = await this.deps.channels.withSecrets(channelId);
    const chatId = found?.channel.enabled ? await this.deps.clients.platformAddress(clientId, channelId) : null;
    if (!found || !chatId) return;
    await this.client.typing(chatId, found.channel.settings, found.secrets);
  }

  private async file(id: string): Promise<OutboundFile | null> {
    const stored = await this.deps.attachments.find(id);
    if (!stored) return null;
    return {
      name: stored.name,
      mime: stored.mime,
      size: stored.size,
      isImage: stored.isImage,
      bytes: () => buffer(this.deps.attachments.open(stored)),
      publicUrl: () => `${this.deps.publicOrigin()}/api/channels/files/${this.deps.fileLinks().token(stored.id)}`,
    };
  }
}
