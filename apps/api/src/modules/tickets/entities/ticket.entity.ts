import type { AssignStrategy, TicketPriority, TicketSource, TicketStatus } from '@omnichannel/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ChannelEntity } from '../../channels/entities/channel.entity';
import { ClientEntity } from '../../clients/entities/client.entity';
import { DepartmentEntity } from '../../departments/entities/department.entity';
import { EmployeeEntity } from '../../employees/entities/employee.entity';
import { GroupEntity } from '../../permissions/entities/group.entity';
import { TicketStatusEntity } from './ticket-status.entity';

/**
 * CORE-4: every conversation is a ticket. `live` marks a conversation still in the live-chat module;
 * at most one live ticket exists per client and channel (a unique partial index, so two API instances
 * receiving the same client's first messages cannot open two).
 * Every message rewrites the row (sequence number, times): no index covers those columns and the table
 * keeps free space per page (fillfactor, set by the migration), so the rewrite stays a cheap HOT update.
 */
@Entity('tickets')
@Index('tickets_number_key', ['number'], { unique: true })
@Index('tickets_live_client_channel_key', ['clientId', 'channelId'], { unique: true, where: 'live' })
@Index('tickets_unassigned_idx', ['departmentId', 'createdAt'], { where: 'live AND executor_id IS NULL' })
@Index('tickets_executor_live_idx', ['executorId'], { where: 'live' })
@Index('tickets_client_idx', ['clientId', 'createdAt'])
@Index('tickets_queue_idx', ['queuedAt'], { where: 'live AND executor_id IS NULL AND queued_at IS NOT NULL' })
// Issue #19 (the migration ListsAndSearch says why each exists; their expressions and predicates are
// PostgreSQL's to compare, so the schema builder leaves them alone).
@Index('tickets_subject_trgm_idx', { synchronize: false })
@Index('tickets_live_channel_idx', { synchronize: false })
@Index('tickets_first_reply_due_idx', { synchronize: false })
@Index('tickets_resolution_due_idx', { synchronize: false })
@Index('tickets_waiting_idx', { synchronize: false })
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human, sequential number ("#1042"). */
  @Column('int')
  @Generated('increment')
  number: number;

  @Column('text')
  subject: string;

  @Column('text')
  status: TicketStatus;

  @ManyToOne(() => TicketStatusEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'status', referencedColumnName: 'code' })
  statusRef?: TicketStatusEntity;

  @Column({ type: 'boolean', default: true })
  live: boolean;

  @Column('uuid')
  departmentId: string;

  @ManyToOne(() => DepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: DepartmentEntity;

  @Column({ type: 'uuid', nullable: true })
  executorId: string | null;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'executor_id' })
  executor?: EmployeeEntity | null;

  @Column('uuid')
  clientId: string;

  @ManyToOne(() => ClientEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: ClientEntity;

  @Column('uuid')
  channelId: string;

  @ManyToOne(() => ChannelEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_id' })
  channel?: ChannelEntity;

  /** Where the conversation started: page URL, referrer, IP and browser for the widget. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  source: Partial<TicketSource>;

  /** Values of the administrator's ticket fields (WORK-4), by field key. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  custom: Record<string, string | number | null>;

  /** The last history sequence number handed out; the next entry takes lastSeq + 1. */
  @Column({ type: 'int', default: 0 })
  lastSeq: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastMessageAt: Date | null;

  /** The seq of the client's newest message (NAV-7 unread marks compare against it). */
  @Column({ type: 'int', default: 0 })
  lastClientSeq: number;

  /** Since when the client has been waiting for an employee's reply; null when nobody waits. */
  @Column({ type: 'timestamptz', nullable: true })
  waitingSince: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** DSP-3: set by people or rules. */
  @Column({ type: 'text', default: 'normal' })
  priority: TicketPriority;

  /** When the current executor got the request (DSP-6 counts "no reply within N minutes" from here). */
  @Column({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  /**
   * DSP-5: the dispatcher's queue. A request waiting for a free operator has `queuedAt` (its place in
   * line) and the assign action it waits for: the group, the strategy and whether the client's previous
   * executor goes first.
   */
  @Column({ type: 'timestamptz', nullable: true })
  queuedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  queueGroupId: string | null;

  @ManyToOne(() => GroupEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'queue_group_id' })
  queueGroup?: GroupEntity | null;

  @Column({ type: 'text', nullable: true })
  queueStrategy: AssignStrategy | null;

  @Column({ type: 'boolean', default: false })
  queuePreferPrevious: boolean;

  /** DSP-6: the executor the request was taken from is not offered it again. */
  @Column({ type: 'uuid', nullable: true })
  queueExcludeId: string | null;

  /** The name of the rule that queued the request, for the history entry when it is assigned. */
  @Column({ type: 'text', nullable: true })
  queueRuleName: string | null;

  /** SLA-1: the module's deadlines, fixed when the request arrives (working minutes of its department). */
  @Column({ type: 'timestamptz', nullable: true })
  firstReplyDue: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolutionDue: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstRepliedAt: Date | null;

  /** SLA-2: which deadlines passed unmet ('first-reply', 'resolution'). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  slaBreached: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
