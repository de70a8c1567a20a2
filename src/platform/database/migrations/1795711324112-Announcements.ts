import { MigrationInterface, QueryRunner } from 'typeorm';

export class Announcements1795711324112 implements MigrationInterface {
  name = 'Announcements1795711324112';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "announcements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "subject" text NOT NULL, "message" text NOT NULL, "audience" text NOT NULL, "optional" boolean NOT NULL, "status" text NOT NULL DEFAULT 'draft', "recipients" integer NOT NULL DEFAULT '0', "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "announcements_status_check" CHECK (status IN ('draft', 'sending', 'sent')), CONSTRAINT "PK_b3ad760876ff2e19d58e05dc8b0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "announcements_event_idx" ON "announcements"  ("event_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "mail_opt_outs" ("event_id" uuid NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2d640a13cb35134ea3056205959" PRIMARY KEY ("event_id", "person_id"))`);
    await queryRunner.query(`ALTER TABLE "announcements" ADD CONSTRAINT "announcements_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "announcements" DROP CONSTRAINT "announcements_event_id_fkey"`);
    await queryRunner.query(`DROP TABLE "mail_opt_outs"`);
    await queryRunner.query(`DROP INDEX "public"."announcements_event_idx"`);
    await queryRunner.query(`DROP TABLE "announcements"`);
  }
}
