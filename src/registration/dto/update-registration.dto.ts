import { z } from 'zod';
import { personFields } from '../../people/dto/person-fields';

/** What an attendee (or an organiser for them) may change after registering; the email stays. */
export const updateRegistrationSchema = z
  .strictObject({
    name: personFields.name,
    organisation: personFields.organisation,
    organisationType: personFields.organisationType,
    region: personFields.region,
    countryCode: personFields.countryCode,
    title: personFields.title,
    language: personFields.language,
    consents: z.record(z.string().max(100), z.boolean()),
    answers: z.record(z.string().max(100), z.unknown()),
  })
  .partial();
export type UpdateRegistrationInput = z.infer<typeof updateRegistrationSchema>;
