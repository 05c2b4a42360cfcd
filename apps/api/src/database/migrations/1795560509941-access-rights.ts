import type { MigrationInterface, QueryRunner } from "typeorm";

export class AccessRights1795560509941 implements MigrationInterface {
    name = 'AccessRights1795560509941'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "api_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "employee_id" uuid NOT NULL,
                "name" text NOT NULL,
                "token_hash" text NOT NULL,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "api_tokens_employee_idx" ON "api_tokens" ("employee_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "groups" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "permissions" text array NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_659d1483316afb28afd3a90646e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "settings" (
                "key" text NOT NULL,
                "value" jsonb NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c8639b7626fa94ba8265628f214" PRIMARY KEY ("key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "department_members" (
                "department_id" uuid NOT NULL,
                "employee_id" uuid NOT NULL,
                CONSTRAINT "PK_5e7fbc3f15a4f6db8ddd3c8c86c" PRIMARY KEY ("department_id", "employee_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_7d7af06fba109a8730e533c3e8" ON "department_members" ("department_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d23bf03ea2226e5cfbc30603b5" ON "department_members" ("employee_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "employee_groups" (
                "group_id" uuid NOT NULL,
                "employee_id" uuid NOT NULL,
                CONSTRAINT "PK_71c66f7e1d3ee70bcd9e220034f" PRIMARY KEY ("group_id", "employee_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_83b8f5ee86b74b445b4f05789c" ON "employee_groups" ("group_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3d1b9ebe695146641466126c18" ON "employee_groups" ("employee_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "employees"
            ADD "language" text
        `);
        await queryRunner.query(`
            ALTER TABLE "employees"
            ADD "avatar_url" text
        `);
        await queryRunner.query(`
            ALTER TABLE "employees"
            ADD "deleted_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "departments"
            ADD "display_name" text
        `);
        await queryRunner.query(`
            ALTER TABLE "departments"
            ADD "avatar_url" text
        `);
        await queryRunner.query(`
            ALTER TABLE "departments"
            ADD "default_deadline_minutes" integer
        `);
        // A deleted employee keeps their row (history shows their name) but frees the email.
        // (TypeORM's generator does not compare index conditions, so this change is written by hand.)
        await queryRunner.query(`
            DROP INDEX "public"."employees_email_key"
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "employees_email_key" ON "employees" ("email")
            WHERE deleted_at IS NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "api_tokens"
            ADD CONSTRAINT "FK_6bc4a59b569a66a861b8d03b9ff" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "department_members"
            ADD CONSTRAINT "FK_7d7af06fba109a8730e533c3e8d" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
        await queryRunner.query(`
            ALTER TABLE "department_members"
            ADD CONSTRAINT "FK_d23bf03ea2226e5cfbc30603b57" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
        await queryRunner.query(`
            ALTER TABLE "employee_groups"
            ADD CONSTRAINT "FK_83b8f5ee86b74b445b4f05789cf" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
        await queryRunner.query(`
            ALTER TABLE "employee_groups"
            ADD CONSTRAINT "FK_3d1b9ebe695146641466126c186" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "employee_groups" DROP CONSTRAINT "FK_3d1b9ebe695146641466126c186"
        `);
        await queryRunner.query(`
            ALTER TABLE "employee_groups" DROP CONSTRAINT "FK_83b8f5ee86b74b445b4f05789cf"
        `);
        await queryRunner.query(`
            ALTER TABLE "department_members" DROP CONSTRAINT "FK_d23bf03ea2226e5cfbc30603b57"
        `);
        await queryRunner.query(`
            ALTER TABLE "department_members" DROP CONSTRAINT "FK_7d7af06fba109a8730e533c3e8d"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_6bc4a59b569a66a861b8d03b9ff"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."employees_email_key"
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "employees_email_key" ON "employees" ("email")
        `);
        await queryRunner.query(`
            ALTER TABLE "departments" DROP COLUMN "default_deadline_minutes"
        `);
        await queryRunner.query(`
            ALTER TABLE "departments" DROP COLUMN "avatar_url"
        `);
        await queryRunner.query(`
            ALTER TABLE "departments" DROP COLUMN "display_name"
        `);
        await queryRunner.query(`
            ALTER TABLE "employees" DROP COLUMN "deleted_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "employees" DROP COLUMN "avatar_url"
        `);
        await queryRunner.query(`
            ALTER TABLE "employees" DROP COLUMN "language"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3d1b9ebe695146641466126c18"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_83b8f5ee86b74b445b4f05789c"
        `);
        await queryRunner.query(`
            DROP TABLE "employee_groups"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d23bf03ea2226e5cfbc30603b5"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7d7af06fba109a8730e533c3e8"
        `);
        await queryRunner.query(`
            DROP TABLE "department_members"
        `);
        await queryRunner.query(`
            DROP TABLE "settings"
        `);
        await queryRunner.query(`
            DROP TABLE "groups"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."api_tokens_token_hash_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."api_tokens_employee_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "api_tokens"
        `);
    }

}
