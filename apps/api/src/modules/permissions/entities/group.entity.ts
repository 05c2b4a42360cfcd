import type { Permission } from '@omnichannel/contracts';
import { Column, CreateDateColumn, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { EmployeeEntity } from '../../employees/entities/employee.entity';

/** CORE-3: a group of employees and the rights it grants; an employee's rights are the union of their groups'. */
@Entity('groups')
export class GroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  permissions: Permission[];

  @ManyToMany(() => EmployeeEntity)
  @JoinTable({
    name: 'employee_groups',
    joinColumn: { name: 'group_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'employee_id', referencedColumnName: 'id' },
  })
  members?: EmployeeEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
