import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ChannelEntity } from './channel.entity';

/** What became of a stored event: waiting for its job, applied, or not applied (with the reason). */
export type ChannelEventState = 'received' | 'applied' | 'skipped' | 'failed';

/**
 * A messenger's webhook event, stored before the platform is answered (issue #11, CHN-4): the unique key
 * per channel and platform event id makes a repeated delivery a no-op. The job that applies it (identity,
 * media, the ticket command) reads it from here.
 */
@Entity('channel_events')
@Index('channel_events_key', ['channelId', 'eventKey'], { unique: true })
@Index('channel_events_recent', ['channelId', 'receivedAt'])
@Index('channel_events_unqueued', ['seq'], { where: 'NOT queued' })
export class ChannelEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The order events were stored in: a conversation's jobs are queued in it. */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', generated: 'identity' })
  seq: string;

  /** Whether its job is queued: the webhook only stores the event, a batch queues the jobs of many (one NOTIFY). */
  @Column({ type: 'boolean', default: false })
  queued: boolean;

  @Column('uuid')
  channelId: string;

  @ManyToOne(() => ChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: ChannelEntity;

  /** The platform's id of the delivery (Telegram update_id, VK event_id, Viber message_token, OK mid), as text. */
  @Column('text')
  eventKey: string;

  /** The normalised event (platform-protocol.ts InboundEvent), dates as ISO text. */
  @Column('jsonb')
  event: Record<string, unknown>;

  @Column({ type: 'text', default: 'received' })
  state: ChannelEventState;

  /** Why it was skipped or failed. */
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt: Date | null;
}
