import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The heartbeat of each delivery worker alive in some API process (issue #16): its process renews the row
 * every fifth of QUEUE_LEASE_SECONDS. A worker whose row is older than the lease (or gone) is dead, and any
 * instance releases the jobs and per-conversation queues it still holds.
 */
@Entity('queue_workers')
export class QueueWorkerEntity {
  /** graphile-worker's worker id: what `locked_by` of its jobs and queues says. */
  @PrimaryColumn('text')
  workerId: string;

  /** `host:pid` of the process, for whoever reads the table. */
  @Column('text')
  instance: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  renewedAt: Date;
}
