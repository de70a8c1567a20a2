import { z } from 'zod';

export const publishVersionSchema = z.strictObject({
  note: z.string().trim().max(2000, 'at most 2000 characters').default(''),
});
export type PublishVersionInput = z.infer<typeof publishVersionSchema>;
