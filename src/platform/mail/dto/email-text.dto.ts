import { z } from 'zod';

/** An event's wording of a system email; which placeholders it may use is the kind's to say. */
export const emailTextSchema = z.strictObject({
  subject: z.string().trim().min(1, 'required').max(300),
  body: z.string().trim().min(1, 'required').max(5_000),
});
export type EmailTextInput = z.infer<typeof emailTextSchema>;
