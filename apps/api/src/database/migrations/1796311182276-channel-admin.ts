import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #11 Settings → Channels: what the platform told us about the account and our webhook, the last
 * refused send; messages.edited_at for a client's edits on their messenger; messages_external_idx: edits and
 * receipts find a message by the platform's id; channel_events_recent: a channel's health without a scan.
 */

export class ChannelAdmin1796311182276 implements MigrationInterface {
    name = 'ChannelAdmin1796311182276'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "channels"
            ADD "account_name" text
        `);
        await queryRunner.query(`
            ALTER TABLE "channels"
            ADD "webhook_registered_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "channels"
            ADD "webhook_error" text
        `);
        await queryRunner.query(`
            ALTER TABLE "channels"
            ADD "last_send_error" text
        `);
        await queryRunner.query(`
            ALTER TABLE "channels"
            ADD "last_send_error_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "messages"
            ADD "edited_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            CREATE INDEX "messages_external_idx" ON "messages" ("external_id")
            WHERE external_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE INDEX "channel_events_recent" ON "channel_events" ("channel_id", "received_at")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."channel_events_recent"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."messages_external_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "messages" DROP COLUMN "edited_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "channels" DROP COLUMN "last_send_error_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "channels" DROP COLUMN "last_send_error"
        `);
        await queryRunner.query(`
            ALTER TABLE "channels" DROP COLUMN "webhook_error"
        `);
        await queryRunner.query(`
            ALTER TABLE "channels" DROP COLUMN "webhook_registered_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "channels" DROP COLUMN "account_name"
        `);
    }

}
