import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reports1795712010432 implements MigrationInterface {
  name = 'Reports1795712010432';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "event_highlights" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "quote" text NOT NULL, "attribution" text, "position" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9430f8085e292a4234b0941fe08" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "event_highlights_event_position_idx" ON "event_highlights"  ("event_id", "position") `);
    await queryRunner.query(`CREATE TABLE "event_outcomes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "label" text NOT NULL, "value" text NOT NULL, "note" text, "position" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_42a2646fe0c1748ba0c8fd2e88b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "event_outcomes_event_position_idx" ON "event_outcomes"  ("event_id", "position") `);
    await queryRunner.query(`CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "version" integer NOT NULL, "status" text NOT NULL DEFAULT 'queued', "progress" integer NOT NULL DEFAULT '0', "requested_by" uuid, "trigger" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "event_ends_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP(3) WITH TIME ZONE, "completed_at" TIMESTAMP(3) WITH TIME ZONE, "duration_ms" integer, "error" text, "data" jsonb, "html" text, CONSTRAINT "reports_version_check" CHECK (version > 0), CONSTRAINT "reports_progress_check" CHECK (progress BETWEEN 0 AND 100), CONSTRAINT "reports_trigger_check" CHECK (trigger IN ('manual', 'automatic')), CONSTRAINT "reports_status_check" CHECK (status IN ('queued', 'compiling', 'completed', 'failed')), CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "reports_pending_idx" ON "reports"  ("status", "due_at") WHERE status IN ('queued', 'compiling')`);
    await queryRunner.query(`CREATE UNIQUE INDEX "reports_event_automatic_key" ON "reports"  ("event_id", "event_ends_at") WHERE trigger = 'automatic'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "reports_event_version_key" ON "reports"  ("event_id", "version") `);
    await queryRunner.query(`ALTER TABLE "event_highlights" ADD CONSTRAINT "event_highlights_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event_outcomes" ADD CONSTRAINT "event_outcomes_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reports" ADD CONSTRAINT "reports_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "reports" ADD CONSTRAINT "reports_requested_by_fkey" FOREIGN KEY ("requested_by") REFERENCES "organisers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reports" DROP CONSTRAINT "reports_requested_by_fkey"`);
    await queryRunner.query(`ALTER TABLE "reports" DROP CONSTRAINT "reports_event_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "event_outcomes" DROP CONSTRAINT "event_outcomes_event_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "event_highlights" DROP CONSTRAINT "event_highlights_event_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."reports_event_version_key"`);
    await queryRunner.query(`DROP INDEX "public"."reports_event_automatic_key"`);
    await queryRunner.query(`DROP INDEX "public"."reports_pending_idx"`);
    await queryRunner.query(`DROP TABLE "reports"`);
    await queryRunner.query(`DROP INDEX "public"."event_outcomes_event_position_idx"`);
    await queryRunner.query(`DROP TABLE "event_outcomes"`);
    await queryRunner.query(`DROP INDEX "public"."event_highlights_event_position_idx"`);
    await queryRunner.query(`DROP TABLE "event_highlights"`);
  }
}
