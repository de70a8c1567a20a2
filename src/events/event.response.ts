import { z } from 'zod';
import { idField, localDay, pageOf, zonedTime } from '../platform/http/openapi/response-fields';

export const eventResponse = z
  .object({
    id: idField,
    slug: z.string().describe('The public page is /e/<slug>.'),
    title: z.string(),
    description: z.string(),
    timezone: z.string().describe('IANA time zone of the event; every time of the event carries its offset.'),
    venue: z.string().nullable(),
    startsAt: zonedTime,
    endsAt: zonedTime,
    days: z.array(localDay).describe('The local dates the event spans.'),
    capacity: z.number().int().nullable().describe('Seats; null for no limit.'),
    coOrganisers: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
    registrationOpensAt: zonedTime.nullable().describe('Null: registration opens when the event is published.'),
    registrationClosesAt: zonedTime.nullable().describe("Null: registration closes at the event's start."),
    requiresApproval: z.boolean().describe('Public registrations wait as `pending` for an organiser.'),
    materialsDueAt: zonedTime.nullable().describe("Presenters' deadline for materials."),
    defaultReminders: z.boolean(),
    status: z.enum(['draft', 'published', 'cancelled']),
    publishedAt: zonedTime.nullable(),
    cancelledAt: zonedTime.nullable(),
    cancellationReason: z.string().nullable(),
    postponedAt: zonedTime.nullable(),
    myRole: z.enum(['owner', 'organiser']).optional().describe("The caller's role in the event."),
    createdAt: zonedTime,
    updatedAt: zonedTime,
  })
  .describe('An event, as its organisers see it.');

export const eventPageResponse = pageOf(eventResponse);

export const memberResponse = z
  .object({
    id: idField,
    organiserId: idField,
    email: z.string(),
    name: z.string(),
    role: z.enum(['owner', 'organiser']).describe('Owners also manage members and the event itself.'),
    status: z.enum(['active', 'invited']).describe('`invited`: the address has no password yet.'),
    createdAt: zonedTime,
  })
  .describe('An organiser account that is a member of the event.');

const emailStatus = z.string().describe('queued, sending, sent, failed, bounced or suppressed.');

export const eventEmailsResponse = pageOf(
  z.object({
    id: idField,
    kind: z.string().describe('What the email is, such as registration-confirmed or reminder.'),
    to: z.string(),
    subject: z.string(),
    status: emailStatus,
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    messageId: z.string().nullable(),
    createdAt: zonedTime,
    sentAt: zonedTime.nullable(),
    failedAt: zonedTime.nullable(),
    bouncedAt: zonedTime.nullable(),
  }),
).extend({
  counts: z.object({
    byStatus: z.record(z.string(), z.number().int()),
    byKind: z.record(z.string(), z.record(z.string(), z.number().int())),
  }),
});

export const resentEmailResponse = z.object({ id: idField, status: emailStatus, to: z.string(), subject: z.string() });
