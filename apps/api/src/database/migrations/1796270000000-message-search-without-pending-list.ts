import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #19: the message text index (GIN) is updated by each insert instead of through GIN's pending list.
 * With the pending list, the insert that fills it (4 MB, some 13,000 messages) merges it into the index
 * itself, a pause PostgreSQL's documentation warns about; a client's message must not be the one that
 * pays it. Each insert costs a little more (within the noise of the measurements here). P3 still shows an
 * occasional stall second (78–139 ms worst) with this in place, so it is a precaution, not their cause.
 */
export class MessageSearchWithoutPendingList1796270000000 implements MigrationInterface {
    name = 'MessageSearchWithoutPendingList1796270000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER INDEX "messages_text_idx" SET (fastupdate = off)`);
        // What the pending list already holds goes into the index now, not on some later insert.
        await queryRunner.query(`SELECT gin_clean_pending_list('"messages_text_idx"'::regclass)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER INDEX "messages_text_idx" RESET (fastupdate)`);
    }
}
