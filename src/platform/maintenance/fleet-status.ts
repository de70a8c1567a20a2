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
