import { MigrationInterface, QueryRunner } from 'typeorm';

export class Certificates1796300000000 implements MigrationInterface {
  name = 'Certificates1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "certificate_settings" ("event_id" uuid NOT NULL, "intro" text, "signatory_name" text, "signatory_title" text, "issue_mode" text NOT NULL DEFAULT 'after_event', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "certificate_settings_issue_mode_check" CHECK (issue_mode IN ('after_event', 'on_check_in')), CONSTRAINT "certificate_settings_pkey" PRIMARY KEY ("event_id"))`);
    await queryRunner.query(`CREATE TABLE "certificates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "kind" text NOT NULL, "person_id" uuid NOT NULL, "registration_id" uuid, "presentation_id" uuid, "presentation_title" text, "code" text NOT NULL, "days" date array NOT NULL DEFAULT '{}', "language" text NOT NULL, "issued_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "certificates_kind_check" CHECK (kind IN ('attendance', 'presenter')), CONSTRAINT "certificates_subject_check" CHECK ((kind = 'attendance' AND registration_id IS NOT NULL AND presentation_id IS NULL AND cardinality(days) > 0) OR (kind = 'presenter' AND presentation_id IS NOT NULL AND presentation_title IS NOT NULL)), CONSTRAINT "certificates_code_check" CHECK (code ~ '^[A-Z2-7]{10}$'), CONSTRAINT "certificates_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "certificates_code_key" ON "certificates" ("code")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "certificates_registration_key" ON "certificates" ("registration_id") WHERE kind = 'attendance'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "certificates_presenter_key" ON "certificates" ("person_id", "presentation_id") WHERE kind = 'presenter'`);
    await queryRunner.query(`CREATE INDEX "certificates_event_idx" ON "certificates" ("event_id", "issued_at", "id")`);
    await queryRunner.query(`CREATE TABLE "certificate_runs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'queued', "total" integer NOT NULL DEFAULT 0, "done" integer NOT NULL DEFAULT 0, "emailed" integer NOT NULL DEFAULT 0, "phase" text NOT NULL DEFAULT 'attendance', "cursor" text, "requested_by" uuid, "error" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP(3) WITH TIME ZONE, "completed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "certificate_runs_status_check" CHECK (status IN ('queued', 'running', 'completed', 'failed')), CONSTRAINT "certificate_runs_phase_check" CHECK (phase IN ('attendance', 'presenter', 'done')), CONSTRAINT "certificate_runs_counts_check" CHECK (total >= 0 AND done >= 0 AND emailed >= 0), CONSTRAINT "certificate_runs_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "certificate_runs_event_idx" ON "certificate_runs" ("event_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "certificate_runs_pending_idx" ON "certificate_runs" ("created_at") WHERE status IN ('queued', 'running')`);
    await queryRunner.query(`ALTER TABLE "certificate_settings" ADD CONSTRAINT "certificate_settings_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "certificates_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Erasing a person or a registration takes their certificates with it: a certificate names someone.
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "certificates_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificates" ADD CONSTRAINT "certificates_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificate_runs" ADD CONSTRAINT "certificate_runs_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "certificate_runs" ADD CONSTRAINT "certificate_runs_requested_by_fkey" FOREIGN KEY ("requested_by") REFERENCES "organisers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "certificate_runs"`);
    await queryRunner.query(`DROP TABLE "certificates"`);
    await queryRunner.query(`DROP TABLE "certificate_settings"`);
  }
}
