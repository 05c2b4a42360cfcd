import type { ChannelType } from '@omnichannel/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DepartmentEntity } from '../../departments/entities/department.entity';

/** A connected source of conversations: the site widget or a messenger account (CHN-1). */
@Entity('channels')
@Index('channels_public_key_key', ['publicKey'], { unique: true })
export class ChannelEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  type: ChannelType;

  @Column('text')
  name: string;

  @Column('uuid')
  departmentId: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: DepartmentEntity;

  /** The widget's public key (data-key); null for messengers. */
  @Column({ type: 'text', nullable: true })
  publicKey: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  settings: Record<string, unknown>;

  /** A messenger's credentials, sealed with the channel secrets key (secret-box.ts); null for the widget. Never sent to the SPA. */
  @Column({ type: 'text', nullable: true, select: false })
  secrets: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** The account as its platform names it (Telegram's @bot, the VK community), read when it was connected. */
  @Column({ type: 'text', nullable: true })
  accountName: string | null;

  /** When the platform last confirmed our webhook (null: not registered). */
  @Column({ type: 'timestamptz', nullable: true })
  webhookRegisteredAt: Date | null;

  /** Why the last registration failed, in the platform's words. */
  @Column({ type: 'text', nullable: true })
  webhookError: string | null;

  /** The last reply the platform refused (shown in Settings → Channels with its time). */
  @Column({ type: 'text', nullable: true })
  lastSendError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSendErrorAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
