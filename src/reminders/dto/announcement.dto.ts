import { z } from 'zod';
import { REMINDER_AUDIENCES } from '../reminder-rule.entity';

export const createAnnouncementSchema = z.strictObject({
  subject: z.string().trim().min(1, 'required').max(300),
  message: z.string().trim().min(1, 'required').max(20_000),
  audience: z.enum(REMINDER_AUDIENCES, { message: `expected one of ${REMINDER_AUDIENCES.join(', ')}` }),
  /** Optional news can be unsubscribed from; practical information (transactional) always goes. */
  optional: z.boolean().default(true),
});
export type CreateAnnouncementInput = z.infer<typeof createAnnouncementSchema>;
