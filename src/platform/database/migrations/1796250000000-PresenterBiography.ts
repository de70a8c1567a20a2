import { MigrationInterface, QueryRunner } from 'typeorm';

export class PresenterBiography1796250000000 implements MigrationInterface {
  name = 'PresenterBiography1796250000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A presenter's own words for the speaker page and schedule.json; short and plain text.
    await queryRunner.query(
      `ALTER TABLE "people" ADD "biography" text, ADD "biography_updated_at" timestamptz,
         ADD CONSTRAINT "people_biography_length_check" CHECK (biography IS NULL OR char_length(biography) <= 1000)`,
    );
    // The export cache asks for the event's latest biography change on every read: one index probe.
    await queryRunner.query(
      `CREATE INDEX "people_event_biography_idx" ON "people" ("event_id", "biography_updated_at") WHERE biography_updated_at IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "people_event_biography_idx"`);
    await queryRunner.query(
      `ALTER TABLE "people" DROP CONSTRAINT "people_biography_length_check", DROP COLUMN "biography_updated_at", DROP COLUMN "biography"`,
    );
  }
}
