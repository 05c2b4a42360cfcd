import type { WorkScheduleValue } from '@omnichannel/contracts';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { DepartmentEntity } from '../../departments/entities/department.entity';

/** SLA-1: a department's deadlines for omni requests and the working hours they are counted in. */
@Entity('department_sla')
export class DepartmentSlaEntity {
  @PrimaryColumn('uuid')
  departmentId: string;

  @OneToOne(() => DepartmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'department_id' })
  department?: DepartmentEntity;

  @Column({ type: 'int', default: 10 })
  firstReplyMinutes: number;

  @Column({ type: 'int', nullable: true })
  resolutionMinutes: number | null;

  @Column({ type: 'jsonb', nullable: true })
  schedule: WorkScheduleValue | null;
}
