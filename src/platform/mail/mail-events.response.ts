import { z } from 'zod';

export const mailEventsResponse = z.object({
  matched: z.number().int().describe('Events that named a message Plenary sent.'),
  unknown: z.array(z.string()).describe('Message-IDs Plenary does not know.'),
});
