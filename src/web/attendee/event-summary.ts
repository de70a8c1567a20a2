import type { Event } from '../../events/event.entity';
import { describeSpan } from '../../platform/time/zoned-time';
import { LOCALES, Language } from '../i18n/languages';

/** What the attendee pages show of the event, its dates in the event's own zone. */
export function eventSummary(event: Event, language: Language) {
  return {
    title: event.title,
    slug: event.slug,
    venue: event.venue,
    timezone: event.timezone,
    status: event.status,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    span: describeSpan(event.startsAt, event.endsAt, event.timezone, LOCALES[language]),
    href: `/e/${event.slug}`,
  };
}
