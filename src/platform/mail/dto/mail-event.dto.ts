import { z } from 'zod';

/** Provider-neutral: one event or a list, each naming the message by its Message-ID. */
const mailEventSchema = z.strictObject({
  type: z.enum(['bounce', 'complaint'], { message: 'expected bounce or complaint' }),
  messageId: z.string().trim().min(3).max(998),
  /** A soft (temporary) bounce is `false`; unknown counts as permanent. */
  permanent: z.boolean().optional(),
  reason: z.string().max(1000).optional(),
});
export type MailEventInput = z.infer<typeof mailEventSchema>;

export const mailEventsSchema = z.union([
  mailEventSchema.transform((e) => [e]),
  z.strictObject({ events: z.array(mailEventSchema).min(1).max(1000) }).transform((b) => b.events),
]);
