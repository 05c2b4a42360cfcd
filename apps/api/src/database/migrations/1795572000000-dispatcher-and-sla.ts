import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Issue #5: operator statuses and their log (DSP-1), chat limits and the live-chat counter the dispatcher
 * enforces them on (DSP-4, DSP-7), its queue (DSP-5), rules (DSP-3), and the module's SLA (SLA-1, SLA-2).
 * The counter is kept by a trigger on tickets, so every path that changes a chat's executor or ends it
 * (take, transfer, complete, release, rules) counts, whichever instance runs it.
 */
export class DispatcherAndSla1795572000000 implements MigrationInterface {
    name = 'DispatcherAndSla1795572000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "operator_statuses" (
                "code" text NOT NULL,
                "name" text NOT NULL,
                "receives_chats" boolean NOT NULL DEFAULT false,
                "builtin" boolean NOT NULL DEFAULT false,
                "position" integer NOT NULL DEFAULT '100',
                CONSTRAINT "PK_b7dd53375c5dea6d487dacde6f6" PRIMARY KEY ("code")
            )
        `);
        await queryRunner.query(`
            INSERT INTO "operator_statuses" ("code", "name", "receives_chats", "builtin", "position")
            VALUES ('online', 'Online', true, true, 0), ('away', 'Away', false, true, 10), ('offline', 'Offline', false, true, 1000)
        `);
        await queryRunner.query(`
            CREATE TABLE "department_sla" (
                "department_id" uuid NOT NULL,
                "first_reply_minutes" integer NOT NULL DEFAULT '10',
                "resolution_minutes" integer,
                "schedule" jsonb,
                CONSTRAINT "PK_5d894589f086b3736d980633316" PRIMARY KEY ("department_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "dispatch_rules" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "enabled" boolean NOT NULL DEFAULT true,
                "position" integer NOT NULL,
                "trigger" jsonb NOT NULL,
                "conditions" jsonb NOT NULL DEFAULT '[]',
                "actions" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1ef61bbaae174cfc929b31cfdde" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "rule_firings" (
                "rule_id" uuid NOT NULL,
                "ticket_id" uuid NOT NULL,
                "fired_for" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_cb58cf6369b3148458d33d3b4a8" PRIMARY KEY ("rule_id", "ticket_id", "fired_for")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "operator_status_changes" (
                "id" BIGSERIAL NOT NULL,
                "employee_id" uuid NOT NULL,
                "from_status" text,
                "to_status" text NOT NULL,
                "changed_by" text NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_25d01c9aad4b1683b055abdcb9e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "operator_status_changes_employee_idx" ON "operator_status_changes" ("employee_id", "changed_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "employees"
            ADD "status" text NOT NULL DEFAULT 'offline'
        `);
        await queryRunner.query(`
            ALTER TABLE "employees"
            ADD "status_since" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
        `);
        await queryRunner.query(`
            ALTER TABLE "employees"
            ADD "chat_limit" integer
        `);
        await queryRunner.query(`
            ALTER TABLE "employees"
            ADD "active_chats" integer NOT NULL DEFAULT '0'
        `);
        await queryRunner.query(`
            ALTER TABLE "employees"
            ADD "last_assigned_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "priority" text NOT NULL DEFAULT 'normal'
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "assigned_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "queued_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "queue_group_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "queue_strategy" text
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "queue_prefer_previous" boolean NOT NULL DEFAULT false
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "queue_rule_name" text
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "queue_exclude_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "first_reply_due" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "resolution_due" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "first_replied_at" TIMESTAMP WITH TIME ZONE
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD "sla_breached" text array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            CREATE INDEX "tickets_queue_idx" ON "tickets" ("queued_at")
            WHERE live
                AND executor_id IS NULL
                AND queued_at IS NOT NULL
        `);
        await queryRunner.query(`
            ALTER TABLE "employees"
            ADD CONSTRAINT "FK_faa35befc241081a6b050103960" FOREIGN KEY ("status") REFERENCES "operator_statuses"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "department_sla"
            ADD CONSTRAINT "FK_5d894589f086b3736d980633316" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets"
            ADD CONSTRAINT "FK_2e4740f6c7542121e5ddb98b5cd" FOREIGN KEY ("queue_group_id") REFERENCES "groups"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "rule_firings"
            ADD CONSTRAINT "FK_44f45b67fcfbcd31e2e74005386" FOREIGN KEY ("rule_id") REFERENCES "dispatch_rules"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "rule_firings"
            ADD CONSTRAINT "FK_b554007f9d08388abbfab745ddf" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "operator_status_changes"
            ADD CONSTRAINT "FK_d288c952d7792bb7cf80cf22d0f" FOREIGN KEY ("employee_id") REFERENCES "employees"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            UPDATE "employees" e SET "active_chats" = (SELECT count(*) FROM "tickets" t WHERE t.executor_id = e.id AND t.live)
        `);
        await queryRunner.query(`
            CREATE FUNCTION omni_count_active_chats() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.live AND OLD.executor_id IS NOT NULL THEN
                UPDATE employees SET active_chats = active_chats - 1 WHERE id = OLD.executor_id;
              END IF;
              IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.live AND NEW.executor_id IS NOT NULL THEN
                UPDATE employees SET active_chats = active_chats + 1 WHERE id = NEW.executor_id;
              END IF;
              RETURN NULL;
            END $$
        `);
        await queryRunner.query(`
            CREATE TRIGGER tickets_active_chats_insert AFTER INSERT ON tickets
            FOR EACH ROW WHEN (NEW.live AND NEW.executor_id IS NOT NULL) EXECUTE FUNCTION omni_count_active_chats()
        `);
        await queryRunner.query(`
            CREATE TRIGGER tickets_active_chats_update AFTER UPDATE OF executor_id, live ON tickets
            FOR EACH ROW WHEN (OLD.executor_id IS DISTINCT FROM NEW.executor_id OR OLD.live IS DISTINCT FROM NEW.live)
            EXECUTE FUNCTION omni_count_active_chats()
        `);
        await queryRunner.query(`
            CREATE TRIGGER tickets_active_chats_delete AFTER DELETE ON tickets
            FOR EACH ROW WHEN (OLD.live AND OLD.executor_id IS NOT NULL) EXECUTE FUNCTION omni_count_active_chats()
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER tickets_active_chats_delete ON tickets`);
        await queryRunner.query(`DROP TRIGGER tickets_active_chats_update ON tickets`);
        await queryRunner.query(`DROP TRIGGER tickets_active_chats_insert ON tickets`);
        await queryRunner.query(`DROP FUNCTION omni_count_active_chats()`);
        await queryRunner.query(`
            ALTER TABLE "operator_status_changes" DROP CONSTRAINT "FK_d288c952d7792bb7cf80cf22d0f"
        `);
        await queryRunner.query(`
            ALTER TABLE "rule_firings" DROP CONSTRAINT "FK_b554007f9d08388abbfab745ddf"
        `);
        await queryRunner.query(`
            ALTER TABLE "rule_firings" DROP CONSTRAINT "FK_44f45b67fcfbcd31e2e74005386"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP CONSTRAINT "FK_2e4740f6c7542121e5ddb98b5cd"
        `);
        await queryRunner.query(`
            ALTER TABLE "department_sla" DROP CONSTRAINT "FK_5d894589f086b3736d980633316"
        `);
        await queryRunner.query(`
            ALTER TABLE "employees" DROP CONSTRAINT "FK_faa35befc241081a6b050103960"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."tickets_queue_idx"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "sla_breached"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "first_replied_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "resolution_due"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "first_reply_due"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "queue_exclude_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "queue_rule_name"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "queue_prefer_previous"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "queue_strategy"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "queue_group_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "queued_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "assigned_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "tickets" DROP COLUMN "priority"
        `);
        await queryRunner.query(`
            ALTER TABLE "employees" DROP COLUMN "last_assigned_at"
        `);
        await queryRunner.query(`
            ALTER TABLE "employees" DROP COLUMN "active_chats"
        `);
        await queryRunner.query(`
            ALTER TABLE "employees" DROP COLUMN "chat_limit"
        `);
        await queryRunner.query(`
            ALTER TABLE "employees" DROP COLUMN "status_since"
        `);
        await queryRunner.query(`
            ALTER TABLE "employees" DROP COLUMN "status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."operator_status_changes_employee_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "operator_status_changes"
        `);
        await queryRunner.query(`
            DROP TABLE "rule_firings"
        `);
        await queryRunner.query(`
            DROP TABLE "dispatch_rules"
        `);
        await queryRunner.query(`
            DROP TABLE "department_sla"
        `);
        await queryRunner.query(`
            DROP TABLE "operator_statuses"
        `);
    }

}
