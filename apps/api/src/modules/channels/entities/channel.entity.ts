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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
