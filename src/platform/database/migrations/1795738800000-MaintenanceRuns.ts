import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The maintenance schedule lives in Postgres: a process runs a task only after
 * claiming its row (next run due, no live lease), so Redis restarting empty
 * loses no schedule and many processes do not repeat a run.
 */
export class MaintenanceRuns1795738800000 implements MigrationInterface {
  name = 'MaintenanceRuns1795738800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "maintenance_runs" (
      "task" text NOT NULL,
      "interval_ms" integer NOT NULL,
      "next_due_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "lease_until" TIMESTAMP WITH TIME ZONE,
      "leased_by" text,
      "last_started_at" TIMESTAMP WITH TIME ZONE,
      "last_finished_at" TIMESTAMP WITH TIME ZONE,
      "last_error" text,
      CONSTRAINT "maintenance_runs_pkey" PRIMARY KEY ("task"),
      CONSTRAINT "maintenance_runs_interval_check" CHECK ("interval_ms" > 0)
    )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "maintenance_runs"`);
  }
}
