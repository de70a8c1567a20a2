import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795707667337 implements MigrationInterface {
  name = 'Initial1795707667337';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "organisers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "name" text NOT NULL, "password_hash" text, "is_admin" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6bc7af446ed21fd81d28523ef09" UNIQUE ("email"), CONSTRAINT "PK_f68bbfc702bd7ca959918931cc3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "login_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organiser_id" uuid NOT NULL, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_a6caf4c71e0199cd1515c309824" UNIQUE ("token_hash"), CONSTRAINT "PK_856ef68c4c116c517937056c7bb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "login_sessions_organiser_id_idx" ON "login_sessions"  ("organiser_id") `);
    await queryRunner.query(`CREATE TABLE "magic_link_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "event_id" uuid, "token_hash" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_add60707d7cfe2cd4fe2bd9bb2f" UNIQUE ("token_hash"), CONSTRAINT "PK_e97101929b9f3c7afc0920b0f17" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "magic_link_tokens_subject_idx" ON "magic_link_tokens"  ("subject_type", "subject_id") `);
    await queryRunner.query(`CREATE TABLE "magic_link_resends" ("subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "last_sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7287e20d1c1d54742c0ef5a1e38" PRIMARY KEY ("subject_type", "subject_id"))`);
    await queryRunner.query(`CREATE TABLE "events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "timezone" text NOT NULL, "venue" text, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "capacity" integer, "co_organisers" jsonb NOT NULL DEFAULT '[]'::jsonb, "registration_opens_at" TIMESTAMP WITH TIME ZONE, "registration_closes_at" TIMESTAMP WITH TIME ZONE, "requires_approval" boolean NOT NULL DEFAULT false, "materials_due_at" TIMESTAMP WITH TIME ZONE, "default_reminders" boolean NOT NULL DEFAULT true, "status" text NOT NULL DEFAULT 'draft', "published_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancellation_reason" text, "postponed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_05bd884c03d3f424e2204bd14cd" UNIQUE ("slug"), CONSTRAINT "events_capacity_check" CHECK (capacity IS NULL OR capacity > 0), CONSTRAINT "events_ends_after_start_check" CHECK (ends_at > starts_at), CONSTRAINT "events_status_check" CHECK (status IN ('draft', 'published', 'cancelled')), CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "event_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "organiser_id" uuid NOT NULL, "role" text NOT NULL, "added_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "event_members_role_check" CHECK (role IN ('owner', 'organiser')), CONSTRAINT "PK_d513d28092c89e6a40aa34a5a0e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "event_members_organiser_id_idx" ON "event_members"  ("organiser_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "event_members_event_organiser_key" ON "event_members"  ("event_id", "organiser_id") `);
    await queryRunner.query(`CREATE TABLE "emails" ("id" uuid NOT NULL, "event_id" uuid, "kind" text NOT NULL, "dedupe_key" text NOT NULL, "to_address" text NOT NULL, "to_name" text, "subject" text NOT NULL, "html" text NOT NULL, "text" text NOT NULL, "headers" jsonb NOT NULL DEFAULT '{}'::jsonb, "attachments" jsonb NOT NULL DEFAULT '[]'::jsonb, "status" text NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "job_id" text NOT NULL, "enqueues" integer NOT NULL DEFAULT '1', "message_id" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "claimed_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "emails_status_check" CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled')), CONSTRAINT "PK_a54dcebef8d05dca7e839749571" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "emails_dedupe_key_key" ON "emails"  ("dedupe_key") `);
    await queryRunner.query(`CREATE INDEX "emails_pending_idx" ON "emails"  ("status", "created_at") WHERE status IN ('queued', 'sending')`);
    await queryRunner.query(`CREATE INDEX "emails_event_created_idx" ON "emails"  ("event_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "login_sessions" ADD CONSTRAINT "login_sessions_organiser_id_fkey" FOREIGN KEY ("organiser_id") REFERENCES "organisers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event_members" ADD CONSTRAINT "event_members_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event_members" ADD CONSTRAINT "event_members_organiser_id_fkey" FOREIGN KEY ("organiser_id") REFERENCES "organisers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event_members" DROP CONSTRAINT "event_members_organiser_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "event_members" DROP CONSTRAINT "event_members_event_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "login_sessions" DROP CONSTRAINT "login_sessions_organiser_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."emails_event_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."emails_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."emails_dedupe_key_key"`);
    await queryRunner.query(`DROP TABLE "emails"`);
    await queryRunner.query(`DROP INDEX "public"."event_members_event_organiser_key"`);
    await queryRunner.query(`DROP INDEX "public"."event_members_organiser_id_idx"`);
    await queryRunner.query(`DROP TABLE "event_members"`);
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP TABLE "magic_link_resends"`);
    await queryRunner.query(`DROP INDEX "public"."magic_link_tokens_subject_idx"`);
    await queryRunner.query(`DROP TABLE "magic_link_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."login_sessions_organiser_id_idx"`);
    await queryRunner.query(`DROP TABLE "login_sessions"`);
    await queryRunner.query(`DROP TABLE "organisers"`);
  }
}
