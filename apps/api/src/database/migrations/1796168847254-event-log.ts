import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #9: the durable event log (domain_events) and the cursors of its consumers. A statement trigger
 * sends one NOTIFY per inserting statement; PostgreSQL delivers it on commit, so every instance's
 * consumers wake when events become readable, and never for a rolled-back transaction.
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
        await queryRunner.query(`
            CREATE FUNCTION omni_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              PERFORM pg_notify('omni_events', '');
              RETURN NULL;
            END $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER domain_events_notify AFTER INSERT ON domain_events
            FOR EACH STATEMENT EXECUTE FUNCTION omni_notify_events()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER domain_events_notify ON domain_events`);
        await queryRunner.query(`DROP FUNCTION omni_notify_events()`);
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
