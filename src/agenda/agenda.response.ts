import { z } from 'zod';
import { personDetails } from '../people/person.response';
import { idField, pageOf, utcTime, zonedTime } from '../platform/http/openapi/response-fields';
import { PRESENTATION_SECTIONS, PRESENTATION_STATUSES } from './presentation.entity';
import { SESSION_KINDS } from './session.entity';

export const roomResponse = z.object({
  id: idField,
  name: z.string(),
  capacity: z.number().int().nullable().describe('Seats; null for no limit.'),
});
export const roomPageResponse = pageOf(roomResponse);

export const themeResponse = z.object({
  id: idField,
  name: z.string(),
  colour: z.string().nullable().describe('#rrggbb'),
});
export const themePageResponse = pageOf(themeResponse);

const sections = z
  .object(Object.fromEntries(PRESENTATION_SECTIONS.map((name) => [name, z.string().nullable()])))
  .partial()
  .describe('The structured parts of the abstract.');

/** A person as the published agenda shows them: never an email address. */
const snapshotPerson = z.object({
  id: idField,
  name: z.string(),
  organisation: z.string().nullable(),
  region: z.string().nullable(),
  countryCode: z.string().nullable(),
  title: z.string().nullable(),
});

const snapshotPresentation = z.object({
  id: idField,
  title: z.string(),
  abstract: z.string(),
  themeId: idField.nullable(),
  position: z.number().int().nullable(),
  sections,
  presenters: z.array(snapshotPerson.extend({ role: z.enum(['lead', 'co']) })),
});

export const sessionResponse = z
  .object({
    id: idField,
    kind: z.enum(SESSION_KINDS),
    title: z.string(),
    description: z.string(),
    themeId: idField.nullable(),
    roomId: idField.nullable(),
    startsAt: zonedTime,
    endsAt: zonedTime,
    hostOrganisation: z.string().nullable().describe('The partner hosting the session, for co-organised days.'),
    capacity: z.number().int().nullable().describe('Places for sign-ups; null for no limit.'),
    status: z.enum(['scheduled', 'cancelled']),
    chairs: z.array(snapshotPerson.extend({ role: z.enum(['chair', 'moderator']) })),
    presentations: z.array(snapshotPresentation),
    version: z.number().int().min(1).describe('Rises with every edit of the session; send it back as If-Match (it is also the ETag).'),
  })
  .describe('A session of the working agenda.');
export const sessionPageResponse = pageOf(sessionResponse);

export const presentationResponse = z
  .object({
    id: idField,
    title: z.string(),
    abstract: z.string(),
    sessionId: idField.nullable(),
    themeId: idField.nullable(),
    position: z.number().int().nullable().describe('Order within the session, from 1.'),
    status: z.enum(PRESENTATION_STATUSES),
    sections,
    presenters: z.array(z.object({ id: idField, ...personDetails, personId: idField, role: z.enum(['lead', 'co']) })),
    createdAt: utcTime,
    updatedAt: utcTime,
  })
  .describe('A presentation of the event, as organisers see it.');
export const presentationPageResponse = pageOf(presentationResponse);

const sessionRef = z
  .object({ sessionId: idField, title: z.string(), startsAt: zonedTime, endsAt: zonedTime, roomId: idField.nullable() })
  .describe('A session as a version saw it.');

const conflictWarning = z.object({
  personId: idField,
  personName: z.string(),
  roles: z.array(z.string()),
  sessions: z.array(sessionRef),
});

export const agendaVersionResponse = z
  .object({
    id: idField,
    number: z.number().int(),
    note: z.string(),
    publishedAt: zonedTime,
    publishedBy: idField.nullable(),
    changes: z.object({
      added: z.array(sessionRef),
      moved: z.array(z.object({ sessionId: idField, title: z.string(), from: sessionRef, to: sessionRef })),
      cancelled: z.array(sessionRef),
      changed: z.array(sessionRef).describe('Same time and room, but title, description, people or presentations differ.'),
    }),
    conflicts: z.array(conflictWarning).describe('People due in two places at once in this version.'),
  })
  .describe('A published version of the agenda and what changed since the previous one.');
export const agendaVersionPageResponse = pageOf(agendaVersionResponse);

export const conflictPageResponse = pageOf(conflictWarning);

export const publicAgendaResponse = z
  .looseObject({})
  .describe('The latest published agenda by local day, with rooms, themes, sessions, presentations and presenters (no email addresses).');

export const frabScheduleResponse = z.looseObject({ schedule: z.looseObject({}) }).describe('frab/pretalx schedule JSON.');
