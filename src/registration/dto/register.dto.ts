import { z } from 'zod';
import { personFields, requiredCountryCode, requiredRegion } from '../../people/dto/person-fields';
import { ORGANISATION_TYPES } from '../../people/person.entity';

/** The public form (design.md contract): every field a report later counts is required. */
export const registerSchema = z.strictObject({
  name: personFields.name,
  email: z
    .string()
    .trim()
    .pipe(z.email({ message: 'expected an email address' })),
  organisation: z.string().trim().min(1, 'required').max(300),
  organisationType: z.enum(ORGANISATION_TYPES, {
    error: (issue) => (issue.input === undefined ? 'required' : `expected one of ${ORGANISATION_TYPES.join(', ')}`),
  }),
  region: requiredRegion,
  countryCode: requiredCountryCode,
  title: personFields.title.optional(),
  language: personFields.language.optional(),
  consents: z.record(z.string().max(100), z.boolean()).default({}).describe('Consents given, by name (such as photos: true).'),
  answers: z.record(z.string().max(100), z.unknown()).default({}).describe("Answers to the event's questions, by question key."),
});
export type RegisterInput = z.infer<typeof registerSchema>;

/** Organisers may leave out what they do not know (walk-ins, late data entry). */
export const organiserRegisterSchema = z.strictObject({
  name: personFields.name,
  email: z
    .string()
    .trim()
    .pipe(z.email({ message: 'expected an email address' })),
  organisation: personFields.organisation.optional(),
  organisationType: personFields.organisationType.optional(),
  region: personFields.region.optional(),
  countryCode: personFields.countryCode.optional(),
  title: personFields.title.optional(),
  language: personFields.language.optional(),
  consents: z.record(z.string().max(100), z.boolean()).default({}).describe('Consents given, by name (such as photos: true).'),
  answers: z.record(z.string().max(100), z.unknown()).default({}).describe("Answers to the event's questions, by question key."),
  /** `confirmed` unless the event is full; organisers may also put someone straight on the waitlist. */
  status: z.enum(['confirmed', 'waitlisted', 'pending']).optional(),
  notify: z.boolean().default(true),
});
export type OrganiserRegisterInput = z.infer<typeof organiserRegisterSchema>;
