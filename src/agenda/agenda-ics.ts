import { AgendaExportSource, SnapshotIndex, effectiveStatus, personLine, presentationsText } from './agenda-export-source';
import type { SnapshotSession } from './agenda-snapshot';
import { IcsCalendar } from '../platform/calendar/ics-writer';
import { MailLanguage } from '../platform/mail/mail-language';

/** The few words a session's description adds to what organisers wrote; agenda.ics itself is English. */
const WORDS: Record<MailLanguage, { hostedBy: string; moderatedBy: string; chairedBy: string }> = {
  en: { hostedBy: 'Hosted by', moderatedBy: 'Moderated by', chairedBy: 'Chaired by' },
  es: { hostedBy: 'Organizada por', moderatedBy: 'Moderada por', chairedBy: 'Presidida por' },
  pt: { hostedBy: 'Organizada por', moderatedBy: 'Moderada por', chairedBy: 'Presidida por' },
  fr: { hostedBy: 'Organisée par', moderatedBy: 'Animée par', chairedBy: 'Présidée par' },
};

/**
 * `GET /events/:eventId/agenda.ics`: one VEVENT per session of the latest
 * published version. The UID is the session's id, so calendars update the
 * same entry when it moves; SEQUENCE comes from the version (it rises each
 * version the session changed in) and DTSTAMP is the version's publication,
 * so the same version always yields the same bytes. A cancelled event
 * cancels every session, one SEQUENCE higher.
 */
export function buildAgendaIcs(source: AgendaExportSource, index = new SnapshotIndex(source.version.snapshot)): string {
  const { event } = source;
  const cal = IcsCalendar.publishing(event.title)
    .text('X-WR-TIMEZONE', event.timezone)
    .text('X-WR-CALDESC', event.description)
    .raw('REFRESH-INTERVAL', 'PT1H', { VALUE: 'DURATION' })
    .raw('X-PUBLISHED-TTL', 'PT1H');
  for (const session of index.sessions) writeSession(cal, session, source, index, 'en');
  return cal.end('VCALENDAR').toString();
}

/**
 * One person's part of the agenda (a reminder's attachment): the event itself
 * (UID `<eventId>@plenary`, stamped `stampedAt`, the moment the file is made)
 * and the given sessions of the published version (none before the first) exactly as agenda.ics writes them, so a calendar
 * holding both keeps one entry per session; only the descriptions' own words are in the person's `language`.
 */
export function buildAgendaExcerptIcs(
  source: Omit<AgendaExportSource, 'version'> & { version: AgendaExportSource['version'] | null },
  sessionIds: string[],
  stampedAt: Date,
  language: MailLanguage,
): string {
  const { event, publicUrl, version } = source;
  const cal = IcsCalendar.publishing(event.title)
    .text('X-WR-TIMEZONE', event.timezone)
    .begin('VEVENT')
    .text('UID', `${event.id}@plenary`)
    .utc('DTSTAMP', stampedAt)
    .utc('DTSTART', event.startsAt)
    .utc('DTEND', event.endsAt)
    .text('SUMMARY', event.title)
    .text('LOCATION', event.venue)
    .text('URL', `${publicUrl}/e/${event.slug}`)
    .raw('STATUS', event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED')
    .end('VEVENT');
  if (version) {
    const index = new SnapshotIndex(version.snapshot);
    const wanted = new Set(sessionIds);
    for (const session of index.sessions) if (wanted.has(session.id)) writeSession(cal, session, { ...source, version }, index, language);
  }
  return cal.end('VCALENDAR').toString();
}

function writeSession(
  cal: IcsCalendar,
  session: SnapshotSession,
  source: AgendaExportSource,
  index: SnapshotIndex,
  language: MailLanguage,
): void {
  const { event, version } = source;
  const status = effectiveStatus(session, source);
  const eventCancelled = event.status === 'cancelled';
  const room = index.room(session.roomId);
  cal
    .begin('VEVENT')
    .text('UID', `${session.id}@plenary`)
    .utc('DTSTAMP', version.publishedAt)
    .utc('DTSTART', new Date(session.startsAt))
    .utc('DTEND', new Date(session.endsAt))
    .text('SUMMARY', session.title)
    .text('DESCRIPTION', describe(session, WORDS[language]))
    .text('LOCATION', [room?.name, event.venue].filter(Boolean).join(', '))
    .textList('CATEGORIES', [index.theme(session.themeId)?.name])
    .raw('SEQUENCE', String(session.sequence + (eventCancelled ? 1 : 0)))
    .raw('STATUS', status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED')
    .raw('TRANSP', 'OPAQUE')
    .end('VEVENT');
}

/** The session's description, host, chairs, and its presentations in order with their presenters. */
function describe(session: SnapshotSession, words: (typeof WORDS)[MailLanguage]): string {
  const paragraphs: string[] = [];
  if (session.description) paragraphs.push(session.description);
  if (session.hostOrganisation) paragraphs.push(`${words.hostedBy} ${session.hostOrganisation}`);
  if (session.chairs.length > 0) {
    const label = session.chairs.every((c) => c.role === 'moderator') ? words.moderatedBy : words.chairedBy;
    paragraphs.push(`${label} ${session.chairs.map(personLine).join(', ')}`);
  }
  const presentations = presentationsText(session);
  if (presentations) paragraphs.push(presentations);
  return paragraphs.join('\n\n');
}
