import type { QueueWorkerList } from '../queue/queue-dashboard';
import type { FleetStatusService } from './fleet-status.service';

/**
 * The queue dashboard's workers read from `worker_heartbeats`: every process
 * with a current heartbeat runs a worker for each queue (QueueWorkersService
 * starts one per queue that has handlers, in every role but `api`). For the
 * Postgres backend, whose client list cannot tell (see queue-dashboard.ts).
 */
export function heartbeatQueueWorkers(fleet: FleetStatusService): QueueWorkerList {
  return async () => {
    const rows = await fleet.liveWorkers();
    return rows.map((row) => ({ id: row.worker_id, name: `${row.host} pid ${row.pid}`, addr: row.host, age: row.age }));
  };
}
