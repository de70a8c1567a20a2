import type { Event } from '../../events/event.entity';
import { describeSpan } from '../../platform/time/zoned-time';
import { LOCALES, Language } from '../i18n/languages';

/** The event's public page, where an attendee's pages lead back to. */
export function eventPage(event: { slug: string }): string {
  return `/e/${event.slug}`;
}

const DESCRIPTION_LENGTH = 160;

/**
 * The meta description of the event's public pages: its own description when
 * it has one, cut at a word near 160 characters (what search results show),
 * else its dates and venue.
 */
export function eventDescription(event: Event, language: Language): string {
  const own = event.description.replace(/\s+/g, ' ').trim();
  if (!own) {
    const span = describeSpan(event.startsAt, event.endsAt, event.timezone, LOCALES[language]);
    return [event.title, span, event.venue].filter(Boolean).join(' · ');
  }
  if (own.length <= DESCRIPTION_LENGTH) return own;
  const cut = own.slice(0, DESCRIPTION_LENGTH - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > 0 ? cut.slice(0, lastSpace) : cut}…`;
}

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
    href: eventPage(event),
  };
}
