import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #11 P1: a webhook stores its event in one statement; a batch queues the jobs of many events at once
 * (one NOTIFY instead of one per event). Events stored before this already have their jobs: queued.
 */

export class WebhookBatches1796315148378 implements MigrationInterface {
    name = 'WebhookBatches1796315148378'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "channel_events"
            ADD "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "channel_events"
            ADD "queued" boolean NOT NULL DEFAULT true
        `);
        await queryRunner.query(`
            ALTER TABLE "channel_events"
            ALTER COLUMN "queued" SET DEFAULT false
        `);
        await queryRunner.query(`
            CREATE INDEX "channel_events_unqueued" ON "channel_events" ("seq")
            WHERE NOT queued
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."channel_events_unqueued"
        `);
        await queryRunner.query(`
            ALTER TABLE "channel_events" DROP COLUMN "queued"
        `);
        await queryRunner.query(`
            ALTER TABLE "channel_events" DROP COLUMN "seq"
        `);
    }

}
