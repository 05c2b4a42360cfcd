import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AttachmentEntity } from '../../attachments/entities/attachment.entity';
import { ChannelEntity } from '../../channels/entities/channel.entity';
import { ClientEntity } from './client.entity';

/**
 * How a client is known on one channel: a widget visitor id, a Telegram chat id, a phone number…
 * Unique per channel, so that concurrent first messages cannot create two clients.
 */
@Entity('client_identities')
@Index('client_identities_channel_external_key', ['channelId', 'externalId'], { unique: true })
@Index('client_identities_client_idx', ['clientId'])
@Index('client_identities_avatar_idx', ['avatarAttachmentId'], { where: 'avatar_attachment_id IS NOT NULL' })
export class ClientIdentityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  clientId: string;

  @ManyToOne(() => ClientEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'client_id' })
  client?: ClientEntity;

  @Column('uuid')
  channelId: string;

  @ManyToOne(() => ChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: ChannelEntity;

  @Column('text')
  externalId: string;

  /** What the channel tells about the person (display name, profile link…), as received. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  profile: Record<string, unknown>;

  /** Their picture on the platform, fetched once into our files (WORK-4); kept from the unattached-upload janitor. */
  @Column({ type: 'uuid', nullable: true })
  avatarAttachmentId: string | null;

  @ManyToOne(() => AttachmentEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'avatar_attachment_id' })
  avatar?: AttachmentEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
