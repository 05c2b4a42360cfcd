import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #11: messenger webhook events stored before the platform is answered, and channels' sealed
 * credentials. channel_events_key: a platform's repeated delivery (same channel, same event id) inserts nothing.
 */
export class MessengerWebhooks1796291861952 implements MigrationInterface {
    name = 'MessengerWebhooks1796291861952'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "channel_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "channel_id" uuid NOT NULL,
                "event_key" text NOT NULL,
                "event" jsonb NOT NULL,
                "state" text NOT NULL DEFAULT 'received',
                "detail" text,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "applied_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_539b00cdda7ba74bee34aa21b91" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "channel_events_key" ON "channel_events" ("channel_id", "event_key")
        `);
        await queryRunner.query(`
            ALTER TABLE "channels"
            ADD "secrets" text
        `);
        await queryRunner.query(`
            ALTER TABLE "channel_events"
            ADD CONSTRAINT "FK_faafb9e7061ebe616c2c6ff8c9c" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "channel_events" DROP CONSTRAINT "FK_faafb9e7061ebe616c2c6ff8c9c"
        `);
        await queryRunner.query(`
            ALTER TABLE "channels" DROP COLUMN "secrets"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."channel_events_key"
        `);
        await queryRunner.query(`
            DROP TABLE "channel_events"
        `);
    }

}
