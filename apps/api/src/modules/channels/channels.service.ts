import type { ChannelType } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ChannelSecrets } from './channel-secrets.service';
import { ChannelEntity } from './entities/channel.entity';

/** A channel as other modules see it: the entity stays inside this module. */
export type Channel = Pick<ChannelEntity, 'id' | 'type' | 'name' | 'departmentId' | 'publicKey' | 'settings' | 'enabled'>;

/** A channel read on every inbound message is kept this long (a copy of the database, never the truth). */
const CACHE_MS = 10_000;

@Injectable()
export class ChannelsService {
  private readonly cache = new Map<string, { channel: Channel | null; until: number }>();
  /** A messenger's opened credentials for its webhooks, kept as briefly (every request checks them). */
  private readonly credentials = new Map<string, { found: { channel: Channel; secrets: Record<string, string> }; until: number }>();

  constructor(
    @InjectRepository(ChannelEntity) private readonly channels: Repository<ChannelEntity>,
    private readonly secrets: ChannelSecrets,
  ) {}

  /** `fresh`: skip the short cache (delivery acts on the channel's current state). */
  async findById(id: string, options: { fresh?: boolean } = {}): Promise<Channel | null> {
    const cached = this.cache.get(id);
    if (!options.fresh && cached && cached.until > Date.now()) return cached.channel;
    const channel = await this.channels.findOneBy({ id });
    this.cache.set(id, { channel, until: Date.now() + CACHE_MS });
    return channel;
  }

  /** A reply the platform refused, for the channel's health in Settings → Channels. */
  async noteSendError(id: string, reason: string): Promise<void> {
    await this.channels.update({ id }, { lastSendError: reason, lastSendErrorAt: new Date() });
  }

  /** Drops the cached copies after a change (this instance; others see it within CACHE_MS). */
  forget(id: string): void {
    this.cache.delete(id);
    this.credentials.delete(id);
  }

  /** withSecrets through the short cache: what each webhook request of a channel verifies against. */
  async credentialsOf(id: string): Promise<{ channel: Channel; secrets: Record<string, string> } | null> {
    const cached = this.credentials.get(id);
    if (cached && cached.until > Date.now()) return cached.found;
    const found = await this.withSecrets(id);
    // Only channels that exist: a stranger's made-up ids must not grow the cache.
    if (found) this.credentials.set(id, { found, until: Date.now() + CACHE_MS });
    return found;
  }

  /** The enabled widget channel behind a script tag's data-key. */
  findWidgetByKey(key: string): Promise<Channel | null> {
    return this.channels.findOneBy({ publicKey: key, type: 'widget', enabled: true });
  }

  createWidget(input: { name: string; departmentId: string; publicKey: string }): Promise<Channel> {
    return this.channels.save(this.channels.create({ ...input, type: 'widget', settings: {} }));
  }

  /** A messenger account; its credentials are stored sealed (issue #11 point 4). */
  async createMessenger(input: { type: Exclude<ChannelType, 'widget'>; name: string; departmentId: string; settings: Record<string, unknown>; secrets: Record<string, string> }): Promise<Channel> {
    const { secrets, ...rest } = input;
    const saved = await this.channels.save(this.channels.create({ ...rest, publicKey: null, secrets: this.secrets.seal(secrets) }));
    return { id: saved.id, type: saved.type, name: saved.name, departmentId: saved.departmentId, publicKey: saved.publicKey, settings: saved.settings, enabled: saved.enabled };
  }

  /** A messenger channel with its credentials opened, for its webhook and its sends; null when unknown or it has none. */
  async withSecrets(id: string): Promise<{ channel: Channel; secrets: Record<string, string> } | null> {
    const row = await this.channels.createQueryBuilder('c').addSelect('c.secrets').where('c.id = :id', { id }).getOne();
    if (!row?.secrets) return null;
    const { secrets, ...channel } = row;
    return { channel, secrets: this.secrets.open(secrets) };
  }
}
