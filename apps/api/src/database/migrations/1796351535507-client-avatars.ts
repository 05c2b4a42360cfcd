import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #11 (WORK-4): a messenger client's picture, fetched once from the platform into our files; the
 * identity refers to it, so the unattached-upload janitor keeps it.
 */

export class ClientAvatars1796351535507 implements MigrationInterface {
    name = 'ClientAvatars1796351535507'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "client_identities"
            ADD "avatar_attachment_id" uuid
        `);
        await queryRunner.query(`
            CREATE INDEX "client_identities_avatar_idx" ON "client_identities" ("avatar_attachment_id")
            WHERE avatar_attachment_id IS NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "client_identities"
            ADD CONSTRAINT "FK_f820b989f5707e281cd338796c6" FOREIGN KEY ("avatar_attachment_id") REFERENCES "attachments"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "client_identities" DROP CONSTRAINT "FK_f820b989f5707e281cd338796c6"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."client_identities_avatar_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "client_identities" DROP COLUMN "avatar_attachment_id"
        `);
    }

}
