import { z } from 'zod';
import { pageQuerySchema } from '../../platform/http/pagination';
import { downloadQuerySchema } from '../../platform/http/table-download';
import { ORGANISATION_TYPES } from '../../people/person.entity';
import { REGISTRATION_STATUSES } from '../registration.entity';

export const registrationQuerySchema = pageQuerySchema.extend({
  status: z.enum(REGISTRATION_STATUSES).optional(),
  countryCode: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'expected a country code')
    .transform((v) => v.toUpperCase())
    .optional(),
  organisationType: z.enum(ORGANISATION_TYPES).optional(),
  checkedInOn: z.iso.date({ message: 'expected a date such as 2019-10-08' }).optional(),
  q: z.string().trim().min(1).max(200).optional(),
});
export type RegistrationQuery = z.infer<typeof registrationQuerySchema>;

/** The API's list adds the export's format (else from `Accept`) and whether a person will open it. */
export const registrationListQuerySchema = registrationQuerySchema.extend({
  format: z.enum(['csv', 'xlsx']).optional(),
  ...downloadQuerySchema.shape,
});
export type RegistrationListQuery = z.infer<typeof registrationListQuerySchema>;
