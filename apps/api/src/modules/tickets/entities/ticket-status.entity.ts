import { Column, Entity, PrimaryColumn } from 'typeorm';

/** CORE-4: ticket statuses; the defaults are created by the initial migration. */
@Entity('ticket_statuses')
export class TicketStatusEntity {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  /** A final status ends the ticket's work (completed/closed). */
  @Column({ type: 'boolean', default: false })
  isFinal: boolean;

  @Column({ type: 'int', default: 0 })
  position: number;
}
