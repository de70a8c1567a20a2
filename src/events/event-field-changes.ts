import { formatInZone } from '../platform/time/zoned-time';
import type { ChangeValue, FieldChanges } from './event-changes';
import { Event } from './event.entity';

/** Fields whose values an entry keeps; the description is long free text, so only its change is said. */
const VALUED_FIELDS = [
  'title',
  'slug',
  'timezone',
  'venue',
  'startsAt',
  'endsAt',
  'capacity',
  'coOrganisers',
  'registrationOpensAt',
  'registrationClosesAt',
  'requiresApproval',
  'materialsDueAt',
  'defaultReminders',
] as const;

export type EventValues = Record<(typeof VALUED_FIELDS)[number], ChangeValue> & { description: string };

/** The event's organiser-set fields as an entry shows them: times in the event's own offset, partners by name. */
export function eventValues(event: Event): EventValues {
  const at = (value: Date | null) => (value ? formatInZone(value, event.timezone) : null);
  return {
    title: event.title,
    slug: event.slug,
    timezone: event.timezone,
    venue: event.venue,
    startsAt: at(event.startsAt),
    endsAt: at(event.endsAt),
    capacity: event.capacity,
    coOrganisers: event.coOrganisers.map((c) => (c.url ? `${c.name} (${c.url})` : c.name)),
    registrationOpensAt: at(event.registrationOpensAt),
    registrationClosesAt: at(event.registrationClosesAt),
    requiresApproval: event.requiresApproval,
    materialsDueAt: at(event.materialsDueAt),
    defaultReminders: event.defaultReminders,
    description: event.description,
  };
}

/** What differs between two readings of an event: valued fields with both values, the rest by name. */
export function eventFieldChanges(before: EventValues, after: EventValues): { changes: FieldChanges; fields: string[] } {
  const changes: FieldChanges = {};
  for (const field of VALUED_FIELDS) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changes[field] = { from: before[field], to: after[field] };
  }
  return { changes, fields: before.description === after.description ? [] : ['description'] };
}
