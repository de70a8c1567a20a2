import { z } from 'zod';

export const checkInSchema = z
  .strictObject({
    registrationId: z.uuid({ message: 'expected a registration id' }).optional(),
    code: z.string().trim().min(4, 'expected a check-in code').max(40).optional(),
    day: z.iso.date({ message: 'expected a date such as 2019-10-08' }).optional(),
  })
  .refine((v) => Boolean(v.registrationId) !== Boolean(v.code), { message: 'give either registrationId or code', path: ['code'] })
  .meta({
    oneOf: [
      { required: ['registrationId'], not: { required: ['code'] } },
      { required: ['code'], not: { required: ['registrationId'] } },
    ],
    description: 'Who checks in, by registrationId or by the check-in code from their email (one of the two), on `day`.',
  });
export type CheckInInput = z.infer<typeof checkInSchema>;
