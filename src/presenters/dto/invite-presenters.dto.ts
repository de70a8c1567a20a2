import { z } from 'zod';

export const invitePresentersSchema = z.strictObject({
  /** Only these presenters of the presentation; all of them when absent. */
  personIds: z
    .array(z.uuid({ message: 'expected an id' }))
    .min(1, 'name at least one presenter, or leave personIds out to invite them all')
    .max(20)
    .optional(),
});
export type InvitePresentersInput = z.infer<typeof invitePresentersSchema>;
