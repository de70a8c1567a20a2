import { z } from 'zod';
import { eventFields } from './event-fields';

export const updateEventSchema = z
  .strictObject({
    title: eventFields.title,
    slug: eventFields.slug,
    description: eventFields.description,
    timezone: eventFields.timezone,
    venue: eventFields.venue,
    startsAt: eventFields.startsAt,
    endsAt: eventFields.endsAt,
    capacity: eventFields.capacity,
    coOrganisers: eventFields.coOrganisers,
    registrationOpensAt: eventFields.registrationOpensAt,
    registrationClosesAt: eventFields.registrationClosesAt,
    requiresApproval: eventFields.requiresApproval,
    materialsDueAt: eventFields.materialsDueAt,
    defaultReminders: eventFields.defaultReminders,
  })
  .partial();
export type UpdateEventInput = z.infer<typeof updateEventSchema>;
