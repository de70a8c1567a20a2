import { z } from 'zod';
import { requiredCountryCode } from '../../people/dto/person-fields';
import { normalisePassportNumber } from '../passport-number';

const text = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
const day = z.iso.date({ message: 'expected a date as YYYY-MM-DD' });

/** What an attendee who needs a visa invitation letter gives; the passport number is kept only to be matched. */
export const letterRequestSchema = z.strictObject({
  passportName: text(200).describe('The name exactly as the passport prints it.'),
  nationality: requiredCountryCode.describe('Nationality, as an ISO 3166-1 alpha-2 code such as PE.'),
  passportNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z][0-9A-Za-z -]*$/, 'expected letters and digits (spaces and hyphens allowed)')
    .refine((v) => normalisePassportNumber(v).length >= 5 && normalisePassportNumber(v).length <= 20, 'expected 5 to 20 letters and digits')
    .describe('Never shown again: kept as a hash that a consulate can check a number against, and its last two characters.'),
  passportExpiry: day,
  dateOfBirth: day,
  consulateCity: text(200).describe('The city of the consulate or embassy the visa is applied at.'),
  consulateCountry: requiredCountryCode.describe('Its country, ISO 3166-1 alpha-2.'),
});
export type LetterRequestInput = z.infer<typeof letterRequestSchema>;

export const rejectLetterSchema = z.strictObject({
  reason: text(1000).describe('Told to the attendee.'),
});
export type RejectLetterInput = z.infer<typeof rejectLetterSchema>;

export const revokeLetterSchema = z.strictObject({
  reason: z.string().trim().max(1000, 'at most 1000 characters').optional(),
});
export type RevokeLetterInput = z.infer<typeof revokeLetterSchema>;

export const bulkLetterSchema = z
  .strictObject({
    action: z.enum(['approve', 'reject'], { message: 'expected approve or reject' }),
    letterIds: z
      .array(z.uuid({ message: 'expected a letter request id' }))
      .min(1, 'name at least one')
      .max(500, 'at most 500 at once'),
    reason: z.string().trim().min(1, 'required').max(1000, 'at most 1000 characters').optional(),
  })
  .refine((v) => v.action !== 'reject' || v.reason, { path: ['reason'], message: 'a rejection needs a reason' });
export type BulkLetterInput = z.infer<typeof bulkLetterSchema>;

export const letterSettingsSchema = z.strictObject({
  letterhead: z
    .string()
    .trim()
    .max(2000, 'at most 2000 characters')
    .describe('Lines at the top of every letter: the organisers, their address.'),
  signatoryName: z.string().trim().max(200, 'at most 200 characters'),
  signatoryTitle: z.string().trim().max(200, 'at most 200 characters'),
});
export type LetterSettingsInput = z.infer<typeof letterSettingsSchema>;

export const passportCheckSchema = z.strictObject({
  token: z
    .string()
    .min(1, 'required')
    .max(100, 'at most 100 characters')
    .describe('The `t` of the verification URL printed on the letter.'),
  passportNumber: z.string().trim().min(1, 'required').max(40, 'at most 40 characters'),
});
export type PassportCheckInput = z.infer<typeof passportCheckSchema>;

export const letterVerificationQuerySchema = z.strictObject({
  t: z.string().min(1, 'required').max(100, 'at most 100 characters').describe('The token of the verification URL printed on the letter.'),
});
