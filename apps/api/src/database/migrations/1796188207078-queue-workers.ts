import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #16 point 1: the heartbeats of the delivery workers alive in each API process, so that any
 * instance can release the jobs (and conversation queues) of a worker whose process died or lost its
 * connection, after QUEUE_LEASE_SECONDS instead of graphile-worker's 4 hours.
 */
export class QueueWorkers1796188207078 implements MigrationInterface {
    name = 'QueueWorkers1796188207078'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "queue_workers" (
                "worker_id" text NOT NULL,
                "instance" text NOT NULL,
                "renewed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_bc51d3d598e78d897711b13fc5d" PRIMARY KEY ("worker_id")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "queue_workers"
        `);
    }

}
