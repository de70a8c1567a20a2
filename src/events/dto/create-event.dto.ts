import { z } from 'zod';
import { eventFields } from './event-fields';

export const createEventSchema = z.strictObject({
  title: eventFields.title,
  slug: eventFields.slug.optional(),
  description: eventFields.description.default(''),
  timezone: eventFields.timezone,
  venue: eventFields.venue.optional(),
  startsAt: eventFields.startsAt,
  endsAt: eventFields.endsAt,
  capacity: eventFields.capacity.optional(),
  coOrganisers: eventFields.coOrganisers.default([]),
  registrationOpensAt: eventFields.registrationOpensAt.optional(),
  registrationClosesAt: eventFields.registrationClosesAt.optional(),
  requiresApproval: eventFields.requiresApproval.default(false),
  materialsDueAt: eventFields.materialsDueAt.optional(),
  defaultReminders: eventFields.defaultReminders.default(true),
});
export type CreateEventInput = z.infer<typeof createEventSchema>;
