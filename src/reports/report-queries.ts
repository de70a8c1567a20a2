/**
 * The report's aggregate statements, over the reporting views of the modules
 * upstream (registrations, check-ins, people, agenda versions, materials, the
 * outbox, members), each named by the module that owns it. They are plain SQL
 * with positional parameters so that the compile job and `bench:report`
 * (which runs the very same statements through `pg`) measure the same work.
 * Every one aggregates in Postgres: no statement returns a row per
 * registration, check-in or email.
 *
 * Run the event statement first; the others need what it returns.
 */
import { AGENDA_REPORTING as AGENDA } from '../agenda/agenda-reporting';
import { AUTH_REPORTING as AUTH } from '../auth/auth-reporting';
import { EVENTS_REPORTING as EVENTS } from '../events/events-reporting';
import { PEOPLE_REPORTING as PEOPLE } from '../people/people-reporting';
import { MAIL_REPORTING as MAIL } from '../platform/mail/mail-reporting';
import { PRESENTERS_REPORTING as PRESENTERS_VIEWS } from '../presenters/presenters-reporting';
import { REGISTRATION_REPORTING as REGISTRATION } from '../registration/registration-reporting';
import { SURVEY_RESULTS_QUERY } from '../surveys/surveys-reporting';

export interface ReportQuery {
  /** Names the step in progress reports and in the bench's output. */
  name: ReportStep;
  text: string;
  params: unknown[];
}

export const REPORT_STEPS = [
  'people',
  'registrations',
  'attendance',
  'participation',
  'programme',
  'sessions',
  'changes',
  'presentations',
  'presenting',
  'emails',
  'outcomes',
  'highlights',
  'surveys',
] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

/** The event row as the statements need it. */
export interface ReportEventRow {
  id: string;
  slug: string;
  title: string;
  timezone: string;
  venue: string | null;
  starts_at: Date;
  ends_at: Date;
  status: string;
  capacity: number | null;
  co_organisers: Array<{ name: string; url: string | null }>;
  materials_due_at: Date | null;
}

export const EVENT_QUERY = `SELECT id, slug, title, timezone, venue, starts_at, ends_at, status, capacity, co_organisers, materials_due_at
  FROM ${EVENTS.events} WHERE id = $1`;

/** The latest published version: what attendees were shown. */
const LATEST = `latest AS (
  SELECT number, note, published_at, snapshot FROM ${AGENDA.versions} WHERE event_id = $1 ORDER BY number DESC LIMIT 1)`;
/**
 * The programme as held: the working agenda as the organisers hold it when the report is
 * compiled (it may be ahead of the latest published version), without cancelled sessions or
 * withdrawn presentations. Read from the agenda's tables, not the snapshot's JSON.
 */
const HELD_SESSIONS = `SELECT * FROM ${AGENDA.sessions} WHERE event_id = $1 AND status <> 'cancelled'`;
const HELD_PRESENTATIONS = `SELECT pr.*, hs.title AS session_title, hs.theme_id AS session_theme_id, hs.starts_at AS session_starts_at
  FROM ${AGENDA.presentations} pr JOIN (${HELD_SESSIONS}) hs ON hs.id = pr.session_id
  WHERE pr.event_id = $1 AND pr.status <> 'withdrawn'`;
/** What the latest published version shows, to tell what was never published. */
const PUBLISHED = `published_sessions AS MATERIALIZED (
    SELECT DISTINCT (s->>'id')::uuid AS id, s AS session
      FROM latest CROSS JOIN LATERAL jsonb_array_elements(latest.snapshot->'sessions') s WHERE s->>'status' <> 'cancelled'),
  published_presentations AS MATERIALIZED (
    SELECT DISTINCT ON ((pr->>'id')::uuid) (pr->>'id')::uuid AS id, pr->'presenters' AS presenters
      FROM published_sessions CROSS JOIN LATERAL jsonb_array_elements(session->'presentations') pr)`;
const PRESENTERS = `SELECT pp.person_id FROM ${AGENDA.presenters} pp JOIN (${HELD_PRESENTATIONS}) hp ON hp.id = pp.presentation_id`;
const CHAIRS = `SELECT c.person_id FROM ${AGENDA.chairs} c JOIN (${HELD_SESSIONS}) hs ON hs.id = c.session_id`;
/** Attendees: a confirmed registration, or one that checked in (and was cancelled later). */
const ATTENDEES = `SELECT person_id FROM ${REGISTRATION.registrations} WHERE event_id = $1 AND status = 'confirmed'
  UNION SELECT r.person_id FROM ${REGISTRATION.checkIns} c JOIN ${REGISTRATION.registrations} r ON r.id = c.registration_id WHERE c.event_id = $1`;

function peopleQuery(event: ReportEventRow): ReportQuery {
  return {
    name: 'people',
    text: `WITH roles AS (
        SELECT person_id, 'attendee' AS role FROM (${ATTENDEES}) a
        UNION ALL SELECT person_id, 'presenter' FROM (${PRESENTERS}) p
        UNION ALL SELECT person_id, 'chair' FROM (${CHAIRS}) c),
      persons AS (SELECT DISTINCT person_id FROM roles),
      members AS (SELECT o.email FROM ${EVENTS.members} m JOIN ${AUTH.organisers} o ON o.id = m.organiser_id WHERE m.event_id = $1)
      SELECT (SELECT count(*) FROM persons)::int AS persons,
             (SELECT count(DISTINCT person_id) FROM roles WHERE role = 'attendee')::int AS attendees,
             (SELECT count(DISTINCT person_id) FROM roles WHERE role = 'presenter')::int AS presenters,
             (SELECT count(DISTINCT person_id) FROM roles WHERE role = 'chair')::int AS chairs,
             (SELECT count(*) FROM members)::int AS organisers,
             (SELECT count(*) FROM members WHERE EXISTS (
                SELECT 1 FROM persons x JOIN ${PEOPLE.people} p ON p.id = x.person_id WHERE p.email_key = lower(members.email)))::int AS organisers_among_people`,
    params: [event.id],
  };
}

function registrationsQuery(event: ReportEventRow, days: number): ReportQuery {
  return {
    name: 'registrations',
    text: `SELECT r.status, r.source, count(*)::int AS n,
             count(*) FILTER (WHERE r.promoted_at IS NOT NULL)::int AS promoted,
             count(*) FILTER (WHERE r.status = 'confirmed' AND c.days IS NULL)::int AS no_shows,
             count(*) FILTER (WHERE c.days IS NOT NULL)::int AS attended,
             count(*) FILTER (WHERE c.days >= $2)::int AS every_day
        FROM ${REGISTRATION.registrations} r
        LEFT JOIN (SELECT registration_id, count(*) AS days FROM ${REGISTRATION.checkIns} WHERE event_id = $1 GROUP BY registration_id) c
          ON c.registration_id = r.id
       WHERE r.event_id = $1
       GROUP BY r.status, r.source`,
    params: [event.id, days],
  };
}

function attendanceQuery(event: ReportEventRow): ReportQuery {
  return {
    name: 'attendance',
    text: `SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM ${REGISTRATION.checkIns} WHERE event_id = $1 GROUP BY day ORDER BY day`,
    params: [event.id],
  };
}

/**
 * Regions compare case-insensitively within their country (design.md "Region"). The
 * spelling shown is the most used one, written in mixed case if anyone did.
 */
function participationQuery(event: ReportEventRow): ReportQuery {
  return {
    name: 'participation',
    text: `WITH involved AS (${ATTENDEES} UNION ${PRESENTERS} UNION ${CHAIRS}),
      spelled AS (
        SELECT p.country_code, p.region, p.organisation_type, count(*)::int AS n
          FROM involved i JOIN ${PEOPLE.people} p ON p.id = i.person_id
         GROUP BY p.country_code, p.region, p.organisation_type),
      ranked AS (
        SELECT *, sum(n) OVER (PARTITION BY country_code, region) AS spelling_n,
               (region <> lower(region) AND region <> upper(region)) AS mixed_case
          FROM spelled)
      SELECT GROUPING(country_code)::int AS g_country, GROUPING(lower(region))::int AS g_region, GROUPING(organisation_type)::int AS g_type,
             country_code, lower(region) AS region_key, organisation_type, sum(n)::int AS people,
             (array_agg(region ORDER BY mixed_case DESC NULLS LAST, spelling_n DESC, region))[1] AS region
        FROM ranked
       GROUP BY GROUPING SETS ((country_code), (country_code, lower(region)), (organisation_type))`,
    params: [event.id],
  };
}

/**
 * One row whether or not a version was published. Theme names come from the working
 * agenda, like the sessions counted.
 */
function programmeQuery(event: ReportEventRow): ReportQuery {
  return {
    name: 'programme',
    text: `WITH ${LATEST}
      SELECT latest.number, latest.note, latest.published_at,
             (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'name', name)), '[]'::jsonb) FROM ${AGENDA.themes} WHERE event_id = $1) AS themes,
             (SELECT count(*) FROM ${AGENDA.versions} WHERE event_id = $1)::int AS versions,
             (SELECT count(*) FROM ${AGENDA.presentations} WHERE event_id = $1 AND session_id IS NULL AND status <> 'withdrawn')::int AS unscheduled
        FROM (SELECT 1) one LEFT JOIN latest ON true`,
    params: [event.id],
  };
}

/**
 * Held sessions (not cancelled; breaks are not counted) per theme, local day, host and kind,
 * and those the latest published version does not show.
 */
function sessionsQuery(event: ReportEventRow): ReportQuery {
  return {
    name: 'sessions',
    text: `WITH ${LATEST}, ${PUBLISHED},
      s AS (
        SELECT hs.id, hs.theme_id, hs.kind, hs.title, hs.starts_at,
               to_char(hs.starts_at AT TIME ZONE $2::text, 'YYYY-MM-DD') AS day,
               nullif(btrim(hs.host_organisation), '') AS host, pub.id IS NOT NULL AS published
          FROM (${HELD_SESSIONS}) hs LEFT JOIN published_sessions pub ON pub.id = hs.id WHERE hs.kind <> 'break')
      SELECT GROUPING(theme_id)::int AS g_theme, GROUPING(day)::int AS g_day, GROUPING(host)::int AS g_host, GROUPING(kind)::int AS g_kind,
             theme_id, day, host, kind, count(*)::int AS n,
             CASE WHEN GROUPING(host) = 0 AND host IS NOT NULL THEN json_agg(title ORDER BY starts_at, title) END AS titles,
             CASE WHEN GROUPING(theme_id) + GROUPING(day) + GROUPING(host) + GROUPING(kind) = 4
                  THEN coalesce(json_agg(json_build_object('sessionId', id, 'title', title, 'startsAt', starts_at) ORDER BY starts_at, title)
                                FILTER (WHERE NOT published), '[]') END AS unpublished
        FROM s
       GROUP BY GROUPING SETS ((theme_id), (day), (host), (kind), ())`,
    params: [event.id, event.timezone],
  };
}

/**
 * Sessions moved in any published version, and those cancelled (a session never published is
 * removed, not cancelled).
 */
function changesQuery(event: ReportEventRow): ReportQuery {
  return {
    name: 'changes',
    text: `SELECT 'moved' AS change, v.number, m->>'sessionId' AS session_id, m->>'title' AS title,
             m->'from'->>'startsAt' AS from_starts_at, m->'to'->>'startsAt' AS to_starts_at
        FROM ${AGENDA.versions} v CROSS JOIN LATERAL jsonb_array_elements(v.changes->'moved') m
       WHERE v.event_id = $1
      UNION ALL
      SELECT 'cancelled', NULL, id::text, title, to_json(starts_at)#>>'{}', NULL
        FROM ${AGENDA.sessions} WHERE event_id = $1 AND status = 'cancelled'
       ORDER BY 2, 3`,
    params: [event.id],
  };
}

/**
 * Presentations of held sessions with their presenters, and whether their materials came
 * on time (first version by the deadline), late, or not at all. A presenter of a published
 * presentation is shown as published (a later registration may have retyped their region
 * in lower case); the others as their person row holds them.
 */
function presentationsQuery(event: ReportEventRow): ReportQuery {
  return {
    name: 'presentations',
    text: `WITH ${LATEST}, ${PUBLISHED},
      pres AS (${HELD_PRESENTATIONS}),
      presenters AS (
        SELECT pp.presentation_id,
               jsonb_agg(coalesce(shown.person, jsonb_build_object('id', p.id, 'name', p.name, 'organisation', p.organisation,
                                                                   'region', p.region, 'countryCode', p.country_code))
                         || jsonb_build_object('role', pp.role) ORDER BY pp.position, p.name) AS presenters
          FROM ${AGENDA.presenters} pp JOIN pres ON pres.id = pp.presentation_id JOIN ${PEOPLE.people} p ON p.id = pp.person_id
          LEFT JOIN published_presentations pub ON pub.id = pp.presentation_id
          LEFT JOIN LATERAL (SELECT x AS person FROM jsonb_array_elements(pub.presenters) x WHERE x->>'id' = pp.person_id::text LIMIT 1) shown ON true
         GROUP BY pp.presentation_id),
      m AS (SELECT presentation_id, min(uploaded_at) AS first_at, count(*)::int AS versions
              FROM ${PRESENTERS_VIEWS.materials} WHERE event_id = $1 GROUP BY presentation_id)
      SELECT pres.id, pres.title, pres.session_title, coalesce(pres.theme_id, pres.session_theme_id) AS theme_id,
             to_char(pres.session_starts_at AT TIME ZONE $2::text, 'YYYY-MM-DD') AS day,
             coalesce(presenters.presenters, '[]'::jsonb) AS presenters, pub.id IS NOT NULL AS published,
             coalesce(m.versions, 0) AS versions, m.first_at,
             CASE WHEN m.first_at IS NULL THEN 'missing'
                  WHEN $3::timestamptz IS NOT NULL AND m.first_at > $3::timestamptz THEN 'late'
                  ELSE 'on_time' END AS materials
        FROM pres
        LEFT JOIN presenters ON presenters.presentation_id = pres.id
        LEFT JOIN published_presentations pub ON pub.id = pres.id
        LEFT JOIN m ON m.presentation_id = pres.id
       ORDER BY pres.session_starts_at, pres.session_title, pres.position NULLS LAST, pres.title`,
    params: [event.id, event.timezone, event.materials_due_at],
  };
}

/**
 * Presenting regions: distinct (country, region) among the presenters of held presentations.
 */
function presentingQuery(event: ReportEventRow): ReportQuery {
  return {
    name: 'presenting',
    text: `WITH pp AS (
        SELECT DISTINCT p.id, p.country_code, p.region FROM (${PRESENTERS}) x JOIN ${PEOPLE.people} p ON p.id = x.person_id)
      SELECT country_code, lower(region) AS region_key, mode() WITHIN GROUP (ORDER BY region) AS region, count(DISTINCT id)::int AS people
        FROM pp GROUP BY country_code, lower(region)`,
    params: [event.id],
  };
}

function emailsQuery(event: ReportEventRow): ReportQuery {
  return {
    name: 'emails',
    text: `SELECT kind, status, count(*)::int AS n FROM ${MAIL.emails} WHERE event_id = $1 GROUP BY kind, status`,
    params: [event.id],
  };
}

function outcomesQuery(event: ReportEventRow): ReportQuery {
  return {
    name: 'outcomes',
    text: `SELECT label, value, note FROM event_outcomes WHERE event_id = $1 ORDER BY position, created_at, id`,
    params: [event.id],
  };
}

function highlightsQuery(event: ReportEventRow): ReportQuery {
  return {
    name: 'highlights',
    text: `SELECT quote, attribution FROM event_highlights WHERE event_id = $1 ORDER BY position, created_at, id`,
    params: [event.id],
  };
}

/** The surveys past their draft, as the surveys module's results read model counts them. */
function surveysQuery(event: ReportEventRow): ReportQuery {
  return { name: 'surveys', text: SURVEY_RESULTS_QUERY, params: [event.id, null] };
}

/** The statements in the order the report's progress shows them. */
const STEPS: Array<(event: ReportEventRow, days: number) => ReportQuery> = [
  peopleQuery,
  registrationsQuery,
  attendanceQuery,
  participationQuery,
  programmeQuery,
  sessionsQuery,
  changesQuery,
  presentationsQuery,
  presentingQuery,
  emailsQuery,
  outcomesQuery,
  highlightsQuery,
  surveysQuery,
];

export function reportQueries(event: ReportEventRow, days: number): ReportQuery[] {
  return STEPS.map((step) => step(event, days));
}

/** Who gets the "report ready" email: the event's members. */
export const MEMBERS_QUERY = `SELECT o.id, o.email, o.name FROM ${EVENTS.members} m JOIN ${AUTH.organisers} o ON o.id = m.organiser_id
  WHERE m.event_id = $1 ORDER BY m.created_at, o.id`;
