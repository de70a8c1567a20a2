import { Injectable } from '@nestjs/common';
import { FleetStatus } from './fleet-status';
import { MaintenanceRunsRepository } from './maintenance-runs.repository';
import { LiveWorkerRow, WorkerHeartbeatsRepository } from './worker-heartbeats.repository';

/** What the heartbeats and the maintenance schedule say about the workers, for the fleet endpoint, the dashboard and the queue dashboard. */
@Injectable()
export class FleetStatusService {
  constructor(
    private readonly heartbeats: WorkerHeartbeatsRepository,
    private readonly runs: MaintenanceRunsRepository,
  ) {}

  async read(): Promise<FleetStatus> {
    const [workers, tasks] = await Promise.all([this.heartbeats.liveness(), this.runs.statuses()]);
    return {
      alive: workers.alive,
      lastHeartbeatAt: workers.last ? new Date(workers.last).toISOString() : null,
      maintenance: tasks.map((t) => ({
        task: t.task,
        intervalMs: t.interval_ms,
        lastStartedAt: t.last_started_at ? new Date(t.last_started_at).toISOString() : null,
        lastFinishedAt: t.last_finished_at ? new Date(t.last_finished_at).toISOString() : null,
        nextDueAt: new Date(t.next_due_at).toISOString(),
        lastError: t.last_error,
        late: t.late,
      })),
    };
  }

  /** The processes with a current heartbeat, oldest first. */
  liveWorkers(): Promise<LiveWorkerRow[]> {
    return this.heartbeats.live();
  }
}
