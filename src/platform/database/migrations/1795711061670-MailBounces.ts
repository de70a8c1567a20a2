import { MigrationInterface, QueryRunner } from 'typeorm';

export class MailBounces1795711061670 implements MigrationInterface {
  name = 'MailBounces1795711061670';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "mail_suppressions" ("event_id" uuid NOT NULL, "address" text NOT NULL, "reason" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a961d64357336710f5697246a69" PRIMARY KEY ("event_id", "address"))`);
    await queryRunner.query(`ALTER TABLE "emails" ADD "bounced_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "emails_message_id_idx" ON "emails"  ("message_id") WHERE message_id IS NOT NULL`);
    // TypeORM does not see a changed CHECK expression under the same name.
    await queryRunner.query(`ALTER TABLE "emails" DROP CONSTRAINT "emails_status_check"`);
    await queryRunner.query(`ALTER TABLE "emails" ADD CONSTRAINT "emails_status_check" CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'bounced', 'cancelled'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "emails" SET status = 'failed' WHERE status = 'bounced'`);
    await queryRunner.query(`ALTER TABLE "emails" DROP CONSTRAINT "emails_status_check"`);
    await queryRunner.query(`ALTER TABLE "emails" ADD CONSTRAINT "emails_status_check" CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled'))`);
    await queryRunner.query(`DROP INDEX "public"."emails_message_id_idx"`);
    await queryRunner.query(`ALTER TABLE "emails" DROP COLUMN "bounced_at"`);
    await queryRunner.query(`DROP TABLE "mail_suppressions"`);
  }
}
