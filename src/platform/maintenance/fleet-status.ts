/** Runs one statement and answers its rows (a DataSource's or a pg client's `query`, adapted). */
export type RowQuery = <T>(text: string, params?: unknown[]) => Promise<T[]>;

export interface MaintenanceTaskStatus {
  task: string;
  intervalMs: number;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  nextDueAt: string;
  lastError: string | null;
  /** Three intervals or more since it last started (or was first due). */
  late: boolean;
}

export interface FleetStatus {
  /** Processes running workers whose heartbeat is current. */
  alive: number;
  lastHeartbeatAt: string | null;
  maintenance: MaintenanceTaskStatus[];
}

/** What the heartbeats and the maintenance schedule say about the workers, read from Postgres. */
export async function readFleetStatus(query: RowQuery): Promise<FleetStatus> {
  const [[workers], tasks] = await Promise.all([
    query<{ alive: number; last: Date | null }>(
      `SELECT count(*) FILTER (WHERE last_seen_at > now() - stale_after_ms * interval '1 millisecond')::int AS alive,
              max(last_seen_at) AS last
         FROM worker_heartbeats`,
    ),
    query<{
      task: string;
      interval_ms: number;
      last_started_at: Date | null;
      last_finished_at: Date | null;
      next_due_at: Date;
      last_error: string | null;
      late: boolean;
    }>(
      `SELECT task, interval_ms, last_started_at, last_finished_at, next_due_at, last_error,
              now() > next_due_at + 2 * interval_ms * interval '1 millisecond' AS late
         FROM maintenance_runs ORDER BY task`,
    ),
  ]);
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

/** Why the fleet is unhealthy, for monitors; empty when it is fine. */
export function fleetProblems(status: FleetStatus): string[] {
  const problems: string[] = [];
  if (status.alive === 0) {
    problems.push(status.lastHeartbeatAt ? `no worker seen since ${status.lastHeartbeatAt}` : 'no worker has been seen');
  }
  for (const task of status.maintenance.filter((t) => t.late)) {
    problems.push(`maintenance task ${task.task} is three intervals late (last started ${task.lastStartedAt ?? 'never'})`);
  }
  return problems;
}
