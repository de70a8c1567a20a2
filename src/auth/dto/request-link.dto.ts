import { z } from 'zod';

/** An address asking for a fresh link to what it holds in an event: a registration, or a presenter's page. */
export const requestLinkSchema = z.strictObject({
  eventId: z.uuid({ message: 'expected an event id' }),
  email: z
    .string()
    .trim()
    .pipe(z.email({ message: 'expected an email address' })),
});
export type RequestLinkInput = z.infer<typeof requestLinkSchema>;
