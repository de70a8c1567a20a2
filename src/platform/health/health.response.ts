import { z } from 'zod';

const check = z.looseObject({ status: z.enum(['up', 'down']), error: z.string().optional() });

export const healthResponse = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({ database: check, queue: check, mail: check.extend({ transport: z.string() }) }),
  })
  .describe('This process: 200 when the database, the queue and the mail transport answer; 503 naming the one that does not.');
