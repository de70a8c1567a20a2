import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotifiedChanges1795737694727 implements MigrationInterface {
  name = 'NotifiedChanges1795737694727';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notified_changes" ("change_key" text NOT NULL, "event_id" uuid NOT NULL, "recipients" integer NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_409cbe7b5433fc5001d2c8cfb13" PRIMARY KEY ("change_key"))`);
    await queryRunner.query(`ALTER TABLE "notified_changes" ADD CONSTRAINT "notified_changes_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Changes made before this table existed had their notices sent from the
    // domain event; recorded here so the sweep does not send them again to
    // people who joined since. Keys are the notify-change job ids.
    await queryRunner.query(`INSERT INTO "notified_changes" ("change_key", "event_id", "recipients")
      SELECT 'agenda-change-' || v.id, v.event_id,
             (SELECT count(*) FROM emails m WHERE starts_with(m.dedupe_key, 'agenda-change:' || v.id || ':'))
        FROM agenda_versions v
       WHERE jsonb_array_length(v.changes -> 'moved') + jsonb_array_length(v.changes -> 'cancelled') > 0
      UNION ALL
      SELECT 'event-cancelled-' || e.id, e.id,
             (SELECT count(*) FROM emails m WHERE starts_with(m.dedupe_key, 'event-cancelled:' || e.id || ':'))
        FROM events e
       WHERE e.status = 'cancelled'
      UNION ALL
      SELECT 'event-rescheduled-' || e.id || '-' || floor(extract(epoch FROM e.starts_at) * 1000)::bigint, e.id,
             (SELECT count(*) FROM emails m
               WHERE starts_with(m.dedupe_key, 'event-rescheduled:' || e.id || ':' || floor(extract(epoch FROM e.starts_at) * 1000)::bigint || ':'))
        FROM events e
       WHERE e.postponed_at IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notified_changes" DROP CONSTRAINT "notified_changes_event_id_fkey"`);
    await queryRunner.query(`DROP TABLE "notified_changes"`);
  }
}
