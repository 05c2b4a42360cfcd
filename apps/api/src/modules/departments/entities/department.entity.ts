import { Column, CreateDateColumn, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { EmployeeEntity } from '../../employees/entities/employee.entity';

/** CORE-2: a team such as "1st line" or "Sales"; every ticket belongs to one, and only its members see them. */
@Entity('departments')
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** The shared name clients see instead of the answering employee's (SET-2). */
  @Column({ type: 'text', nullable: true })
  displayName: string | null;

  @Column({ type: 'text', nullable: true })
  avatarUrl: string | null;

  /** Default deadline of the department's ordinary tickets, in minutes. */
  @Column({ type: 'int', nullable: true })
  defaultDeadlineMinutes: number | null;

  /** The employees who may work in the department. */
  @ManyToMany(() => EmployeeEntity)
  @JoinTable({
    name: 'department_members',
    joinColumn: { name: 'department_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'employee_id', referencedColumnName: 'id' },
  })
  members?: EmployeeEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
