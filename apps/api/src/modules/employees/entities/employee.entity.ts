import type { Language } from '@omnichannel/contracts';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OperatorStatusEntity } from '../../dispatcher/entities/operator-status.entity';

/**
 * CORE-1: operators, supervisors and administrators. Emails are stored lower-cased and unique among
 * employees who are not deleted. A deleted employee stays as a row so history keeps their name.
 */
@Entity('employees')
@Index('employees_email_key', ['email'], { unique: true, where: 'deleted_at IS NULL' })
export class EmployeeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  name: string;

  /** argon2id hash; never leaves the server. */
  @Column('text')
  passwordHash: string;

  @Column({ type: 'text', nullable: true })
  language: Language | null;

  @Column({ type: 'text', nullable: true })
  avatarUrl: string | null;

  /** NAV-7: the employee's choice of a sound and a browser notification. */
  @Column({ type: 'boolean', default: true })
  notifySound: boolean;

  @Column({ type: 'boolean', default: true })
  notifyDesktop: boolean;

  /** DSP-1: the operator's status (online, away, offline or one an administrator added). */
  @Column({ type: 'text', default: 'offline' })
  status: string;

  @ManyToOne(() => OperatorStatusEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'status', referencedColumnName: 'code' })
  statusRef?: OperatorStatusEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  statusSince: Date;

  /** DSP-4: the operator's own limit of simultaneous chats; null = the module's default. */
  @Column({ type: 'int', nullable: true })
  chatLimit: number | null;

  /**
   * DSP-7: live chats the employee executes. Kept by a trigger on tickets, so every path that changes an
   * executor counts, and the dispatcher's conditional update on this row is what enforces the limit.
   */
  @Column({ type: 'int', default: 0 })
  activeChats: number;

  /** When the dispatcher last gave the employee a chat (round robin, ties of least busy). */
  @Column({ type: 'timestamptz', nullable: true })
  lastAssignedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
