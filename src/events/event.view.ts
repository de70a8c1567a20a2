import { formatInZone, localDatesBetween } from '../platform/time/zoned-time';
import { Event } from './event.entity';
import { EventRole } from './event-member.entity';

/** The JSON of an event: times carry the event's own offset, never `Z`. */
export function eventView(event: Event, role?: EventRole) {
  const at = (value: Date | null) => (value ? formatInZone(value, event.timezone) : null);
  return {
    id: event.id,
    slug: event.slug,
    title: event.title,
    description: event.description,
    timezone: event.timezone,
    venue: event.venue,
    startsAt: at(event.startsAt),
    endsAt: at(event.endsAt),
    days: localDatesBetween(event.startsAt, event.endsAt, event.timezone),
    capacity: event.capacity,
    coOrganisers: event.coOrganisers,
    registrationOpensAt: at(event.registrationOpensAt),
    registrationClosesAt: at(event.registrationClosesAt),
    requiresApproval: event.requiresApproval,
    materialsDueAt: at(event.materialsDueAt),
    defaultReminders: event.defaultReminders,
    status: event.status,
    publishedAt: at(event.publishedAt),
    cancelledAt: at(event.cancelledAt),
    cancellationReason: event.cancellationReason,
    postponedAt: at(event.postponedAt),
    ...(role ? { myRole: role } : {}),
    createdAt: at(event.createdAt),
    updatedAt: at(event.updatedAt),
  };
}

export type EventView = ReturnType<typeof eventView>;
