import type { Language } from '@omnichannel/contracts';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

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

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
