import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutcomeValueType1795740000000 implements MigrationInterface {
  name = 'OutcomeValueType1795740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // An outcome is text ("12.5 M€") or a number (40) as the organisers posted
    // it; a number kept as text came back as "40". Earlier rows were all text.
    await queryRunner.query(`ALTER TABLE "event_outcomes" ALTER COLUMN "value" TYPE jsonb USING to_jsonb("value")`);
    await queryRunner.query(
      `ALTER TABLE "event_outcomes" ADD CONSTRAINT "event_outcomes_value_check" CHECK (jsonb_typeof("value") IN ('string', 'number'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event_outcomes" DROP CONSTRAINT "event_outcomes_value_check"`);
    await queryRunner.query(`ALTER TABLE "event_outcomes" ALTER COLUMN "value" TYPE text USING "value" #>> '{}'`);
  }
}
