import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far each durable consumer has read the event log; advanced in the transaction of its work. */
@Entity('event_cursors')
export class EventCursorEntity {
  @PrimaryColumn('text')
  consumer: string;

  @Column({ type: 'bigint', default: 0 })
  txId: string;

  @Column({ type: 'bigint', default: 0 })
  eventId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
