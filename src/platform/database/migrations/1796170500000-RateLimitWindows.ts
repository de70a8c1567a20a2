import { MigrationInterface, QueryRunner } from 'typeorm';

export class RateLimitWindows1796170500000 implements MigrationInterface {
  name = 'RateLimitWindows1796170500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Counters of the public rate limit when the queue is on Postgres; unlogged
    // because a crash losing the current minute's counts costs nothing.
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "rate_limit_windows" ("key" text NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "PK_rate_limit_windows" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_rate_limit_windows_window_ends_at" ON "rate_limit_windows" ("window_ends_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_windows"`);
  }
}
