import { z } from 'zod';
import { personDetails } from '../people/person.response';
import { idField, localDay, pageOf, zonedTime } from '../platform/http/openapi/response-fields';
import { QUESTION_TYPES } from './question.entity';
import { REGISTRATION_STATUSES } from './registration.entity';

const status = z.enum(REGISTRATION_STATUSES);

export const registrationResponse = z
  .object({
    id: idField,
    eventId: idField,
    status,
    checkInCode: z.string().describe('Shown at the check-in desk; only organisers and the attendee see it.'),
    personId: idField,
    ...personDetails,
    consents: z.record(z.string(), z.boolean()),
    answers: z.record(z.string(), z.unknown()).describe("Answers to the event's custom questions, by key."),
    source: z.enum(['public', 'organiser', 'import']),
    checkedInDays: z.array(localDay),
    createdAt: zonedTime,
    confirmedAt: zonedTime.nullable(),
    waitlistedAt: zonedTime.nullable(),
    promotedAt: zonedTime.nullable().describe('When a freed seat moved it from the waitlist.'),
    cancelledAt: zonedTime.nullable(),
  })
  .describe('A registration, as organisers and its own attendee see it.');

export const registrationPageResponse = pageOf(registrationResponse);

/** The public answer tells only the outcome; code and link go to the attendee's email. */
export const publicRegistrationResponse = z.object({ id: idField, status });

export const registerResponse = z
  .union([publicRegistrationResponse, registrationResponse])
  .describe('The public gets `{id, status}`; a member organiser gets the whole registration, check-in code included.');

export const registrationCountsResponse = z.object(Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, z.number().int()])));

export const importResponse = z.object({
  imported: z.number().int(),
  rejected: z
    .array(
      z.object({
        line: z.number().int().describe('Line of the CSV, the header being line 1.'),
        email: z.string().nullable(),
        errors: z.array(z.object({ field: z.string(), message: z.string() })),
      }),
    )
    .describe('Lines not registered, and why.'),
});

export const myRegistrationResponse = registrationResponse.extend({
  event: z.object({ id: idField, title: z.string(), slug: z.string() }),
});

export const personalDataResponse = z
  .object({
    exportedAt: zonedTime,
    event: z.object({ id: idField, title: z.string(), startsAt: zonedTime, endsAt: zonedTime }),
    registration: registrationResponse,
    emails: z.array(
      z.object({ kind: z.string(), subject: z.string(), status: z.string(), createdAt: zonedTime, sentAt: zonedTime.nullable() }),
    ),
  })
  .describe('Everything Plenary holds about the attendee for this event.');

export const mySessionResponse = z.object({
  sessionId: idField,
  title: z.string(),
  startsAt: zonedTime,
  endsAt: zonedTime,
  status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
  signedUpAt: zonedTime,
});

export const mySessionsResponse = pageOf(mySessionResponse);

export const sessionSignupsResponse = pageOf(
  z.object({
    registrationId: idField,
    name: z.string().nullable(),
    organisation: z.string().nullable(),
    status: z.enum(['confirmed', 'waitlisted']),
    signedUpAt: zonedTime,
  }),
);

const checkIn = z.object({
  id: idField,
  registrationId: idField,
  name: z.string().nullable(),
  organisation: z.string().nullable(),
  day: localDay,
  checkedInAt: zonedTime,
});

export const checkInResponse = checkIn.extend({
  alreadyCheckedIn: z.boolean().describe('True when this person had already checked in that day (answered 200, not 201).'),
  detail: z.string(),
});

export const checkInsResponse = pageOf(checkIn).extend({
  countsByDay: z.record(z.string(), z.number().int()).describe('Check-ins per local day of the event.'),
});

export const questionResponse = z.object({
  id: idField,
  key: z.string().describe('Key of the answer in `answers`.'),
  label: z.string(),
  type: z.enum(QUESTION_TYPES),
  required: z.boolean(),
  options: z.array(z.string()),
  position: z.number().int(),
});

export const questionPageResponse = pageOf(questionResponse);
