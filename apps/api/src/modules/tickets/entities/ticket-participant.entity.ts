import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EmployeeEntity } from '../../employees/entities/employee.entity';
import { TicketEntity } from './ticket.entity';

/** WORK-5: an employee invited into a conversation besides its executor; they see and follow it. */
@Entity('ticket_participants')
@Index('ticket_participants_employee_idx', ['employeeId'])
export class TicketParticipantEntity {
  @PrimaryColumn('uuid')
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: TicketEntity;

  @PrimaryColumn('uuid')
  employeeId: string;

  @ManyToOne(() => EmployeeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'employee_id' })
  employee?: EmployeeEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
