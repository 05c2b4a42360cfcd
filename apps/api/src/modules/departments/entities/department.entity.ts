import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** CORE-2: a team such as "1st line" or "Sales"; every ticket belongs to one. */
@Entity('departments')
export class DepartmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
