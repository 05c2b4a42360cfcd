import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #19: lists, searches and sweeps whose work follows what they return or what is due, not the
 * length of the history. Chosen with EXPLAIN on bench/p7-data-volume.mjs's year of data (100,000
 * tickets, 1,000,000 messages). None of them holds a column a client message changes (last_seq,
 * last_client_seq, last_message_at, updated_at), so the hot path's ticket update stays HOT.
 * pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it, no superuser.
 */
export class ListsAndSearch1796260000000 implements MigrationInterface {
    name = 'ListsAndSearch1796260000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        // Ticket search: text inside a client's name or email (ILIKE '%…%' of 3+ characters), digits inside a phone number however it is written.
        await queryRunner.query(`CREATE INDEX "clients_name_trgm_idx" ON "clients" USING gin ("name" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "clients_email_trgm_idx" ON "clients" USING gin ("email" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "clients_phone_trgm_idx" ON "clients" USING gin ((regexp_replace("phone", '[^0-9]', '', 'g')) gin_trgm_ops)`);
        // Ticket search with one or two characters: a name or email that starts with them.
        await queryRunner.query(`CREATE INDEX "clients_name_prefix_idx" ON "clients" (lower("name") text_pattern_ops)`);
        await queryRunner.query(`CREATE INDEX "clients_email_prefix_idx" ON "clients" (lower("email") text_pattern_ops)`);
        // Ticket search: text inside a subject.
        await queryRunner.query(`CREATE INDEX "tickets_subject_trgm_idx" ON "tickets" USING gin ("subject" gin_trgm_ops)`);
        // NAV-4 channel tabs: the live tickets of one channel, without reading the closed ones.
        await queryRunner.query(`CREATE INDEX "tickets_live_channel_idx" ON "tickets" ("channel_id") WHERE live`);
        // SLA-2 sweep: only the first-reply deadlines still open, by due time.
        await queryRunner.query(`
            CREATE INDEX "tickets_first_reply_due_idx" ON "tickets" ("first_reply_due")
            WHERE live AND first_replied_at IS NULL AND NOT ('first-reply' = ANY(sla_breached))
        `);
        // SLA-2 sweep: only the resolution deadlines still open, by due time.
        await queryRunner.query(`
            CREATE INDEX "tickets_resolution_due_idx" ON "tickets" ("resolution_due")
            WHERE live AND NOT ('resolution' = ANY(sla_breached))
        `);
        // DSP-3 "unanswered for N minutes" and DSP-6 re-assignment: live requests whose client waits, by since when.
        await queryRunner.query(`CREATE INDEX "tickets_waiting_idx" ON "tickets" ("waiting_since") WHERE live AND waiting_since IS NOT NULL`);
        // Message search: the words of every message and comment, stemmed once when written (the russian
        // configuration stems Russian words and, through english_stem, Latin ones). Stored, so a search that
        // reads messages newest first tests each one without parsing its text again; system entries have none.
        // A trigger keeps it (not a generated column: TypeORM would keep those in a metadata table of its own).
        await queryRunner.query(`ALTER TABLE "messages" ADD "search_vector" tsvector`);
        await queryRunner.query(`
            CREATE FUNCTION omni_message_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.search_vector := CASE WHEN NEW.kind <> 'system' THEN to_tsvector('russian', NEW.body) END;
              RETURN NEW;
            END $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER messages_search_vector BEFORE INSERT OR UPDATE OF body, kind ON "messages"
            FOR EACH ROW EXECUTE FUNCTION omni_message_search_vector()
        `);
        await queryRunner.query(`UPDATE "messages" SET search_vector = to_tsvector('russian', body) WHERE kind <> 'system'`);
        await queryRunner.query(`CREATE INDEX "messages_text_idx" ON "messages" USING gin ("search_vector")`);
        // Message search, newest first: a word found in many messages is read backwards in time until a page is full.
        await queryRunner.query(`CREATE INDEX "messages_created_idx" ON "messages" ("created_at")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."messages_created_idx", "public"."messages_text_idx", "public"."tickets_waiting_idx",
                "public"."tickets_resolution_due_idx", "public"."tickets_first_reply_due_idx", "public"."tickets_live_channel_idx",
                "public"."tickets_subject_trgm_idx", "public"."clients_email_prefix_idx", "public"."clients_name_prefix_idx",
                "public"."clients_phone_trgm_idx", "public"."clients_email_trgm_idx", "public"."clients_name_trgm_idx"
        `);
        await queryRunner.query(`DROP TRIGGER messages_search_vector ON "messages"`);
        await queryRunner.query(`DROP FUNCTION omni_message_search_vector()`);
        await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "search_vector"`);
    }

}
