import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolQuery } from '../database/sql';
import { MaintenanceTask } from './maintenance-tasks';

/** A task's row of the schedule as monitors read it. */
export interface MaintenanceRunRow {
  task: string;
  interval_ms: number;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  next_due_at: Date;
  last_error: string | null;
  late: boolean;
}

/**
 * The `maintenance_runs` table: each periodic task's next due time and the
 * lease of the process running it (see MaintenanceSchedulerService).
 */
@Injectable()
export class MaintenanceRunsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Adds the tasks not yet scheduled; a shorter interval than the stored one (configuration changed) applies at once. */
  async schedule(tasks: Array<{ task: MaintenanceTask; everyMs: number }>): Promise<void> {
    await this.db.query(
      `INSERT INTO maintenance_runs (task, interval_ms)
       SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (task) DO UPDATE
         SET interval_ms = EXCLUDED.interval_ms,
             next_due_at = LEAST(maintenance_runs.next_due_at, now() + EXCLUDED.interval_ms * interval '1 millisecond')`,
      [tasks.map((t) => t.task), tasks.map((t) => t.everyMs)],
    );
  }

  /**
   * Of the given tasks, those due that no process holds, claimed in one
   * conditional update: each moves on by its interval and is leased to
   * `processId` for `leaseMs`.
   */
  async claimDue(tasks: MaintenanceTask[], leaseMs: number, processId: string): Promise<MaintenanceTask[]> {
    const claimed = await poolQuery<{ task: MaintenanceTask }>(
      this.db,
      `UPDATE maintenance_runs
          SET next_due_at = now() + interval_ms * interval '1 millisecond',
              lease_until = now() + $2 * interval '1 millisecond',
              leased_by = $3,
              last_started_at = now()
        WHERE task = ANY($1::text[])
          AND next_due_at <= now()
          AND (lease_until IS NULL OR lease_until < now())
        RETURNING task`,
      [tasks, leaseMs, processId],
    );
    return claimed.map((row) => row.task);
  }

  async renewLease(task: MaintenanceTask, processId: string, leaseMs: number): Promise<void> {
    await this.db.query(
      `UPDATE maintenance_runs SET lease_until = now() + $3 * interval '1 millisecond' WHERE task = $1 AND leased_by = $2`,
      [task, processId, leaseMs],
    );
  }

  /** Releases the lease and records how the run ended (`failure` null when it succeeded). */
  async finish(task: MaintenanceTask, processId: string, failure: string | null): Promise<void> {
    await this.db.query(
      `UPDATE maintenance_runs SET lease_until = NULL, leased_by = NULL, last_finished_at = now(), last_error = $3
        WHERE task = $1 AND leased_by = $2`,
      [task, processId, failure],
    );
  }

  /** Every task's row by name; `late` when three intervals or more have passed since it was due. */
  statuses(): Promise<MaintenanceRunRow[]> {
    return this.db.query<MaintenanceRunRow[]>(
      `SELECT task, interval_ms, last_started_at, last_finished_at, next_due_at, last_error,
              now() > next_due_at + 2 * interval_ms * interval '1 millisecond' AS late
         FROM maintenance_runs ORDER BY task`,
    );
  }
}
