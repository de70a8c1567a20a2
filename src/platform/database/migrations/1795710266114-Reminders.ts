import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reminders1795710266114 implements MigrationInterface {
  name = 'Reminders1795710266114';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "reminder_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "name" text NOT NULL, "anchor" text NOT NULL, "offset_minutes" integer NOT NULL, "fixed_at" TIMESTAMP WITH TIME ZONE, "audience" text NOT NULL, "subject" text, "message" text, "enabled" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reminder_rules_fixed_check" CHECK ((anchor = 'fixed') = (fixed_at IS NOT NULL)), CONSTRAINT "reminder_rules_anchor_check" CHECK (anchor IN ('event_start', 'event_end', 'session_start', 'materials_due', 'fixed')), CONSTRAINT "PK_b42e2f1ee2f100d8471b63a2cb7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "reminder_rules_event_idx" ON "reminder_rules"  ("event_id") `);
    await queryRunner.query(`CREATE TABLE "scheduled_reminders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "rule_id" uuid NOT NULL, "event_id" uuid NOT NULL, "occurrence" text NOT NULL, "session_id" uuid, "anchor_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state" text NOT NULL DEFAULT 'pending', "job_id" text, "recipients" integer NOT NULL DEFAULT '0', "fanned_out_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "scheduled_reminders_state_check" CHECK (state IN ('pending', 'fanned_out', 'missed', 'cancelled')), CONSTRAINT "PK_c8c6e41a7d963804050a9e691ac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "scheduled_reminders_pending_idx" ON "scheduled_reminders"  ("due_at") WHERE state = 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "scheduled_reminders_rule_occurrence_key" ON "scheduled_reminders"  ("rule_id", "occurrence") `);
    await queryRunner.query(`ALTER TABLE "reminder_rules" ADD CONSTRAINT "reminder_rules_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scheduled_reminders" ADD CONSTRAINT "scheduled_reminders_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "reminder_rules"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scheduled_reminders" DROP CONSTRAINT "scheduled_reminders_rule_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "reminder_rules" DROP CONSTRAINT "reminder_rules_event_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."scheduled_reminders_rule_occurrence_key"`);
    await queryRunner.query(`DROP INDEX "public"."scheduled_reminders_pending_idx"`);
    await queryRunner.query(`DROP TABLE "scheduled_reminders"`);
    await queryRunner.query(`DROP INDEX "public"."reminder_rules_event_idx"`);
    await queryRunner.query(`DROP TABLE "reminder_rules"`);
  }
}
