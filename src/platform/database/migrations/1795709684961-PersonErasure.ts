import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonErasure1795709684961 implements MigrationInterface {
  name = 'PersonErasure1795709684961';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "people" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "people" DROP COLUMN "erased_at"`);
  }
}
