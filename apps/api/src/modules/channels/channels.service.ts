import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ChannelEntity } from './entities/channel.entity';

@Injectable()
export class ChannelsService {
  constructor(@InjectRepository(ChannelEntity) private readonly channels: Repository<ChannelEntity>) {}

  findById(id: string): Promise<ChannelEntity | null> {
    return this.channels.findOneBy({ id });
  }

  /** The enabled widget channel behind a script tag's data-key. */
  findWidgetByKey(key: string): Promise<ChannelEntity | null> {
    return this.channels.findOneBy({ publicKey: key, type: 'widget', enabled: true });
  }

  createWidget(input: { name: string; departmentId: string; publicKey: string }): Promise<ChannelEntity> {
    return this.channels.save(this.channels.create({ ...input, type: 'widget', settings: {} }));
  }
}
