import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The attempt that claimed an email for sending. Its "sent" mark is
 * conditional on it, so an attempt whose claim was taken over (its worker was
 * thought dead) cannot overwrite the outcome of the one that took it.
 */
export class EmailClaimToken1795738900000 implements MigrationInterface {
  name = 'EmailClaimToken1795738900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "emails" ADD "claim_token" uuid`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "emails" DROP COLUMN "claim_token"`);
  }
}
