import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { EmployeeEntity } from '../../employees/entities/employee.entity';
import { TicketEntity } from './ticket.entity';

/** NAV-7: how far an employee has read a conversation; newer client messages make it unread. */
@Entity('ticket_reads')
export class TicketReadEntity {
  @PrimaryColumn('uuid')
  employeeId: string;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'employee_id' })
  employee?: EmployeeEntity;

  @PrimaryColumn('uuid')
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: TicketEntity;

  @Column('int')
  lastReadSeq: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
