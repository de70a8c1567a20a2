import { MigrationInterface, QueryRunner } from 'typeorm';

export class Registration1795709195988 implements MigrationInterface {
  name = 'Registration1795709195988';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "registrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "person_id" uuid NOT NULL, "status" text NOT NULL, "check_in_code" text NOT NULL, "source" text NOT NULL, "consents" jsonb NOT NULL DEFAULT '{}', "answers" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "confirmed_at" TIMESTAMP WITH TIME ZONE, "waitlisted_at" TIMESTAMP(6) WITH TIME ZONE, "promoted_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "registrations_status_check" CHECK (status IN ('pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected')), CONSTRAINT "PK_6013e724d7b22929da9cd7282d1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "registrations_event_status_idx" ON "registrations"  ("event_id", "status", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "registrations_check_in_code_key" ON "registrations"  ("event_id", "check_in_code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "registrations_active_person_key" ON "registrations"  ("event_id", "person_id") WHERE status IN ('pending', 'confirmed', 'waitlisted')`);
    await queryRunner.query(`CREATE TABLE "check_ins" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "registration_id" uuid NOT NULL, "day" date NOT NULL, "checked_in_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "checked_in_by" uuid, CONSTRAINT "PK_fac7f27bc829a454ad477c13f62" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "check_ins_event_day_idx" ON "check_ins"  ("event_id", "day") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "check_ins_registration_day_key" ON "check_ins"  ("registration_id", "day") `);
    await queryRunner.query(`ALTER TABLE "registrations" ADD CONSTRAINT "registrations_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "registrations" ADD CONSTRAINT "registrations_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_registration_id_fkey" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Backstop for principle 5: whatever code path confirms a registration,
    // the database refuses one seat too many. The services lock the event row
    // first, so this check sees every confirmed registration already counted.
    await queryRunner.query(`CREATE FUNCTION registrations_capacity_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  seats integer;
  taken integer;
BEGIN
  IF NEW.status <> 'confirmed' OR (TG_OP = 'UPDATE' AND OLD.status = 'confirmed') THEN
    RETURN NEW;
  END IF;
  SELECT capacity INTO seats FROM events WHERE id = NEW.event_id;
  IF seats IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT count(*) INTO taken FROM registrations WHERE event_id = NEW.event_id AND status = 'confirmed' AND id <> NEW.id;
  IF taken >= seats THEN
    RAISE EXCEPTION 'event % is full: % of % seats taken', NEW.event_id, taken, seats USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$`);
    await queryRunner.query(`CREATE TRIGGER registrations_capacity_guard BEFORE INSERT OR UPDATE OF status ON "registrations" FOR EACH ROW EXECUTE FUNCTION registrations_capacity_guard()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER registrations_capacity_guard ON "registrations"`);
    await queryRunner.query(`DROP FUNCTION registrations_capacity_guard()`);
    await queryRunner.query(`ALTER TABLE "check_ins" DROP CONSTRAINT "check_ins_registration_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "check_ins" DROP CONSTRAINT "check_ins_event_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "registrations" DROP CONSTRAINT "registrations_person_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "registrations" DROP CONSTRAINT "registrations_event_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."check_ins_registration_day_key"`);
    await queryRunner.query(`DROP INDEX "public"."check_ins_event_day_idx"`);
    await queryRunner.query(`DROP TABLE "check_ins"`);
    await queryRunner.query(`DROP INDEX "public"."registrations_active_person_key"`);
    await queryRunner.query(`DROP INDEX "public"."registrations_check_in_code_key"`);
    await queryRunner.query(`DROP INDEX "public"."registrations_event_status_idx"`);
    await queryRunner.query(`DROP TABLE "registrations"`);
  }
}
