import { z } from 'zod';
import { isValidTimeZone } from '../../platform/time/zoned-time';

/** A date-time; without an offset it is wall-clock time in the event's zone. */
export const eventTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/,
    'expected a date-time such as 2019-10-08T09:00 (event time) or 2019-10-08T09:00:00+02:00',
  )
  .describe(
    "A date-time. Without an offset (2019-10-08T09:00) it is wall-clock time in the event's zone; a time the zone skips (DST gap) is refused with 422.",
  );

/** Stored in its canonical spelling (europe/brussels → Europe/Brussels). */
export const timezone = z
  .string()
  .refine(isValidTimeZone, 'expected an IANA time zone such as Europe/Brussels')
  .meta({
    pattern: '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$',
    description: 'An IANA time zone such as Europe/Brussels, known to the server (any case; stored in its canonical spelling).',
  })
  .transform((tz) => new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone);

export const coOrganisers = z
  .array(
    z.object({
      name: z.string().trim().min(1, 'required').max(200),
      url: z
        .url({ protocol: /^https?$/, message: 'expected an http(s) URL' })
        .meta({ pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' })
        .nullish()
        .transform((v) => v ?? null),
    }),
  )
  .max(20, 'at most 20 co-organisers')
  .describe('Partner institutions shown on the public page.');

export const eventFields = {
  title: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lower-case letters, digits and single hyphens')
    .min(3)
    .max(80)
    .describe('The public page is /e/<slug>; made from the title when left out.'),
  description: z.string().max(20_000, 'at most 20000 characters'),
  timezone,
  venue: z.string().trim().max(300).nullable(),
  startsAt: eventTime,
  endsAt: eventTime,
  capacity: z.number().int('expected a whole number').min(1, 'expected at least 1').max(1_000_000).nullable(),
  coOrganisers,
  registrationOpensAt: eventTime.nullable().describe('Null: registration opens when the event is published.'),
  registrationClosesAt: eventTime.nullable().describe("Null: registration closes at the event's start."),
  requiresApproval: z.boolean().describe('Public registrations wait as `pending` until an organiser approves them.'),
  materialsDueAt: eventTime.nullable().describe("Presenters' deadline for their materials."),
  defaultReminders: z.boolean().describe('New events get the standard reminder rules unless this is false.'),
};
