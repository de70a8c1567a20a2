import { z } from 'zod';
import { eventFields } from './event-fields';

export const postponeEventSchema = z.strictObject({
  startsAt: eventFields.startsAt,
  endsAt: eventFields.endsAt,
});
export type PostponeEventInput = z.infer<typeof postponeEventSchema>;

export const cancelEventSchema = z.strictObject({
  reason: z.string().trim().max(2000).optional(),
});
export type CancelEventInput = z.infer<typeof cancelEventSchema>;
