import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Rows of processes silent this long are removed. */
const FORGET_AFTER = '1 day';

/** A process whose heartbeat is current. */
export interface LiveWorkerRow {
  worker_id: string;
  host: string;
  pid: number;
  /** Seconds since it started. */
  age: number;
}

/** The `worker_heartbeats` table: one row per process that runs workers (see WorkerHeartbeatService). */
@Injectable()
export class WorkerHeartbeatsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async beat(workerId: string, host: string, pid: number, staleAfterMs: number): Promise<void> {
    await this.db.query(
      `INSERT INTO worker_heartbeats (worker_id, host, pid, stale_after_ms) VALUES ($1, $2, $3, $4)
       ON CONFLICT (worker_id) DO UPDATE SET last_seen_at = now(), stale_after_ms = EXCLUDED.stale_after_ms`,
      [workerId, host, pid, staleAfterMs],
    );
  }

  async forgetSilent(): Promise<void> {
    await this.db.query(`DELETE FROM worker_heartbeats WHERE last_seen_at < now() - interval '${FORGET_AFTER}'`);
  }

  async remove(workerId: string): Promise<void> {
    await this.db.query(`DELETE FROM worker_heartbeats WHERE worker_id = $1`, [workerId]);
  }

  /** How many processes have a current heartbeat, and when any was last seen. */
  async liveness(): Promise<{ alive: number; last: Date | null }> {
    const [row] = await this.db.query<Array<{ alive: number; last: Date | null }>>(
      `SELECT count(*) FILTER (WHERE last_seen_at > now() - stale_after_ms * interval '1 millisecond')::int AS alive,
              max(last_seen_at) AS last
         FROM worker_heartbeats`,
    );
    return row;
  }

  /** The processes with a current heartbeat, oldest first. */
  live(): Promise<LiveWorkerRow[]> {
    return this.db.query<LiveWorkerRow[]>(
      `SELECT worker_id, host, pid, floor(extract(epoch FROM now() - started_at))::int AS age
         FROM worker_heartbeats
        WHERE last_seen_at > now() - stale_after_ms * interval '1 millisecond'
        ORDER BY started_at`,
    );
  }
}
