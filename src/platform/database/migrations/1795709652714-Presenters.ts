import { MigrationInterface, QueryRunner } from 'typeorm';

export class Presenters1795709652714 implements MigrationInterface {
  name = 'Presenters1795709652714';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "presentation_materials" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "presentation_id" uuid NOT NULL, "event_id" uuid NOT NULL, "version" integer NOT NULL, "storage_key" text NOT NULL, "file_name" text NOT NULL, "kind" text NOT NULL, "content_type" text NOT NULL, "size_bytes" bigint NOT NULL, "sha256" text NOT NULL, "uploaded_by" text NOT NULL, "uploaded_by_person_id" uuid, "uploaded_by_organiser_id" uuid, "uploader_name" text NOT NULL, "uploaded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "is_public" boolean NOT NULL DEFAULT false, "made_public_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "presentation_materials_version_check" CHECK (version > 0), CONSTRAINT "presentation_materials_uploaded_by_check" CHECK (uploaded_by IN ('presenter', 'organiser')), CONSTRAINT "presentation_materials_kind_check" CHECK (kind IN ('pdf', 'pptx', 'odp', 'docx', 'xlsx', 'png', 'jpeg', 'mp4', 'zip')), CONSTRAINT "PK_7e7dab0571a9d61f0d438033880" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "presentation_materials_event_id_idx" ON "presentation_materials"  ("event_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "presentation_materials_storage_key_key" ON "presentation_materials"  ("storage_key") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "presentation_materials_presentation_version_key" ON "presentation_materials"  ("presentation_id", "version") `);
    await queryRunner.query(`CREATE TABLE "presenter_invitations" ("presentation_id" uuid NOT NULL, "person_id" uuid NOT NULL, "event_id" uuid NOT NULL, "status" text NOT NULL DEFAULT 'invited', "first_invited_at" TIMESTAMP WITH TIME ZONE, "last_invited_at" TIMESTAMP WITH TIME ZONE, "invitations_sent" integer NOT NULL DEFAULT '0', "responded_at" TIMESTAMP WITH TIME ZONE, "decline_reason" text, "links_revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "presenter_invitations_status_check" CHECK (status IN ('invited', 'confirmed', 'declined')), CONSTRAINT "PK_8054aaf3d212f827c8c993a7c16" PRIMARY KEY ("presentation_id", "person_id"))`);
    await queryRunner.query(`CREATE INDEX "presenter_invitations_event_id_idx" ON "presenter_invitations"  ("event_id") `);
    await queryRunner.query(`CREATE INDEX "presenter_invitations_person_id_idx" ON "presenter_invitations"  ("person_id") `);
    await queryRunner.query(`ALTER TABLE "presentation_materials" ADD CONSTRAINT "presentation_materials_presentation_id_fkey" FOREIGN KEY ("presentation_id") REFERENCES "presentations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "presentation_materials" ADD CONSTRAINT "presentation_materials_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "presentation_materials" ADD CONSTRAINT "presentation_materials_uploaded_by_person_id_fkey" FOREIGN KEY ("uploaded_by_person_id") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "presentation_materials" ADD CONSTRAINT "presentation_materials_uploaded_by_organiser_id_fkey" FOREIGN KEY ("uploaded_by_organiser_id") REFERENCES "organisers"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "presenter_invitations" ADD CONSTRAINT "presenter_invitations_presentation_id_fkey" FOREIGN KEY ("presentation_id") REFERENCES "presentations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "presenter_invitations" ADD CONSTRAINT "presenter_invitations_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "presenter_invitations" ADD CONSTRAINT "presenter_invitations_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "presenter_invitations" DROP CONSTRAINT "presenter_invitations_event_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "presenter_invitations" DROP CONSTRAINT "presenter_invitations_person_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "presenter_invitations" DROP CONSTRAINT "presenter_invitations_presentation_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "presentation_materials" DROP CONSTRAINT "presentation_materials_uploaded_by_organiser_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "presentation_materials" DROP CONSTRAINT "presentation_materials_uploaded_by_person_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "presentation_materials" DROP CONSTRAINT "presentation_materials_event_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "presentation_materials" DROP CONSTRAINT "presentation_materials_presentation_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."presenter_invitations_person_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."presenter_invitations_event_id_idx"`);
    await queryRunner.query(`DROP TABLE "presenter_invitations"`);
    await queryRunner.query(`DROP INDEX "public"."presentation_materials_presentation_version_key"`);
    await queryRunner.query(`DROP INDEX "public"."presentation_materials_storage_key_key"`);
    await queryRunner.query(`DROP INDEX "public"."presentation_materials_event_id_idx"`);
    await queryRunner.query(`DROP TABLE "presentation_materials"`);
  }
}
