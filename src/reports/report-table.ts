import { Table } from '../platform/http/table-download';
import { EMAIL_STATUS_NAMES, NOT_OVER_YET, REGISTRATION_STATUS_NAMES, ReportData } from './report-data';

/** Stored as jsonb, whose objects do not keep their key order: the CSV names its own. */
const HEADLINE_KEYS: Array<keyof ReportData['headline']> = [
  'peopleInvolved',
  'registrations',
  'attendedEvent',
  'sessionsHeld',
  'presentations',
  'regions',
  'countries',
  'presentingRegions',
  'presentingCountries',
];
const PEOPLE_KEYS: Array<keyof ReportData['people']> = [
  'involved',
  'persons',
  'attendees',
  'presenters',
  'chairs',
  'organisers',
  'organisersAmongPersons',
];

type Add = (section: string, key: string, value: unknown) => void;

/** The report as `section,key,value` rows (design.md), one fact a row, in the order of the HTML page. */
export function reportTable(eventSlug: string, data: ReportData, version: number): Table {
  const rows: Array<[string, string, unknown]> = [];
  const add: Add = (section, key, value) => rows.push([section, key, value]);
  add('report', 'version', version);
  add('report', 'generated_at', data.generatedAt);
  eventRows(add, data);
  for (const key of HEADLINE_KEYS) add('headline', snake(key), data.headline[key]);
  for (const key of PEOPLE_KEYS) add('people', snake(key), data.people[key]);
  registrationRows(add, data);
  attendanceRows(add, data);
  participationRows(add, data);
  programmeRows(add, data);
  presentationRows(add, data);
  emailRows(add, data);
  outcomeRows(add, data);
  surveyRows(add, data);
  return { name: `${eventSlug}-report-v${version}`, header: ['section', 'key', 'value'], rows };
}

function eventRows(add: Add, { event: e }: ReportData): void {
  add('event', 'title', e.title);
  add('event', 'starts_at', e.startsAt);
  add('event', 'ends_at', e.endsAt);
  add('event', 'timezone', e.timezone);
  add('event', 'venue', e.venue);
  add('event', 'ended', e.ended);
  e.coOrganisers.forEach((name, i) => add('event', `co_organiser.${i + 1}`, name));
}

function registrationRows(add: Add, data: ReportData): void {
  const e = data.event;
  add('registrations', 'total', data.registrations.total);
  for (const status of REGISTRATION_STATUS_NAMES) add('registrations', `status.${status}`, data.registrations.byStatus[status] ?? 0);
  for (const [source, n] of Object.entries(data.registrations.bySource).sort(([a], [b]) => a.localeCompare(b)))
    add('registrations', `source.${source}`, n);
  add('registrations', 'cancellations', data.registrations.cancellations);
  add('registrations', 'waitlist_promotions', data.registrations.waitlistPromotions);
  add('registrations', 'no_shows', e.ended === false ? NOT_OVER_YET : data.registrations.noShows);
}

function attendanceRows(add: Add, data: ReportData): void {
  const e = data.event;
  for (const d of data.attendance.byDay) add('attendance', `day.${d.day}`, d.checkedIn);
  add('attendance', 'over_event', data.attendance.overEvent);
  add('attendance', 'every_day', data.attendance.everyDay);
  add('attendance', 'rate', e.ended === false ? NOT_OVER_YET : data.attendance.rate);
}

function participationRows(add: Add, data: ReportData): void {
  add('participation', 'people', data.participation.people);
  add('participation', 'regions', data.participation.regions);
  add('participation', 'countries', data.participation.countries);
  for (const a of data.participation.byArea) {
    add('participation.area', `${a.area}.people`, a.people);
    add('participation.area', `${a.area}.regions`, a.regions);
    add('participation.area', `${a.area}.countries`, a.countries);
  }
  for (const c of data.participation.byCountry) add('participation.country', c.countryCode ?? '(not given)', c.people);
  for (const r of data.participation.byRegion) add('participation.region', `${r.countryCode ?? ''}/${r.region}`, r.people);
  for (const t of data.participation.byOrganisationType)
    add('participation.organisation_type', t.organisationType ?? '(not given)', t.people);
}

function programmeRows(add: Add, data: ReportData): void {
  add('programme', 'version', data.programme.version?.number ?? null);
  add('programme', 'versions', data.programme.versions);
  add('programme', 'sessions_held', data.programme.sessionsHeld);
  add('programme', 'sessions_unpublished', data.programme.unpublished?.length);
  for (const t of data.programme.byTheme) add('programme.theme', t.theme, t.sessions);
  for (const d of data.programme.byDay) add('programme.day', d.day, d.sessions);
  for (const k of data.programme.byKind) add('programme.kind', k.kind, k.sessions);
  for (const c of data.programme.coOrganised) add('programme.host', c.host, c.sessions);
  for (const m of data.programme.moved) add('programme.moved', m.title, `${m.from ?? ''} -> ${m.to ?? ''}`);
  for (const c of data.programme.cancelled) add('programme.cancelled', c.title, c.startsAt);
  for (const u of data.programme.unpublished ?? []) add('programme.unpublished', u.title, u.startsAt);
}

function presentationRows(add: Add, data: ReportData): void {
  add('presentations', 'total', data.presentations.total);
  add('presentations', 'unpublished', data.presentations.unpublished);
  add('presentations', 'unscheduled', data.presentations.unscheduled);
  add('presentations', 'presenters', data.presentations.presenters);
  add('presentations', 'regions', data.presentations.regions);
  add('presentations', 'countries', data.presentations.countries);
  for (const a of data.presentations.byArea) {
    add('presentations.area', `${a.area}.presenters`, a.people);
    add('presentations.area', `${a.area}.regions`, a.regions);
    add('presentations.area', `${a.area}.countries`, a.countries);
  }
  add('materials', 'on_time', data.presentations.materials.onTime);
  add('materials', 'late', data.presentations.materials.late);
  add('materials', 'missing', data.presentations.materials.missing);
  data.presentations.items.forEach((p, i) => {
    const n = i + 1;
    add('presentation', `${n}.title`, p.title);
    add('presentation', `${n}.session`, p.session);
    add('presentation', `${n}.materials`, p.materials);
    add('presentation', `${n}.published`, p.published);
    p.presenters.forEach((x, j) =>
      add('presentation', `${n}.presenter.${j + 1}`, [x.name, x.organisation, x.region, x.countryCode].filter(Boolean).join(', ')),
    );
  });
}

function emailRows(add: Add, data: ReportData): void {
  add('emails', 'total', data.emails.total);
  for (const status of EMAIL_STATUS_NAMES) add('emails', `status.${status}`, data.emails.byStatus[status] ?? 0);
  for (const k of data.emails.byKind) {
    for (const status of EMAIL_STATUS_NAMES) {
      if (k[status] > 0) add('emails', `${k.kind}.${status}`, k[status]);
    }
  }
}

function outcomeRows(add: Add, data: ReportData): void {
  for (const o of data.outcomes) {
    add('outcomes', o.label, o.value);
    if (o.note) add('outcomes', `${o.label}.note`, o.note);
  }
  data.highlights.forEach((q, i) => add('highlights', `${i + 1}`, q.attribution ? `${q.quote} — ${q.attribution}` : q.quote));
}

function surveyRows(add: Add, data: ReportData): void {
  (data.surveys ?? []).forEach((s, i) => {
    const n = i + 1;
    add('survey', `${n}.title`, s.title);
    add('survey', `${n}.anonymous`, s.anonymous);
    add('survey', `${n}.status`, s.status);
    add('survey', `${n}.invited`, s.invited);
    add('survey', `${n}.responses`, s.responses);
    add('survey', `${n}.response_rate`, s.responseRate);
    s.questions.forEach((q, j) => {
      const key = `${n}.q${j + 1}`;
      add('survey', `${key}.prompt`, q.session ? `${q.prompt} (${q.session})` : q.prompt);
      add('survey', `${key}.answered`, q.answered);
      if (q.kind === 'rating') add('survey', `${key}.average`, q.average);
      for (const d of q.distribution) add('survey', `${key}.${d.value}`, d.count);
      q.comments.forEach((c, k) => add('survey', `${key}.comment.${k + 1}`, c));
    });
    for (const x of s.sessions) add('survey', `${n}.session.${x.session}.average`, x.average);
  });
}

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
