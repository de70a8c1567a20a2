import { countryName } from '../people/countries';
import { formatInZone, localDatesBetween } from '../platform/time/zoned-time';
import { ReportEventRow, ReportStep } from './report-queries';
import { SurveyResultRow, SurveyResults, surveyResults } from '../surveys/surveys-reporting';
import { WORLD_AREA_LABELS, WorldArea, worldArea } from './world-areas';

/** What a completed report holds (the `data` column, and GET …/reports/:id). Times carry the event's offset. */
export interface ReportData {
  schema: 1;
  generatedAt: string;
  event: {
    id: string;
    slug: string;
    title: string;
    timezone: string;
    venue: string | null;
    startsAt: string;
    endsAt: string;
    days: string[];
    status: string;
    capacity: number | null;
    coOrganisers: string[];
    materialsDueAt: string | null;
    /** Whether the event had ended when the report was compiled; before, there are no no-shows and no attendance rate. */
    ended: boolean;
  };
  headline: {
    /** Distinct people across attendees, presenters, chairs and the event's organisers (matched by email). */
    peopleInvolved: number;
    registrations: number;
    attendedEvent: number;
    sessionsHeld: number;
    presentations: number;
    regions: number;
    countries: number;
    presentingRegions: number;
    presentingCountries: number;
  };
  people: {
    involved: number;
    /** Event-scoped people: attendees, presenters and chairs, each once. */
    persons: number;
    attendees: number;
    presenters: number;
    chairs: number;
    /** Member accounts (owners and organisers) of the event. */
    organisers: number;
    /** Organisers who are also one of the persons (same email). */
    organisersAmongPersons: number;
  };
  registrations: {
    total: number;
    byStatus: Record<string, number>;
    bySource: Record<string, number>;
    cancellations: number;
    waitlistPromotions: number;
    /** Confirmed, and checked in on no day; null while the event is not over (`event.ended`). */
    noShows: number | null;
  };
  attendance: {
    byDay: Array<{ day: string; checkedIn: number }>;
    /** Registrations checked in on at least one day. */
    overEvent: number;
    /** Checked in on every day of the event. */
    everyDay: number;
    /** overEvent / confirmed registrations, 0–1 (null without confirmed registrations, or while the event is not over). */
    rate: number | null;
  };
  participation: {
    people: number;
    countries: number;
    regions: number;
    byCountry: Array<{ countryCode: string | null; country: string; area: WorldArea; people: number }>;
    byRegion: Array<{ countryCode: string | null; region: string; people: number }>;
    byOrganisationType: Array<{ organisationType: string | null; people: number }>;
    byArea: AreaCount[];
  };
  /**
   * The agenda as the organisers hold it at compile time (cancelled sessions and withdrawn
   * presentations left out), which may be ahead of the latest published `version`.
   */
  programme: {
    version: { number: number; note: string; publishedAt: string } | null;
    versions: number;
    sessionsHeld: number;
    /** Held sessions the latest published version does not show (added or restored since, or nothing published). */
    unpublished: Array<{ sessionId: string; title: string; startsAt: string }>;
    byTheme: Array<{ themeId: string | null; theme: string; sessions: number }>;
    byDay: Array<{ day: string; sessions: number }>;
    byKind: Array<{ kind: string; sessions: number }>;
    coOrganised: Array<{ host: string; sessions: number; titles: string[] }>;
    cancelled: Array<{ sessionId: string; title: string; startsAt: string | null }>;
    moved: Array<{ sessionId: string; title: string; from: string | null; to: string | null; times: number }>;
  };
  presentations: {
    /** Presentations in held sessions. */
    total: number;
    /** Of `total`, those the latest published version does not show. */
    unpublished: number;
    /** Presentations in no session yet: not in `total`. */
    unscheduled: number;
    presenters: number;
    regions: number;
    countries: number;
    byArea: AreaCount[];
    materialsDueAt: string | null;
    materials: { onTime: number; late: number; missing: number };
    items: Array<{
      id: string;
      title: string;
      session: string;
      day: string;
      theme: string | null;
      presenters: Array<{ name: string; organisation: string | null; region: string | null; countryCode: string | null; role: string }>;
      materials: 'on_time' | 'late' | 'missing';
      /** Whether the latest published version shows it. */
      published: boolean;
      versions: number;
      firstSubmittedAt: string | null;
    }>;
  };
  emails: {
    total: number;
    byStatus: Record<string, number>;
    byKind: Array<{ kind: string; total: number } & Record<EmailStatusName, number>>;
  };
  outcomes: Array<{ label: string; value: string | number; note: string | null }>;
  highlights: Array<{ quote: string; attribution: string | null }>;
  /** The feedback surveys past their draft: counts, averages, distributions and comments. Absent from reports compiled before surveys existed. */
  surveys?: SurveyResults[];
}

export interface AreaCount {
  area: WorldArea;
  label: string;
  people: number;
  regions: number;
  countries: number;
}

/** Said instead of no-shows and the attendance rate in a report compiled before the event ended. */
export const NOT_OVER_YET = 'not over yet';

export const REGISTRATION_STATUS_NAMES = ['confirmed', 'waitlisted', 'pending', 'cancelled', 'rejected'] as const;
export const EMAIL_STATUS_NAMES = ['queued', 'sending', 'sent', 'failed', 'bounced', 'cancelled'] as const;
type EmailStatusName = (typeof EMAIL_STATUS_NAMES)[number];

type Row = Record<string, unknown>;
export type StepRows = Record<ReportStep, Row[]>;

const num = (value: unknown) => Number(value ?? 0);
const str = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** Turns the statements' rows into the report; everything here is bounded by the agenda, not the attendance. */
export function assembleReport(event: ReportEventRow, rows: StepRows, now = new Date()): ReportData {
  const tz = event.timezone;
  const at = (value: Date | string | null) => (value ? formatInZone(new Date(value), tz) : null);
  const reportEvent = assembleEvent(event, now, at);
  const people = assemblePeople(rows.people[0] ?? {});
  const registrations = assembleRegistrations(rows.registrations, reportEvent.ended);
  const attendance = assembleAttendance(rows.attendance, reportEvent, registrations);
  const participation = assembleParticipation(rows.participation);
  const programme = assembleProgramme(rows, tz);
  const presentations = assemblePresentations(rows, programme.themes, event.materials_due_at, at);
  return {
    schema: 1,
    generatedAt: formatInZone(now, tz),
    event: reportEvent,
    headline: {
      peopleInvolved: people.involved,
      registrations: registrations.summary.total,
      attendedEvent: attendance.overEvent,
      sessionsHeld: programme.data.sessionsHeld,
      presentations: presentations.total,
      regions: participation.regions,
      countries: participation.countries,
      presentingRegions: presentations.regions,
      presentingCountries: presentations.countries,
    },
    people,
    registrations: registrations.summary,
    attendance,
    participation,
    programme: programme.data,
    presentations,
    emails: assembleEmails(rows.emails),
    outcomes: rows.outcomes.map((r) => ({ label: String(r.label), value: r.value as string | number, note: str(r.note) })),
    highlights: rows.highlights.map((r) => ({ quote: String(r.quote), attribution: str(r.attribution) })),
    surveys: surveyResults(rows.surveys as unknown as SurveyResultRow[], now),
  };
}

function assembleEvent(event: ReportEventRow, now: Date, at: (value: Date | string | null) => string | null): ReportData['event'] {
  const tz = event.timezone;
  return {
    id: event.id,
    slug: event.slug,
    title: event.title,
    timezone: tz,
    venue: event.venue,
    startsAt: at(event.starts_at) as string,
    endsAt: at(event.ends_at) as string,
    days: localDatesBetween(new Date(event.starts_at), new Date(event.ends_at), tz),
    status: event.status,
    capacity: event.capacity,
    coOrganisers: (event.co_organisers ?? []).map((c) => c.name),
    materialsDueAt: at(event.materials_due_at),
    ended: new Date(event.ends_at) <= now,
  };
}

function assemblePeople(people: Row): ReportData['people'] {
  const persons = num(people.persons);
  const organisers = num(people.organisers);
  const organisersAmongPersons = num(people.organisers_among_people);
  return {
    involved: persons + organisers - organisersAmongPersons,
    persons,
    attendees: num(people.attendees),
    presenters: num(people.presenters),
    chairs: num(people.chairs),
    organisers,
    organisersAmongPersons,
  };
}

/** Check-ins on every day of the event, and on any day outside it that has some. */
function assembleAttendance(
  rows: Row[],
  { days, ended }: ReportData['event'],
  registrations: ReturnType<typeof assembleRegistrations>,
): ReportData['attendance'] {
  const perDay = new Map(rows.map((r) => [String(r.day), num(r.n)]));
  return {
    byDay: [...new Set([...days, ...perDay.keys()])].sort().map((day) => ({ day, checkedIn: perDay.get(day) ?? 0 })),
    overEvent: registrations.attended,
    everyDay: registrations.everyDay,
    rate:
      ended && registrations.summary.byStatus.confirmed > 0
        ? round(registrations.attended / registrations.summary.byStatus.confirmed)
        : null,
  };
}

function assembleEmails(rows: Row[]): ReportData['emails'] {
  const byKind = new Map<string, { kind: string; total: number } & Record<EmailStatusName, number>>();
  const byStatus: Record<string, number> = Object.fromEntries(EMAIL_STATUS_NAMES.map((s) => [s, 0]));
  for (const r of rows) {
    const kind = String(r.kind);
    const entry = byKind.get(kind) ?? {
      kind,
      total: 0,
      ...(Object.fromEntries(EMAIL_STATUS_NAMES.map((s) => [s, 0])) as Record<EmailStatusName, number>),
    };
    entry[r.status as EmailStatusName] = (entry[r.status as EmailStatusName] ?? 0) + num(r.n);
    entry.total += num(r.n);
    byStatus[String(r.status)] = (byStatus[String(r.status)] ?? 0) + num(r.n);
    byKind.set(kind, entry);
  }
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    byKind: [...byKind.values()].sort((a, b) => b.total - a.total || a.kind.localeCompare(b.kind)),
  };
}

function assembleRegistrations(rows: Row[], ended: boolean) {
  const byStatus: Record<string, number> = Object.fromEntries(REGISTRATION_STATUS_NAMES.map((s) => [s, 0]));
  const bySource: Record<string, number> = {};
  let total = 0;
  let promoted = 0;
  let noShows = 0;
  let attended = 0;
  let everyDay = 0;
  for (const r of rows) {
    const n = num(r.n);
    total += n;
    byStatus[String(r.status)] = (byStatus[String(r.status)] ?? 0) + n;
    bySource[String(r.source)] = (bySource[String(r.source)] ?? 0) + n;
    promoted += num(r.promoted);
    noShows += num(r.no_shows);
    attended += num(r.attended);
    everyDay += num(r.every_day);
  }
  return {
    summary: {
      total,
      byStatus,
      bySource,
      cancellations: byStatus.cancelled ?? 0,
      waitlistPromotions: promoted,
      noShows: ended ? noShows : null,
    },
    attended,
    everyDay,
  };
}

/** Distinct regions and countries of (country, region-key) rows, overall and per world area. */
function regionCounts(rows: Array<{ countryCode: string | null; regionKey: string | null; people: number }>) {
  const regions = new Set<string>();
  const countries = new Set<string>();
  const areas = new Map<WorldArea, { regions: Set<string>; countries: Set<string> }>();
  for (const row of rows) {
    const area = worldArea(row.countryCode);
    const bucket = areas.get(area) ?? { regions: new Set<string>(), countries: new Set<string>() };
    areas.set(area, bucket);
    if (row.countryCode) {
      countries.add(row.countryCode);
      bucket.countries.add(row.countryCode);
    }
    if (row.regionKey) {
      const key = `${row.countryCode ?? ''}\u0000${row.regionKey}`;
      regions.add(key);
      bucket.regions.add(key);
    }
  }
  return { regions: regions.size, countries: countries.size, areas };
}

function areaCounts(
  peoplePerCountry: Array<{ countryCode: string | null; people: number }>,
  areas: Map<WorldArea, { regions: Set<string>; countries: Set<string> }>,
): AreaCount[] {
  const people = new Map<WorldArea, number>();
  for (const row of peoplePerCountry) people.set(worldArea(row.countryCode), (people.get(worldArea(row.countryCode)) ?? 0) + row.people);
  return (Object.keys(WORLD_AREA_LABELS) as WorldArea[])
    .filter((area) => people.has(area))
    .map((area) => ({
      area,
      label: WORLD_AREA_LABELS[area],
      people: people.get(area) ?? 0,
      regions: areas.get(area)?.regions.size ?? 0,
      countries: areas.get(area)?.countries.size ?? 0,
    }));
}

function assembleParticipation(rows: Row[]): ReportData['participation'] {
  const byCountryRows = rows.filter((r) => num(r.g_country) === 0 && num(r.g_region) === 1);
  const byRegionRows = rows.filter((r) => num(r.g_country) === 0 && num(r.g_region) === 0);
  const byTypeRows = rows.filter((r) => num(r.g_type) === 0);
  const regionRows = byRegionRows.map((r) => ({
    countryCode: str(r.country_code),
    regionKey: str(r.region_key),
    region: str(r.region),
    people: num(r.people),
  }));
  const counted = regionCounts(regionRows);
  const byCountry = byCountryRows
    .map((r) => {
      const code = str(r.country_code);
      return { countryCode: code, country: code ? countryName(code) : 'not given', area: worldArea(code), people: num(r.people) };
    })
    .sort((a, b) => b.people - a.people || a.country.localeCompare(b.country));
  return {
    people: byCountry.reduce((n, r) => n + r.people, 0),
    countries: counted.countries,
    regions: counted.regions,
    byCountry,
    byRegion: regionRows
      .filter((r) => r.regionKey !== null)
      .map((r) => ({ countryCode: r.countryCode, region: r.region as string, people: r.people }))
      .sort((a, b) => b.people - a.people || (a.countryCode ?? '').localeCompare(b.countryCode ?? '') || a.region.localeCompare(b.region)),
    byOrganisationType: byTypeRows
      .map((r) => ({ organisationType: str(r.organisation_type), people: num(r.people) }))
      .sort((a, b) => b.people - a.people || (a.organisationType ?? '~').localeCompare(b.organisationType ?? '~')),
    byArea: areaCounts(byCountry, counted.areas),
  };
}

function assembleProgramme(rows: StepRows, tz: string) {
  const latest = rows.programme[0];
  const themes = new Map<string, string>(((latest?.themes as Array<{ id: string; name: string }>) ?? []).map((t) => [t.id, t.name]));
  const sessions = rows.sessions;
  const total = sessions.find((r) => num(r.g_theme) + num(r.g_day) + num(r.g_host) + num(r.g_kind) === 4);
  const only = (flag: 'g_theme' | 'g_day' | 'g_host' | 'g_kind') => sessions.filter((r) => num(r[flag]) === 0);
  const at = (value: unknown) => (value ? formatInZone(new Date(String(value)), tz) : null);
  const cancelled = rows.changes.filter((r) => r.change === 'cancelled');
  const cancelledIds = new Set(cancelled.map((r) => String(r.session_id)));
  const moved = new Map<string, { sessionId: string; title: string; from: string | null; to: string | null; times: number }>();
  for (const r of rows.changes.filter((c) => c.change === 'moved' && !cancelledIds.has(String(c.session_id)))) {
    const id = String(r.session_id);
    const entry = moved.get(id);
    if (entry) {
      entry.to = str(r.to_starts_at);
      entry.title = String(r.title);
      entry.times += 1;
    } else {
      moved.set(id, { sessionId: id, title: String(r.title), from: str(r.from_starts_at), to: str(r.to_starts_at), times: 1 });
    }
  }
  const data: ReportData['programme'] = {
    version:
      latest?.number != null
        ? { number: num(latest.number), note: String(latest.note ?? ''), publishedAt: at(latest.published_at) as string }
        : null,
    versions: num(latest?.versions),
    sessionsHeld: num(total?.n),
    unpublished: ((total?.unpublished as Array<{ sessionId: string; title: string; startsAt: string }>) ?? []).map((u) => ({
      ...u,
      startsAt: at(u.startsAt) as string,
    })),
    byTheme: only('g_theme')
      .map((r) => ({
        themeId: str(r.theme_id),
        theme: r.theme_id ? (themes.get(String(r.theme_id)) ?? 'unknown theme') : 'No theme',
        sessions: num(r.n),
      }))
      .sort(
        (a, b) => (a.themeId === null ? 1 : 0) - (b.themeId === null ? 1 : 0) || b.sessions - a.sessions || a.theme.localeCompare(b.theme),
      ),
    byDay: only('g_day')
      .map((r) => ({ day: String(r.day), sessions: num(r.n) }))
      .sort((a, b) => a.day.localeCompare(b.day)),
    byKind: only('g_kind')
      .map((r) => ({ kind: String(r.kind), sessions: num(r.n) }))
      .sort((a, b) => b.sessions - a.sessions || a.kind.localeCompare(b.kind)),
    coOrganised: only('g_host')
      .filter((r) => r.host !== null)
      .map((r) => ({ host: String(r.host), sessions: num(r.n), titles: (r.titles as string[]) ?? [] }))
      .sort((a, b) => b.sessions - a.sessions || a.host.localeCompare(b.host)),
    cancelled: cancelled.map((r) => ({ sessionId: String(r.session_id), title: String(r.title), startsAt: at(r.from_starts_at) })),
    moved: [...moved.values()],
  };
  return { data, themes };
}

interface SnapshotPresenter {
  id: string;
  name: string;
  organisation: string | null;
  region: string | null;
  countryCode: string | null;
  role: string;
}

function assemblePresentations(
  rows: StepRows,
  themes: Map<string, string>,
  dueAt: Date | null,
  at: (value: Date | string | null) => string | null,
): ReportData['presentations'] {
  const items = rows.presentations.map((r) => ({
    id: String(r.id),
    title: String(r.title),
    session: String(r.session_title),
    day: String(r.day),
    theme: r.theme_id ? (themes.get(String(r.theme_id)) ?? null) : null,
    presenters: ((r.presenters as SnapshotPresenter[]) ?? []).map((p) => ({
      name: p.name,
      organisation: p.organisation ?? null,
      region: p.region ?? null,
      countryCode: p.countryCode ?? null,
      role: p.role,
    })),
    materials: r.materials as 'on_time' | 'late' | 'missing',
    published: r.published === true,
    versions: num(r.versions),
    firstSubmittedAt: at(r.first_at as Date | null),
  }));
  const presenting = rows.presenting.map((r) => ({
    countryCode: str(r.country_code),
    regionKey: str(r.region_key),
    people: num(r.people),
  }));
  const counted = regionCounts(presenting);
  const perCountry = new Map<string | null, number>();
  for (const row of presenting) perCountry.set(row.countryCode, (perCountry.get(row.countryCode) ?? 0) + row.people);
  return {
    total: items.length,
    unpublished: items.filter((i) => !i.published).length,
    unscheduled: num(rows.programme[0]?.unscheduled),
    presenters: presenting.reduce((n, r) => n + r.people, 0),
    regions: counted.regions,
    countries: counted.countries,
    byArea: areaCounts(
      [...perCountry].map(([countryCode, people]) => ({ countryCode, people })),
      counted.areas,
    ),
    materialsDueAt: at(dueAt),
    materials: {
      onTime: items.filter((i) => i.materials === 'on_time').length,
      late: items.filter((i) => i.materials === 'late').length,
      missing: items.filter((i) => i.materials === 'missing').length,
    },
    items,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
