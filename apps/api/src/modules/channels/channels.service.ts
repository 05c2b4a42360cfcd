import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ChannelEntity } from './entities/channel.entity';

/** A channel as other modules see it: the entity stays inside this module. */
export type Channel = Pick<ChannelEntity, 'id' | 'type' | 'name' | 'departmentId' | 'publicKey' | 'settings' | 'enabled'>;

/** A channel read on every inbound message is kept this long (a copy of the database, never the truth). */
const CACHE_MS = 10_000;

@Injectable()
export class ChannelsService {
  private readonly cache = new Map<string, { channel: Channel | null; until: number }>();

  constructor(@InjectRepository(ChannelEntity) private readonly channels: Repository<ChannelEntity>) {}

  /** `fresh`: skip the short cache (delivery acts on the channel's current state). */
  async findById(id: string, options: { fresh?: boolean } = {}): Promise<Channel | null> {
    const cached = this.cache.get(id);
    if (!options.fresh && cached && cached.until > Date.now()) return cached.channel;
    const channel = await this.channels.findOneBy({ id });
    this.cache.set(id, { channel, until: Date.now() + CACHE_MS });
    return channel;
  }

  /** The enabled widget channel behind a script tag's data-key. */
  findWidgetByKey(key: string): Promise<Channel | null> {
    return this.channels.findOneBy({ publicKey: key, type: 'widget', enabled: true });
  }

  createWidget(input: { name: string; departmentId: string; publicKey: string }): Promise<Channel> {
    return this.channels.save(this.channels.create({ ...input, type: 'widget', settings: {} }));
  }
}
