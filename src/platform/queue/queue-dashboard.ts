import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import { Queue } from 'bullmq';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

type QueueWorker = NonNullable<Awaited<ReturnType<BullMQAdapter['getWorkers']>>>[number];

/** The processes consuming a queue, as the board lists them; `null` when that cannot be told. */
export type QueueWorkerList = (queue: string) => Promise<QueueWorker[] | null>;

/**
 * The bull-board dashboard over every queue, behind `authorize`, which the
 * caller supplies (the platform knows no accounts). `workers`, when given,
 * answers the board's "who consumes this queue" instead of the backend's
 * client list: see `PlenaryQueueAdapter`.
 */
export function queueDashboard(queues: Queue[], authorize: RequestHandler, workers?: QueueWorkerList): RequestHandler[] {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => (workers ? new PlenaryQueueAdapter(queue, workers) : new BullMQAdapter(queue))),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Plenary queues' } },
  });
  return [authorize, serverAdapter.getRouter() as RequestHandler];
}

/**
 * bull-board finds workers in the backend's client list and keeps only entries
 * with an address. On Redis that is CLIENT LIST, where each worker's blocking
 * connection carries its queue's name, and it works. BullMQ's Postgres backend
 * lists `pg_stat_activity` application names without addresses, which the board
 * drops ("unknown"), and before a worker has named its LISTEN connection — or
 * under embedded PGlite, where every connection shares one session and so one
 * name — it finds none, and the board says "No workers" while they run.
 */
class PlenaryQueueAdapter extends BullMQAdapter {
  constructor(
    queue: Queue,
    private readonly workers: QueueWorkerList,
  ) {
    super(queue);
  }

  override getWorkers(): Promise<QueueWorker[] | null> {
    return this.workers(this.getQueueName());
  }
}
