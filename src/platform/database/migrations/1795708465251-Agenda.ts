import { MigrationInterface, QueryRunner } from 'typeorm';

export class Agenda1795708465251 implements MigrationInterface {
  name = 'Agenda1795708465251';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "agenda_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "number" integer NOT NULL, "note" text NOT NULL DEFAULT '', "snapshot" jsonb NOT NULL, "changes" jsonb NOT NULL, "conflicts" jsonb NOT NULL DEFAULT '[]'::jsonb, "published_by" uuid, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2efa6bc44e470999a0e961a3084" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "agenda_versions_event_number_key" ON "agenda_versions"  ("event_id", "number") `);
    await queryRunner.query(`CREATE TABLE "people" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "name" text NOT NULL, "email" text, "email_key" text, "organisation" text, "organisation_type" text, "region" text, "country_code" character(2), "title" text, "language" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "people_country_code_check" CHECK (country_code IS NULL OR country_code ~ '^[A-Z]{2}$'), CONSTRAINT "PK_aa866e71353ee94c6cc51059c5b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "people_event_email_key" ON "people"  ("event_id", "email_key") WHERE email_key IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "rooms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "name" text NOT NULL, "capacity" integer, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "rooms_capacity_check" CHECK (capacity IS NULL OR capacity > 0), CONSTRAINT "PK_0368a2d7c215f2d0458a54933f2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "rooms_event_name_key" ON "rooms"  ("event_id", "name") `);
    await queryRunner.query(`CREATE TABLE "themes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "name" text NOT NULL, "colour" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ddbeaab913c18682e5c88155592" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "themes_event_name_key" ON "themes"  ("event_id", "name") `);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "kind" text NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "theme_id" uuid, "room_id" uuid, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "host_organisation" text, "capacity" integer, "status" text NOT NULL DEFAULT 'scheduled', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sessions_capacity_check" CHECK (capacity IS NULL OR capacity > 0), CONSTRAINT "sessions_status_check" CHECK (status IN ('scheduled', 'cancelled')), CONSTRAINT "sessions_ends_after_start_check" CHECK (ends_at > starts_at), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "sessions_room_starts_idx" ON "sessions"  ("room_id", "starts_at") `);
    await queryRunner.query(`CREATE INDEX "sessions_event_starts_idx" ON "sessions"  ("event_id", "starts_at") `);
    await queryRunner.query(`CREATE TABLE "presentations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "title" text NOT NULL, "abstract" text NOT NULL DEFAULT '', "theme_id" uuid, "session_id" uuid, "position" integer, "status" text NOT NULL DEFAULT 'draft', "purpose" text, "activities" text, "implementation" text, "pilot_projects" text, "results" text, "lessons_learned" text, "next_steps" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "presentations_status_check" CHECK (status IN ('draft', 'invited', 'confirmed', 'submitted', 'accepted', 'withdrawn')), CONSTRAINT "PK_3f481051bbd7ae196d0ffa5a644" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "presentations_event_idx" ON "presentations"  ("event_id") `);
    await queryRunner.query(`CREATE INDEX "presentations_session_position_idx" ON "presentations"  ("session_id", "position") `);
    await queryRunner.query(`CREATE TABLE "presentation_presenters" ("presentation_id" uuid NOT NULL, "person_id" uuid NOT NULL, "role" text NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "presentation_presenters_role_check" CHECK (role IN ('lead', 'co')), CONSTRAINT "PK_900c0d2520f4089f66c0ad9f936" PRIMARY KEY ("presentation_id", "person_id"))`);
    await queryRunner.query(`CREATE INDEX "presentation_presenters_person_id_idx" ON "presentation_presenters"  ("person_id") `);
    await queryRunner.query(`CREATE TABLE "session_chairs" ("session_id" uuid NOT NULL, "person_id" uuid NOT NULL, "role" text NOT NULL DEFAULT 'chair', "position" integer NOT NULL DEFAULT '0', CONSTRAINT "session_chairs_role_check" CHECK (role IN ('chair', 'moderator')), CONSTRAINT "PK_f69c1c8cf167f6182ac3ca49a72" PRIMARY KEY ("session_id", "person_id"))`);
    await queryRunner.query(`CREATE INDEX "session_chairs_person_id_idx" ON "session_chairs"  ("person_id") `);
    await queryRunner.query(`ALTER TABLE "agenda_versions" ADD CONSTRAINT "agenda_versions_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "people" ADD CONSTRAINT "people_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rooms" ADD CONSTRAINT "rooms_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "themes" ADD CONSTRAINT "themes_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "sessions_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "sessions_theme_id_fkey" FOREIGN KEY ("theme_id") REFERENCES "themes"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "sessions_room_id_fkey" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "presentations" ADD CONSTRAINT "presentations_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "presentations" ADD CONSTRAINT "presentations_theme_id_fkey" FOREIGN KEY ("theme_id") REFERENCES "themes"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "presentations" ADD CONSTRAINT "presentations_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "presentation_presenters" ADD CONSTRAINT "presentation_presenters_presentation_id_fkey" FOREIGN KEY ("presentation_id") REFERENCES "presentations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "presentation_presenters" ADD CONSTRAINT "presentation_presenters_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_chairs" ADD CONSTRAINT "session_chairs_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_chairs" ADD CONSTRAINT "session_chairs_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session_chairs" DROP CONSTRAINT "session_chairs_person_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "session_chairs" DROP CONSTRAINT "session_chairs_session_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "presentation_presenters" DROP CONSTRAINT "presentation_presenters_person_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "presentation_presenters" DROP CONSTRAINT "presentation_presenters_presentation_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "presentations" DROP CONSTRAINT "presentations_session_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "presentations" DROP CONSTRAINT "presentations_theme_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "presentations" DROP CONSTRAINT "presentations_event_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "sessions_room_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "sessions_theme_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "sessions_event_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "themes" DROP CONSTRAINT "themes_event_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "rooms" DROP CONSTRAINT "rooms_event_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "people" DROP CONSTRAINT "people_event_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "agenda_versions" DROP CONSTRAINT "agenda_versions_event_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."session_chairs_person_id_idx"`);
    await queryRunner.query(`DROP TABLE "session_chairs"`);
    await queryRunner.query(`DROP INDEX "public"."presentation_presenters_person_id_idx"`);
    await queryRunner.query(`DROP TABLE "presentation_presenters"`);
    await queryRunner.query(`DROP INDEX "public"."presentations_session_position_idx"`);
    await queryRunner.query(`DROP INDEX "public"."presentations_event_idx"`);
    await queryRunner.query(`DROP TABLE "presentations"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_event_starts_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sessions_room_starts_idx"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP INDEX "public"."themes_event_name_key"`);
    await queryRunner.query(`DROP TABLE "themes"`);
    await queryRunner.query(`DROP INDEX "public"."rooms_event_name_key"`);
    await queryRunner.query(`DROP TABLE "rooms"`);
    await queryRunner.query(`DROP INDEX "public"."people_event_email_key"`);
    await queryRunner.query(`DROP TABLE "people"`);
    await queryRunner.query(`DROP INDEX "public"."agenda_versions_event_number_key"`);
    await queryRunner.query(`DROP TABLE "agenda_versions"`);
  }
}
