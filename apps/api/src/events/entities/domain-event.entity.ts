import type { DomainEventType, EventActor } from '@omnichannel/contracts';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The durable event log (transactional outbox): commands insert their events in the transaction of the
 * change. `txId` is the inserting transaction's id: consumers read in (txId, id) order and only below the
 * oldest transaction still running, so an event committed late by a transaction that started early is
 * never skipped (ids alone are handed out before commit, out of commit order).
 */
@Entity('domain_events')
@Index('domain_events_position_idx', ['txId', 'id'])
@Index('domain_events_ticket_idx', ['ticketId', 'id'])
export class DomainEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  /** omni_current_tx(): pg_current_xact_id() as a bigint (a function, so the schema check compares it plainly). */
  @Column({ type: 'bigint', default: () => 'omni_current_tx()' })
  txId: string;

  @Column('text')
  type: DomainEventType;

  /** The ticket it is about, if any; no foreign key, so the log stays what happened whatever is deleted later. */
  @Column({ type: 'uuid', nullable: true })
  ticketId: string | null;

  @Column('jsonb')
  actor: EventActor;

  @Column('jsonb')
  data: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;
}
