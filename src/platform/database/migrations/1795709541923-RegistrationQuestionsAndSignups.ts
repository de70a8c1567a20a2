import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistrationQuestionsAndSignups1795709541923 implements MigrationInterface {
  name = 'RegistrationQuestionsAndSignups1795709541923';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "registration_questions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "key" text NOT NULL, "label" text NOT NULL, "type" text NOT NULL, "required" boolean NOT NULL DEFAULT false, "options" jsonb NOT NULL DEFAULT '[]', "position" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "registration_questions_type_check" CHECK (type IN ('text', 'number', 'choice', 'multi_choice', 'boolean', 'country')), CONSTRAINT "PK_8377b849a3fc6c402eee5b3c4d4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "registration_questions_event_key_key" ON "registration_questions"  ("event_id", "key") `);
    await queryRunner.query(`CREATE TABLE "session_signups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "registration_id" uuid NOT NULL, "status" text NOT NULL, "created_at" TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(), "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "session_signups_status_check" CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')), CONSTRAINT "PK_29ce9906fca97aeb4b70fd32587" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "session_signups_registration_idx" ON "session_signups"  ("registration_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "session_signups_active_key" ON "session_signups"  ("session_id", "registration_id") WHERE status <> 'cancelled'`);
    await queryRunner.query(`ALTER TABLE "registration_questions" ADD CONSTRAINT "registration_questions_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_signups" ADD CONSTRAINT "session_signups_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_signups" ADD CONSTRAINT "session_signups_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session_signups" DROP CONSTRAINT "session_signups_registration_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "session_signups" DROP CONSTRAINT "session_signups_session_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "registration_questions" DROP CONSTRAINT "registration_questions_event_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."session_signups_active_key"`);
    await queryRunner.query(`DROP INDEX "public"."session_signups_registration_idx"`);
    await queryRunner.query(`DROP TABLE "session_signups"`);
    await queryRunner.query(`DROP INDEX "public"."registration_questions_event_key_key"`);
    await queryRunner.query(`DROP TABLE "registration_questions"`);
  }
}
