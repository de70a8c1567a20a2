import { z } from 'zod';
import { idField, localDay, pageOf, zonedTime } from '../platform/http/openapi/response-fields';
import { ISSUE_MODES } from './certificate.entity';

export const certificateSettingsResponse = z
  .object({
    eventId: idField,
    intro: z.string().nullable(),
    signatoryName: z.string().nullable(),
    signatoryTitle: z.string().nullable(),
    issueMode: z.enum(ISSUE_MODES),
  })
  .describe("What the event's certificates print, and when they exist.");

export const certificateResponse = z
  .object({
    id: idField,
    kind: z.enum(['attendance', 'presenter']),
    code: z.string().describe('Ten base32 characters, printed on the certificate and in its QR code.'),
    personId: idField,
    name: z.string(),
    registrationId: idField.nullable(),
    presentation: z
      .object({ id: idField, title: z.string().describe('As the published agenda had it when the certificate was issued.') })
      .nullable()
      .describe('The presentation a presenter certificate names.'),
    days: z.array(localDay).describe('Days attended (attendance certificates).'),
    language: z.enum(['en', 'es', 'pt', 'fr']),
    issuedAt: zonedTime,
    revokedAt: zonedTime.nullable(),
    links: z.object({ verify: z.string(), pdf: z.string() }),
  })
  .describe('A certificate of attendance or of presenting.');
export const certificatePageResponse = pageOf(certificateResponse);

export const certificatePersonalDataResponse = z
  .array(
    certificateResponse.pick({
      id: true,
      kind: true,
      code: true,
      presentation: true,
      days: true,
      language: true,
      issuedAt: true,
      revokedAt: true,
      links: true,
    }),
  )
  .describe(
    'The certificates issued to the attendee for this event (attendance, and presenting under the same person), revoked ones included.',
  );

export const certificateRunResponse = z
  .object({
    id: idField,
    eventId: idField,
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    total: z.number().int().describe('Certificates the run issues.'),
    done: z.number().int().describe('Certificates issued so far.'),
    emailed: z.number().int().describe('Emails written to the outbox so far.'),
    progress: z.number().int().describe('Percent done.'),
    requestedBy: idField.nullable(),
    error: z.string().nullable(),
    createdAt: zonedTime,
    startedAt: zonedTime.nullable(),
    completedAt: zonedTime.nullable(),
    links: z.object({ self: z.string() }),
  })
  .describe('One "send them all" of the certificates of an event.');
export const certificateRunPageResponse = pageOf(certificateRunResponse);
export const certificateRunRequestResponse = certificateRunResponse
  .extend({ shared: z.boolean().describe('True when a run of the event already queued or running answers this request.') })
  .describe('The run that sends the certificates.');
