import { MigrationInterface, QueryRunner } from 'typeorm';

export class SeatCounter1795712059614 implements MigrationInterface {
  name = 'SeatCounter1795712059614';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "events" ADD "confirmed_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `UPDATE "events" e SET confirmed_count = (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed')`,
    );
    // The seat is now taken by a conditional update of the counter instead of a
    // count: atomic, and only confirmed registrations lock the event row.
    await queryRunner.query(`DROP TRIGGER registrations_capacity_guard ON "registrations"`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION registrations_capacity_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_confirmed boolean := TG_OP <> 'INSERT' AND OLD.status = 'confirmed';
  is_confirmed boolean := TG_OP <> 'DELETE' AND NEW.status = 'confirmed';
BEGIN
  IF is_confirmed AND NOT was_confirmed THEN
    UPDATE events SET confirmed_count = confirmed_count + 1
     WHERE id = NEW.event_id AND (capacity IS NULL OR confirmed_count < capacity);
    IF NOT FOUND THEN
      RAISE EXCEPTION 'event % is full', NEW.event_id USING ERRCODE = 'check_violation';
    END IF;
  ELSIF was_confirmed AND NOT is_confirmed THEN
    UPDATE events SET confirmed_count = confirmed_count - 1 WHERE id = OLD.event_id;
  END IF;
  RETURN NULL;
END;
$$`);
    await queryRunner.query(
      `CREATE TRIGGER registrations_capacity_guard AFTER INSERT OR UPDATE OF status OR DELETE ON "registrations" FOR EACH ROW EXECUTE FUNCTION registrations_capacity_guard()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER registrations_capacity_guard ON "registrations"`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION registrations_capacity_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "confirmed_count"`);
  }
}
