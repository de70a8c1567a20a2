import { AgendaExportSource, SnapshotIndex, effectiveStatus, personLine, presentationsText } from './agenda-export-source';
import type { SnapshotSession } from './agenda-snapshot';
import { IcsCalendar } from '../platform/calendar/ics-writer';

/**
 * `GET /events/:eventId/agenda.ics`: one VEVENT per session of the latest
 * published version. The UID is the session's id, so calendars update the
 * same entry when it moves; SEQUENCE comes from the version (it rises each
 * version the session changed in) and DTSTAMP is the version's publication,
 * so the same version always yields the same bytes. A cancelled event
 * cancels every session, one SEQUENCE higher.
 */
export function buildAgendaIcs(source: AgendaExportSource, index = new SnapshotIndex(source.version.snapshot)): string {
  const { event, version } = source;
  const cal = IcsCalendar.publishing(event.title)
    .text('X-WR-TIMEZONE', event.timezone)
    .text('X-WR-CALDESC', event.description)
    .raw('REFRESH-INTERVAL', 'PT1H', { VALUE: 'DURATION' })
    .raw('X-PUBLISHED-TTL', 'PT1H');
  for (const session of index.sessions) {
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
      .text('DESCRIPTION', describe(session))
      .text('LOCATION', [room?.name, event.venue].filter(Boolean).join(', '))
      .textList('CATEGORIES', [index.theme(session.themeId)?.name])
      .raw('SEQUENCE', String(session.sequence + (eventCancelled ? 1 : 0)))
      .raw('STATUS', status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED')
      .raw('TRANSP', 'OPAQUE')
      .end('VEVENT');
  }
  return cal.end('VCALENDAR').toString();
}

/** The session's description, host, chairs, and its presentations in order with their presenters. */
function describe(session: SnapshotSession): string {
  const paragraphs: string[] = [];
  if (session.description) paragraphs.push(session.description);
  if (session.hostOrganisation) paragraphs.push(`Hosted by ${session.hostOrganisation}`);
  if (session.chairs.length > 0) {
    const label = session.chairs.every((c) => c.role === 'moderator') ? 'Moderated by' : 'Chaired by';
    paragraphs.push(`${label} ${session.chairs.map(personLine).join(', ')}`);
  }
  const presentations = presentationsText(session);
  if (presentations) paragraphs.push(presentations);
  return paragraphs.join('\n\n');
}
