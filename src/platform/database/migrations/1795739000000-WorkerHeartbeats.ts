import { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per process running workers, refreshed while it lives; the fleet's health is read from it. */
export class WorkerHeartbeats1795739000000 implements MigrationInterface {
  name = 'WorkerHeartbeats1795739000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "worker_heartbeats" (
      "worker_id" text NOT NULL,
      "host" text NOT NULL,
      "pid" integer NOT NULL,
      "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "stale_after_ms" integer NOT NULL,
      CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("worker_id")
    )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "worker_heartbeats"`);
  }
}
