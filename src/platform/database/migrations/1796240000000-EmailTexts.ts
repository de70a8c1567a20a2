import { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailTexts1796240000000 implements MigrationInterface {
  name = 'EmailTexts1796240000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // An event's own wording of a system email, per kind and language; no row means the default text.
    // No foreign key to events, as the other platform tables (emails, mail_suppressions): platform knows no domain.
    await queryRunner.query(
      `CREATE TABLE "email_texts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "kind" text NOT NULL, "language" text NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_email_texts" PRIMARY KEY ("id"), CONSTRAINT "email_texts_event_kind_language_key" UNIQUE ("event_id", "kind", "language"))`,
    );
    // Per-language versions of an announcement (`{"es": {"subject", "message"}}`) and its hand-picked recipients.
    await queryRunner.query(`ALTER TABLE "announcements" ADD "translations" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "announcements" ADD "registration_ids" uuid array`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "announcements" DROP COLUMN "registration_ids"`);
    await queryRunner.query(`ALTER TABLE "announcements" DROP COLUMN "translations"`);
    await queryRunner.query(`DROP TABLE "email_texts"`);
  }
}
