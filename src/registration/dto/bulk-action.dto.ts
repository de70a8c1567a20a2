import { z } from 'zod';

export const BULK_ACTIONS = ['approve', 'reject', 'cancel', 'check_in'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** At most one page of the organisers' list (or of an API client's selection) at once. */
export const BULK_MAX = 200;

export const bulkActionSchema = z.strictObject({
  action: z.enum(BULK_ACTIONS, { message: `expected one of ${BULK_ACTIONS.join(', ')}` }),
  registrationIds: z
    .array(z.uuid({ message: 'expected a registration id' }))
    .min(1, 'at least one registration')
    .max(BULK_MAX, `at most ${BULK_MAX} registrations`)
    .transform((ids) => [...new Set(ids)]),
  /** The day of a check-in; today (in the event's zone) when absent. */
  day: z.iso.date({ message: 'expected a date such as 2019-10-08' }).optional(),
});
export type BulkActionInput = z.infer<typeof bulkActionSchema>;
