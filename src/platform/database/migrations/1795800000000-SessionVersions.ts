import { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionVersions1795800000000 implements MigrationInterface {
  name = 'SessionVersions1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Rises with every edit of the session, so a save based on an older read can be refused (If-Match → 412).
    await queryRunner.query(`ALTER TABLE "sessions" ADD "version" integer NOT NULL DEFAULT 1`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "version"`);
  }
}
