import type { MigrationInterface, QueryRunner } from "typeorm";

export class OperatorWorkspace1795562592496 implements MigrationInterface {
    name = 'OperatorWorkspace1795562592496'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "templates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "title" text NOT NULL,
                "tags" text array NOT NULL DEFAULT '{}',
                "channels" text array NOT NULL DEFAULT '{}',
                "body" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_515948649ce0bbbe391de702ae5" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "attachments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "mime" text NOT NULL,
                "size" integer NOT NULL,
                "is_image" boolean NOT NULL DEFAULT false,
                "storage_key" text NOT NULL,
                "uploaded_by_employee_id" uuid,
                "uploaded_by_client_id" uuid,
                "message_id" uuid,
                "ticket_id" uuid,
                "template_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5e1f050bcff31e3084a1d662412" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "attachments_template_idx" ON "attachments" ("template_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "attachments_message_idx" ON "attachments" ("message_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "custom_fields" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "entity" text NOT NULL,
                "key" text NOT NULL,
                "label" text NOT NULL,
                "type" text NOT NULL,
                "options" text array NOT NULL DEFAULT '{}',
                "position" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_35ab958a0baec2e0b2b2b875fdb" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "custom_fields_entity_key_key" ON "custom_fields" ("entity", "key")
        `);
        await queryRunner.query(`
            CREATE TABLE "ticket_participants" (
                "ticket_id" uuid NOT NULL,
                "employee_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_331fed44d3c5fd6893d48ed11ff" PRIMARY KEY ("ticket_id", "employee_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ticket_participants_employee_idx" ON "ticket_participants" ("employee_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "ticket_reads" (
                "employee_id" uuid NOT NULL,
                "ticket_id" uuid NOT NULL,
                "last_read_seq" integer NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d7223477877db3a9931cdb243fa" PRIMARY KEY ("employee_id", "ticket_id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "clients"
            ADD "custom" jsonb NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "employees"
            ADD "notify_sound" boolean NOT NULL DEFAULT true
        `);
        await queryRunner.query(`
            ALTER TABLE "employees"
            ADD "notify_desktop" boolean NOT NULL DEFAULT true
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "custom" jsonb NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "last_client_seq" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "messages"
            ADD "visibility" text NOT NULL DEFAULT 'both'
        `);
        // Tickets that existed before: their client's newest message.
        await queryRunner.query(`
            UPDATE "tickets" t SET "last_client_seq" = COALESCE(
                (SELECT max(m.seq) FROM "messages" m WHERE m.ticket_id = t.id AND m.kind = 'client'), 0)
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments"
            ADD CONSTRAINT "FK_5513aa6c3c501a0c7bec028febb" FOREIGN KEY ("uploaded_by_employee_id") REFERENCES "employees"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments"
            ADD CONSTRAINT "FK_dc2a980ce080e27a623acc4656c" FOREIGN KEY ("uploaded_by_client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments"
            ADD CONSTRAINT "FK_623e10eec51ada466c5038979e3" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments"
            ADD CONSTRAINT "FK_73d871f247ffebda5dc3f0df8a4" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments"
            ADD CONSTRAINT "FK_e3d20c7fd008c825a17e465dc94" FOREIGN KEY ("template_id") REFERENCES "templates"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_participants"
            ADD CONSTRAINT "FK_9037c6573a87bb7590574e8c508" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_participants"
            ADD CONSTRAINT "FK_186aa755e6d148182f1d0be304d" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_reads"
            ADD CONSTRAINT "FK_e54f353ffa77f5c8e7c10e311c1" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_reads"
            ADD CONSTRAINT "FK_6396e934b05b4b42c48c5491dd7" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "ticket_reads" DROP CONSTRAINT "FK_6396e934b05b4b42c48c5491dd7"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_reads" DROP CONSTRAINT "FK_e54f353ffa77f5c8e7c10e311c1"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_participants" DROP CONSTRAINT "FK_186aa755e6d148182f1d0be304d"
        `);
        await queryRunner.query(`
            ALTER TABLE "ticket_participants" DROP CONSTRAINT "FK_9037c6573a87bb7590574e8c508"
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments" DROP CONSTRAINT "FK_e3d20c7fd008c825a17e465dc94"
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments" DROP CONSTRAINT "FK_73d871f247ffebda5dc3f0df8a4"
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments" DROP CONSTRAINT "FK_623e10eec51ada466c5038979e3"
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments" DROP CONSTRAINT "FK_dc2a980ce080e27a623acc4656c"
        `);
        await queryRunner.query(`
            ALTER TABLE "attachments" DROP CONSTRAINT "FK_5513aa6c3c501a0c7bec028febb"
        `);
        await queryRunner.query(`
            ALTER TABLE "messages" DROP COLUMN "visibility"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "last_client_seq"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "custom"
        `);
        await queryRunner.query(`
            ALTER TABLE "employees" DROP COLUMN "notify_desktop"
        `);
        await queryRunner.query(`
            ALTER TABLE "employees" DROP COLUMN "notify_sound"
        `);
        await queryRunner.query(`
            ALTER TABLE "clients" DROP COLUMN "custom"
        `);
        await queryRunner.query(`
            DROP TABLE "ticket_reads"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ticket_participants_employee_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "ticket_participants"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."custom_fields_entity_key_key"
        `);
        await queryRunner.query(`
            DROP TABLE "custom_fields"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."attachments_message_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."attachments_template_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "attachments"
        `);
        await queryRunner.query(`
            DROP TABLE "templates"
        `);
    }

}
