import type { QueueWorkerList } from '../queue/queue-dashboard';
import type { RowQuery } from './fleet-status';

/**
 * The queue dashboard's workers read from `worker_heartbeats`: every process
 * with a current heartbeat runs a worker for each queue (QueueWorkersService
 * starts one per queue that has handlers, in every role but `api`). For the
 * Postgres backend, whose client list cannot tell (see queue-dashboard.ts).
 */
export function heartbeatQueueWorkers(query: RowQuery): QueueWorkerList {
  return async () => {
    const rows = await query<{ worker_id: string; host: string; pid: number; age: number }>(
      `SELECT worker_id, host, pid, floor(extract(epoch FROM now() - started_at))::int AS age
         FROM worker_heartbeats
        WHERE last_seen_at > now() - stale_after_ms * interval '1 millisecond'
        ORDER BY started_at`,
    );
    return rows.map((row) => ({ id: row.worker_id, name: `${row.host} pid ${row.pid}`, addr: row.host, age: row.age }));
  };
}
