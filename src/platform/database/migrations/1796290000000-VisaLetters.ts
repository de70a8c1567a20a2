import { MigrationInterface, QueryRunner } from 'typeorm';

export class VisaLetters1796290000000 implements MigrationInterface {
  name = 'VisaLetters1796290000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One request a registration. The passport number is kept only as a salted scrypt hash (matched, never shown)
    // and its last two characters (so the owner and organisers recognise it); the row goes with the registration's erasure.
    await queryRunner.query(
      `CREATE TABLE "letter_requests" (
         "id" uuid NOT NULL DEFAULT gen_random_uuid(),
         "event_id" uuid NOT NULL REFERENCES "events" ("id") ON DELETE CASCADE,
         "registration_id" uuid NOT NULL REFERENCES "registrations" ("id") ON DELETE CASCADE,
         "status" text NOT NULL DEFAULT 'requested',
         "passport_name" text NOT NULL,
         "nationality" char(2) NOT NULL,
         "passport_number_hash" text NOT NULL,
         "passport_number_last2" text NOT NULL,
         "passport_expiry" date NOT NULL,
         "date_of_birth" date NOT NULL,
         "consulate_city" text NOT NULL,
         "consulate_country" char(2) NOT NULL,
         "reference" text NOT NULL,
         "verify_token" text NOT NULL,
         "rejection_reason" text,
         "revocation_reason" text,
         "decided_by" uuid,
         "decided_at" timestamptz,
         "revoked_at" timestamptz,
         "created_at" timestamptz(3) NOT NULL DEFAULT now(),
         "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
         CONSTRAINT "letter_requests_pkey" PRIMARY KEY ("id"),
         CONSTRAINT "letter_requests_registration_key" UNIQUE ("registration_id"),
         CONSTRAINT "letter_requests_reference_key" UNIQUE ("reference"),
         CONSTRAINT "letter_requests_status_check" CHECK (status IN ('requested', 'approved', 'rejected', 'revoked'))
       )`,
    );
    await queryRunner.query(`CREATE INDEX "letter_requests_event_idx" ON "letter_requests" ("event_id", "created_at", "id")`);
    // What the organisers put on the letters of an event: letterhead and signatory; the signature image is a stored file.
    await queryRunner.query(
      `CREATE TABLE "letter_settings" (
         "event_id" uuid NOT NULL REFERENCES "events" ("id") ON DELETE CASCADE,
         "letterhead" text NOT NULL DEFAULT '',
         "signatory_name" text NOT NULL DEFAULT '',
         "signatory_title" text NOT NULL DEFAULT '',
         "signature_key" text,
         "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
         CONSTRAINT "letter_settings_pkey" PRIMARY KEY ("event_id")
       )`,
    );
    // Who read or changed passport data, and when. Ids only, so the log outlives the erased request it names.
    await queryRunner.query(
      `CREATE TABLE "letter_access_log" (
         "id" bigserial NOT NULL,
         "event_id" uuid NOT NULL,
         "letter_request_id" uuid NOT NULL,
         "actor_kind" text NOT NULL,
         "actor_id" uuid,
         "action" text NOT NULL,
         "at" timestamptz(3) NOT NULL DEFAULT now(),
         CONSTRAINT "letter_access_log_pkey" PRIMARY KEY ("id"),
         CONSTRAINT "letter_access_log_actor_check" CHECK (actor_kind IN ('organiser', 'attendee', 'consulate', 'system'))
       )`,
    );
    await queryRunner.query(`CREATE INDEX "letter_access_log_event_idx" ON "letter_access_log" ("event_id", "at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "letter_access_log"`);
    await queryRunner.query(`DROP TABLE "letter_settings"`);
    await queryRunner.query(`DROP TABLE "letter_requests"`);
  }
}
