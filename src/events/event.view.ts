import { formatInZone, localDatesBetween } from '../platform/time/zoned-time';
import { Event } from './event.entity';
import { EventRole } from './event-member.entity';
import { z } from 'zod';
import { eventResponse } from './event.response';

/** The JSON of an event: times carry the event's own offset, never `Z`. */
export function eventView(event: Event, role?: EventRole): z.output<typeof eventResponse> {
  const at = (value: Date | null) => (value ? formatInZone(value, event.timezone) : null);
  return {
    id: event.id,
    slug: event.slug,
    title: event.title,
    description: event.description,
    timezone: event.timezone,
    venue: event.venue,
    startsAt: formatInZone(event.startsAt, event.timezone),
    endsAt: formatInZone(event.endsAt, event.timezone),
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
    createdAt: formatInZone(event.createdAt, event.timezone),
    updatedAt: formatInZone(event.updatedAt, event.timezone),
  };
}

export type EventView = ReturnType<typeof eventView>;
