import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ChannelEntity } from '../../channels/entities/channel.entity';
import { ClientEntity } from '../../clients/entities/client.entity';

/**
 * A widget visitor's credential: a server-minted random token (never client-chosen, never in a URL).
 * Only its SHA-256 is stored; it opens exactly one client's conversations on one widget channel.
 */
@Entity('visitor_sessions')
@Index('visitor_sessions_token_hash_key', ['tokenHash'], { unique: true })
export class VisitorSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tokenHash: string;

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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;
}
