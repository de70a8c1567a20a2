import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { RequestHandler } from 'express';
import { Queue } from 'bullmq';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The bull-board dashboard over every queue, behind `authorize`, which the
 * caller supplies (the platform knows no accounts).
 */
export function queueDashboard(queues: Queue[], authorize: RequestHandler): RequestHandler[] {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Plenary queues' } },
  });
  return [authorize, serverAdapter.getRouter() as RequestHandler];
}
