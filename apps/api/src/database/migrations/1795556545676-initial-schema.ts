import type { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795556545676 implements MigrationInterface {
    name = 'InitialSchema1795556545676'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "employees" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "name" text NOT NULL,
                "password_hash" text NOT NULL,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b9535a98350d5b26e7eb0c26af4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "employees_email_key" ON "employees" ("email")
        `);
        await queryRunner.query(`
            CREATE TABLE "employee_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "employee_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ip" text,
                "user_agent" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_cf2698511303dbc87e1d3e5d5a6" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "employee_sessions_employee_idx" ON "employee_sessions" ("employee_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "employee_sessions_token_hash_key" ON "employee_sessions" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "departments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_839517a681a86bb84cbcc6a1e9d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "channels" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "type" text NOT NULL,
                "name" text NOT NULL,
                "department_id" uuid NOT NULL,
                "public_key" text,
                "settings" jsonb NOT NULL DEFAULT '{}',
                "enabled" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_bc603823f3f741359c2339389f9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "channels_public_key_key" ON "channels" ("public_key")
        `);
        await queryRunner.query(`
            CREATE TABLE "clients" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text,
                "email" text,
                "phone" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f1ab7cf3a5714dbc6bb4e1c28a4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "visitor_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" text NOT NULL,
                "client_id" uuid NOT NULL,
                "channel_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_1b2dd75a3ee3cd482a04ace5080" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "visitor_sessions_token_hash_key" ON "visitor_sessions" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "client_identities" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "client_id" uuid NOT NULL,
                "channel_id" uuid NOT NULL,
                "external_id" text NOT NULL,
                "profile" jsonb NOT NULL DEFAULT '{}',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2e3aa4c333633b771548e18d296" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "client_identities_client_idx" ON "client_identities" ("client_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "client_identities_channel_external_key" ON "client_identities" ("channel_id", "external_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "ticket_statuses" (
                "code" text NOT NULL,
                "name" text NOT NULL,
                "is_final" boolean NOT NULL DEFAULT false,
                "position" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_55ec7fe4f17388feb470d9a236b" PRIMARY KEY ("code")
            )
        `);
        // CORE-4 default statuses; administrators add their own later.
        await queryRunner.query(`
            INSERT INTO "ticket_statuses" ("code", "name", "is_final", "position") VALUES
                ('open', 'Open', false, 10),
                ('in_progress', 'In progress', false, 20),
                ('waiting', 'Waiting for client', false, 30),
                ('completed', 'Completed', true, 40)
        `);
        await queryRunner.query(`
            CREATE TABLE "tickets" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "number" SERIAL NOT NULL,
                "subject" text NOT NULL,
                "status" text NOT NULL,
                "live" boolean NOT NULL DEFAULT true,
                "department_id" uuid NOT NULL,
                "executor_id" uuid,
                "client_id" uuid NOT NULL,
                "channel_id" uuid NOT NULL,
                "source" jsonb NOT NULL DEFAULT '{}',
                "last_seq" integer NOT NULL DEFAULT '0',
                "last_message_at" TIMESTAMP WITH TIME ZONE,
                "waiting_since" TIMESTAMP WITH TIME ZONE,
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_343bc942ae261cf7a1377f48fd0" PRIMARY KEY ("id")
            )
        `);
        // Room on each page for the row's new version: a message's update of the ticket stays HOT.
        await queryRunner.query(`
            ALTER TABLE "tickets" SET (fillfactor = 80)
        `);
        await queryRunner.query(`
            CREATE INDEX "tickets_client_idx" ON "tickets" ("client_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "tickets_executor_live_idx" ON "tickets" ("executor_id")
            WHERE live
        `);
        await queryRunner.query(`
            CREATE INDEX "tickets_unassigned_idx" ON "tickets" ("department_id", "created_at")
            WHERE live
                AND executor_id IS NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "tickets_live_client_channel_key" ON "tickets" ("client_id", "channel_id")
            WHERE live
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "tickets_number_key" ON "tickets" ("number")
        `);
        await queryRunner.query(`
            CREATE TABLE "messages" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "ticket_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "kind" text NOT NULL,
                "body" text NOT NULL,
                "author_employee_id" uuid,
                "author_client_id" uuid,
                "event" jsonb,
                "client_msg_id" uuid,
                "delivery_state" text,
                "delivery_error" text,
                "delivery_updated_at" TIMESTAMP WITH TIME ZONE,
                "external_id" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "messages_employee_msg_key" ON "messages" ("author_employee_id", "client_msg_id")
            WHERE client_msg_id IS NOT NULL
                AND author_employee_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "messages_client_msg_key" ON "messages" ("author_client_id", "client_msg_id")
            WHERE client_msg_id IS NOT NULL
                AND author_client_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "messages_ticket_seq_key" ON "messages" ("ticket_id", "seq")
        `);
        await queryRunner.query(`
            ALTER TABLE "employee_sessions"
            ADD CONSTRAINT "FK_09e28618b8048a48c6d7b86181d" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "channels"
            ADD CONSTRAINT "FK_3fb20ba825fc4ff96b72814584b" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "visitor_sessions"
            ADD CONSTRAINT "FK_7a5646dec0b210e0717c0fa8be4" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "visitor_sessions"
            ADD CONSTRAINT "FK_2baa56f9233a8dddbb16570699d" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "client_identities"
            ADD CONSTRAINT "FK_aea0e11e2d05580d93a375ec2da" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "client_identities"
            ADD CONSTRAINT "FK_7a3bd530eab9ec8222c2140c17f" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "FK_12b901b34113688b47863685106" FOREIGN KEY ("status") REFERENCES "ticket_statuses"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "FK_fb1d03aa5fffa0e5ca41873a00a" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "FK_0427f9e3464933a096b0e1d3a13" FOREIGN KEY ("executor_id") REFERENCES "employees"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "FK_ab0f4c7161f0a5c178d229e3541" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "FK_be4060f43662ade644f5dcfd527" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "messages"
            ADD CONSTRAINT "FK_aa8e62e23565f59d22160b35f18" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "messages"
            ADD CONSTRAINT "FK_54b853ec0e3ed232f8d4b2578a3" FOREIGN KEY ("author_employee_id") REFERENCES "employees"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "messages"
            ADD CONSTRAINT "FK_00aecf1933294a30fea8bae469d" FOREIGN KEY ("author_client_id") REFERENCES "clients"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "messages" DROP CONSTRAINT "FK_00aecf1933294a30fea8bae469d"
        `);
        await queryRunner.query(`
            ALTER TABLE "messages" DROP CONSTRAINT "FK_54b853ec0e3ed232f8d4b2578a3"
        `);
        await queryRunner.query(`
            ALTER TABLE "messages" DROP CONSTRAINT "FK_aa8e62e23565f59d22160b35f18"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "FK_be4060f43662ade644f5dcfd527"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "FK_ab0f4c7161f0a5c178d229e3541"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "FK_0427f9e3464933a096b0e1d3a13"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "FK_fb1d03aa5fffa0e5ca41873a00a"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "FK_12b901b34113688b47863685106"
        `);
        await queryRunner.query(`
            ALTER TABLE "client_identities" DROP CONSTRAINT "FK_7a3bd530eab9ec8222c2140c17f"
        `);
        await queryRunner.query(`
            ALTER TABLE "client_identities" DROP CONSTRAINT "FK_aea0e11e2d05580d93a375ec2da"
        `);
        await queryRunner.query(`
            ALTER TABLE "visitor_sessions" DROP CONSTRAINT "FK_2baa56f9233a8dddbb16570699d"
        `);
        await queryRunner.query(`
            ALTER TABLE "visitor_sessions" DROP CONSTRAINT "FK_7a5646dec0b210e0717c0fa8be4"
        `);
        await queryRunner.query(`
            ALTER TABLE "channels" DROP CONSTRAINT "FK_3fb20ba825fc4ff96b72814584b"
        `);
        await queryRunner.query(`
            ALTER TABLE "employee_sessions" DROP CONSTRAINT "FK_09e28618b8048a48c6d7b86181d"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."messages_ticket_seq_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."messages_client_msg_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."messages_employee_msg_key"
        `);
        await queryRunner.query(`
            DROP TABLE "messages"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."tickets_number_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."tickets_live_client_channel_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."tickets_unassigned_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."tickets_executor_live_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."tickets_client_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "tickets"
        `);
        await queryRunner.query(`
            DROP TABLE "ticket_statuses"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."client_identities_channel_external_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."client_identities_client_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "client_identities"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."visitor_sessions_token_hash_key"
        `);
        await queryRunner.query(`
            DROP TABLE "visitor_sessions"
        `);
        await queryRunner.query(`
            DROP TABLE "clients"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."channels_public_key_key"
        `);
        await queryRunner.query(`
            DROP TABLE "channels"
        `);
        await queryRunner.query(`
            DROP TABLE "departments"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."employee_sessions_token_hash_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."employee_sessions_employee_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "employee_sessions"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."employees_email_key"
        `);
        await queryRunner.query(`
            DROP TABLE "employees"
        `);
    }

}
