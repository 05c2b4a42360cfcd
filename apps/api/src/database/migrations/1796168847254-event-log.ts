import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #9: the durable event log (domain_events) and the cursors of its consumers. No NOTIFY trigger:
 * a transaction that notifies takes a cluster-wide lock through its commit, which would serialise every
 * write of the hot path; consumers are woken in-process instead (see event-consumers.ts).
 */
export class EventLog1796168847254 implements MigrationInterface {
    name = 'EventLog1796168847254'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE FUNCTION omni_current_tx() RETURNS bigint LANGUAGE sql AS $$ SELECT pg_current_xact_id()::text::bigint $$
        `);
        await queryRunner.query(`
            CREATE TABLE "domain_events" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "tx_id" bigint NOT NULL DEFAULT omni_current_tx(),
                "type" text NOT NULL,
                "ticket_id" uuid,
                "actor" jsonb NOT NULL,
                "data" jsonb NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_66e0920a32dda3a89b46ee7a981" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "domain_events_ticket_idx" ON "domain_events" ("ticket_id", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "domain_events_position_idx" ON "domain_events" ("tx_id", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "event_cursors" (
                "consumer" text NOT NULL,
                "tx_id" bigint NOT NULL DEFAULT '0',
                "event_id" bigint NOT NULL DEFAULT '0',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_24929118571d756b3ce08b12e85" PRIMARY KEY ("consumer")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "event_cursors"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."domain_events_position_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."domain_events_ticket_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "domain_events"
        `);
        await queryRunner.query(`DROP FUNCTION omni_current_tx()`);
    }

}
