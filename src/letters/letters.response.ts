import { z } from 'zod';
import { idField, pageOf, zonedTime } from '../platform/http/openapi/response-fields';

export const LETTER_STATUSES = ['requested', 'approved', 'rejected', 'revoked'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

const requestFields = {
  id: idField,
  registrationId: idField,
  status: z.enum(LETTER_STATUSES),
  passportName: z.string(),
  nationality: z.string().describe('ISO 3166-1 alpha-2.'),
  passportNumber: z.string().describe('Masked: only its last two characters show.'),
  passportExpiry: z.iso.date(),
  dateOfBirth: z.iso.date(),
  consulateCity: z.string(),
  consulateCountry: z.string(),
  reference: z.string().describe('Printed on the letter.'),
  rejectionReason: z.string().nullable(),
  decidedAt: zonedTime.nullable(),
  revokedAt: zonedTime.nullable(),
  createdAt: zonedTime,
};

export const myLetterResponse = z
  .object({ ...requestFields, downloadable: z.boolean().describe('Approved: GET /registrations/me/letter.pdf serves it.') })
  .describe("The attendee's own letter request.");

export const letterPersonalDataResponse = z
  .object({
    ...requestFields,
    revocationReason: z.string().nullable().describe('Why an issued letter was withdrawn.'),
  })
  .nullable()
  .describe('The visa invitation letter asked for with this registration; null when none was (or its data is deleted).');

export const letterRequestResponse = z
  .object({
    ...requestFields,
    attendee: z.object({ name: z.string(), email: z.string().nullable(), registrationStatus: z.string(), language: z.string() }),
    verificationUrl: z.string().describe('What the letter prints; the consulate opens it.'),
  })
  .describe("A visa invitation letter request as the event's organisers see it.");

export const letterRequestPageResponse = pageOf(letterRequestResponse);

export const bulkLetterResponse = z.object({
  results: z.array(
    z.object({
      letterId: idField,
      outcome: z.enum(['approved', 'rejected', 'refused', 'not_found']),
      detail: z.string().optional(),
    }),
  ),
});

export const letterSettingsResponse = z.object({
  letterhead: z.string(),
  signatoryName: z.string(),
  signatoryTitle: z.string(),
  hasSignatureImage: z.boolean(),
});

export const letterVerificationResponse = z
  .object({
    reference: z.string(),
    name: z.string().describe('As the passport prints it.'),
    event: z.object({ title: z.string(), startsAt: zonedTime, endsAt: zonedTime, venue: z.string().nullable() }),
    status: z.enum(['valid', 'revoked']),
  })
  .describe('What a consulate may know of a letter: never the passport number.');

export const passportCheckResponse = z.object({ match: z.boolean() });

export const letterAccessLogResponse = z.object({
  items: z.array(
    z.object({
      letterId: idField,
      actorKind: z.enum(['organiser', 'attendee', 'consulate', 'system']),
      actorId: idField.nullable().describe('The organiser, or the registration of the attendee.'),
      action: z.string(),
      at: zonedTime,
    }),
  ),
});
