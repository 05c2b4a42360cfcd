import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EmployeeEntity } from '../../employees/entities/employee.entity';

/** DSP-1: every status change of an employee, with its time (the statistics of STAT-5 read it). */
@Entity('operator_status_changes')
@Index('operator_status_changes_employee_idx', ['employeeId', 'changedAt'])
export class StatusChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  employeeId: string;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'employee_id' })
  employee?: EmployeeEntity;

  @Column({ type: 'text', nullable: true })
  fromStatus: string | null;

  @Column('text')
  toStatus: string;

  /** Who changed it: the employee themself, an administrator, or the server (auto-offline, DSP-2). */
  @Column('text')
  changedBy: 'self' | 'admin' | 'auto';

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
