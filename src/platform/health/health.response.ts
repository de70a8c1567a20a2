import { z } from 'zod';

const check = z.looseObject({ status: z.enum(['up', 'down']), error: z.string().optional() });

const time = z.string().describe('An instant, ISO 8601 in UTC.');

const fleetStatus = z
  .object({
    alive: z.number().int().min(0).describe('Worker processes whose heartbeat is current.'),
    lastHeartbeatAt: time.nullable().describe('The latest heartbeat of any worker; null when none was ever seen.'),
    maintenance: z.array(
      z.object({
        task: z.string(),
        intervalMs: z.number().int(),
        lastStartedAt: time.nullable(),
        lastFinishedAt: time.nullable(),
        nextDueAt: time,
        lastError: z.string().nullable(),
        late: z.boolean().describe('Three intervals or more since it last started (or was first due).'),
      }),
    ),
  })
  .describe('What the heartbeats and the maintenance schedule in Postgres say about the workers.');

export const healthResponse = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({ database: check, queue: check, mail: check.extend({ transport: z.string() }) }),
    workers: fleetStatus.nullable().describe('Informs only: never changes this status (see /health/fleet). Null when unreadable.'),
  })
  .describe('This process: 200 when the database, the queue and the mail transport answer; 503 naming the one that does not.');

export const fleetHealthResponse = z
  .object({
    status: z.enum(['ok', 'degraded']),
    problems: z.array(z.string()).describe('Why the fleet is unhealthy; empty when it is fine.'),
    workers: fleetStatus.nullable(),
  })
  .describe('For monitors: 503 when no worker has been seen recently or a maintenance task is three intervals late.');
