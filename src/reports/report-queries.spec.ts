import { AGENDA_REPORTING } from '../agenda/agenda-reporting';
import { AUTH_REPORTING } from '../auth/auth-reporting';
import { EVENTS_REPORTING } from '../events/events-reporting';
import { PEOPLE_REPORTING } from '../people/people-reporting';
import { MAIL_REPORTING } from '../platform/mail/mail-reporting';
import { PRESENTERS_REPORTING } from '../presenters/presenters-reporting';
import { REGISTRATION_REPORTING } from '../registration/registration-reporting';
import { SURVEYS_REPORTING } from '../surveys/surveys-reporting';
import { EVENT_QUERY, MEMBERS_QUERY, ReportEventRow, reportQueries } from './report-queries';

/** The reporting views other modules offer, and the report's own tables. */
const READABLE = new Set<string>([
  ...[
    AGENDA_REPORTING,
    AUTH_REPORTING,
    EVENTS_REPORTING,
    PEOPLE_REPORTING,
    MAIL_REPORTING,
    PRESENTERS_REPORTING,
    REGISTRATION_REPORTING,
    SURVEYS_REPORTING,
  ].flatMap((views) => Object.values(views)),
  'event_outcomes',
  'event_highlights',
]);

const event: ReportEventRow = {
  id: '00000000-0000-4000-8000-000000000001',
  slug: 'meeting',
  title: 'Meeting',
  timezone: 'Europe/Brussels',
  venue: null,
  starts_at: new Date('2019-10-08T07:00:00Z'),
  ends_at: new Date('2019-10-09T15:30:00Z'),
  status: 'published',
  capacity: null,
  co_organisers: [],
  materials_due_at: null,
};

/** What a statement reads: every name after FROM or JOIN that is no function and that its own WITH does not define. */
function relationsRead(text: string): string[] {
  const defined = new Set([...text.matchAll(/(?:WITH|,)\s*([a-z_]+) AS (?:MATERIALIZED )?\(/g)].map((m) => m[1]));
  const named = [...text.matchAll(/\b(?:FROM|JOIN)\s+([a-z_]+)\b(?!\()/g)].map((m) => m[1]);
  return [...new Set(named.filter((name) => !defined.has(name)))];
}

describe('the report reads what other modules offer it', () => {
  const statements = [
    { name: 'event', text: EVENT_QUERY },
    { name: 'members', text: MEMBERS_QUERY },
    ...reportQueries(event, 2).map((q) => ({ name: q.name, text: q.text })),
  ];

  it.each(statements)('the $name statement reads only reporting views and the report’s own tables', ({ text }) => {
    const read = relationsRead(text);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((name) => !READABLE.has(name))).toEqual([]);
  });
});
