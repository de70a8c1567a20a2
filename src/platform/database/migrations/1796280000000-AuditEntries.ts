import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditEntries1796280000000 implements MigrationInterface {
  name = 'AuditEntries1796280000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Who did what to an event. The actor's label is a snapshot, so the entry stays readable after a rename;
    // a deleted account leaves the label and clears the id.
    await queryRunner.query(
      `CREATE TABLE "audit_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "actor_organiser_id" uuid, "actor_label" text NOT NULL, "action" text NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid, "details" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_audit_entries" PRIMARY KEY ("id"))`,
    );
    // The log is read newest first, a page at a time.
    await queryRunner.query(`CREATE INDEX "audit_entries_event_created_idx" ON "audit_entries" ("event_id", "created_at" DESC, "id" DESC)`);
    await queryRunner.query(
      `ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_actor_organiser_id_fkey" FOREIGN KEY ("actor_organiser_id") REFERENCES "organisers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_entries"`);
  }
}
