import { z } from 'zod';
import { COUNTRY_CODES } from '../countries';
import { ORGANISATION_TYPES } from '../person.entity';
import { normaliseRegion } from '../region';

/** Text that may be left out or blank (both stored as null), at most `max` characters. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));

/** Required forms, for the registration form where reports count every answer. */
export const requiredRegion = z.string().trim().min(1, 'required').max(200, 'at most 200 characters').transform(normaliseRegion);
/** The codes in any case, as the refinement below reads them after trimming and upper-casing. */
const countryCodePattern = `^\\s*(${[...COUNTRY_CODES].map((code) => [...code].map((c) => `[${c}${c.toLowerCase()}]`).join('')).join('|')})\\s*$`;

export const requiredCountryCode = z
  .string()
  .meta({ pattern: countryCodePattern, description: 'An ISO 3166-1 alpha-2 country code such as BE or CL (any case).' })
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => COUNTRY_CODES.has(v), 'expected an ISO 3166-1 alpha-2 country code such as BE or CL');

export const personFields = {
  name: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  email: z
    .string()
    .trim()
    .pipe(z.email({ message: 'expected an email address' }))
    .nullish()
    .transform((v) => v ?? null),
  organisation: optionalText(300),
  organisationType: z
    .enum(ORGANISATION_TYPES, { message: `expected one of ${ORGANISATION_TYPES.join(', ')}` })
    .nullish()
    .transform((v) => v ?? null),
  region: z
    .string()
    .max(200, 'at most 200 characters')
    .nullish()
    .transform((v) => (v ? normaliseRegion(v) || null : null)),
  countryCode: requiredCountryCode.nullish().transform((v) => v ?? null),
  title: optionalText(300),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as en, es, pt or fr')
    .describe('Language of the emails: en, es, pt or fr; others get English.')
    .nullish()
    .transform((v) => v ?? null),
};

export const personSchema = z.strictObject(personFields);
export type PersonInput = z.infer<typeof personSchema>;
