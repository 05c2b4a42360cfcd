import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #10 point 7: the janitor finds uploads never attached (oldest first) by a partial index, and
 * whether a stored file is still used by any row by its key.
 */
export class UnattachedUploads1796185400442 implements MigrationInterface {
    name = 'UnattachedUploads1796185400442'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE INDEX "attachments_storage_key_idx" ON "attachments" ("storage_key")
        `);
        await queryRunner.query(`
            CREATE INDEX "attachments_unattached_idx" ON "attachments" ("created_at")
            WHERE message_id IS NULL
                AND template_id IS NULL
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."attachments_unattached_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."attachments_storage_key_idx"
        `);
    }

}
