import type { MigrationInterface, QueryRunner } from "typeorm";

/** A message's files keep the order the sender gave them, even when they were uploaded in parallel. */
export class AttachmentOrder1795571000000 implements MigrationInterface {
    name = 'AttachmentOrder1795571000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "attachments" ADD "position" smallint NOT NULL DEFAULT '0'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "attachments" DROP COLUMN "position"`);
    }
}
