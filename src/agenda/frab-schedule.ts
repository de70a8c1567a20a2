import { createHash } from 'node:crypto';
import { formatInZone, localDate, localDatesBetween, startOfLocalDay } from '../platform/time/zoned-time';
import { AgendaExportSource, SnapshotIndex, effectiveStatus, orderedPresentations, presentationsText } from './agenda-export-source';
import type { SnapshotSession } from './agenda-snapshot';
import { slugify } from '../platform/text/slugify';

export const NO_ROOM = '(no room)';

/**
 * A person in pretalx's form: c3voc's schema takes a person as either frab's
 * (`id` + `public_name`) or pretalx's (`name`), exactly one of them, so there
 * is no numeric `id`; `public_name` stays for older apps that read only it.
 */
export interface FrabPerson {
  guid: string;
  code: string;
  name: string;
  public_name: string;
  biography: string | null;
  avatar: null;
  url: string;
}

export interface FrabEvent {
  guid: string;
  id: number;
  code: string;
  logo: null;
  /** Where an app sends people to give feedback on the session (see feedbackUrl). */
  feedback_url: string;
  date: string;
  end: string;
  start: string;
  duration: string;
  room: string;
  slug: string;
  url: string;
  title: string;
  subtitle: string;
  track: string | null;
  type: string;
  language: string;
  abstract: string;
  description: string;
  recording_license: string;
  do_not_record: boolean;
  persons: FrabPerson[];
  links: unknown[];
  attachments: unknown[];
}

export interface FrabSchedule {
  $schema: string;
  generator: { name: string; version: string };
  schedule: {
    url: string;
    version: string;
    base_url: string;
    conference: {
      acronym: string;
      url: string;
      title: string;
      start: string;
      end: string;
      daysCount: number;
      timeslot_duration: string;
      time_zone_name: string;
      rooms: Array<{ name: string; guid: string; description: string | null; capacity: number | null }>;
      tracks: Array<{ name: string; color?: string }>;
      days: Array<{ index: number; date: string; day_start: string; day_end: string; rooms: Record<string, FrabEvent[]> }>;
    };
  };
}

/**
 * frab's numeric ids are integers; ours are UUIDs. A stable positive 31-bit
 * integer from the UUID's first 32 bits keeps them the same across versions.
 * `guid` (the UUID itself) stays the real identity.
 */
export function frabId(uuid: string): number {
  return (Number.parseInt(uuid.replace(/-/g, '').slice(0, 8), 16) % 0x7fffffff) + 1;
}

/**
 * pretalx-style short code (six of 0-9A-Z, as c3voc's XML schema wants) from
 * a UUID's first 30 bits: stable across versions like frabId.
 */
export function frabCode(uuid: string): string {
  const bits = Number.parseInt(uuid.replace(/-/g, '').slice(0, 8), 16) >>> 2;
  return bits.toString(36).toUpperCase().padStart(6, '0').slice(-6);
}

/**
 * c3voc's schema wants an acronym of at least four of a-z, 0-9 and `_` (a
 * hyphen only before a year suffix), so the event's slug has its hyphens
 * turned into underscores, and a short one gets the event's year.
 */
export function frabAcronym(slug: string, year: string): string {
  const base = slug
    .toLowerCase()
    .replace(/-/g, '_')
    .replace(/[^a-z0-9_]/g, '');
  return base.length >= 4 ? base : `${base}_${year}`.replace(/^_/, '');
}

/** A name-based (version 5 style) UUID, for the "(no room)" room that has no id of its own. */
function derivedUuid(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function nextDate(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** What every session's and day's entry is built from. */
interface FrabContext {
  source: AgendaExportSource;
  index: SnapshotIndex;
  tz: string;
  pageUrl: string;
  acronym: string;
}

type FrabRoom = FrabSchedule['schedule']['conference']['rooms'][number];

/** The session's chairs and presenters, each once, chairs first. */
function frabPersons(session: SnapshotSession, { source, index, pageUrl }: FrabContext): FrabPerson[] {
  const persons = new Map<string, FrabPerson>();
  for (const p of [...session.chairs, ...orderedPresentations(session).flatMap((pr) => pr.presenters)]) {
    if (persons.has(p.id)) continue;
    const about = [p.title, p.organisation, p.region, index.country(p.countryCode)].filter(Boolean).join(', ');
    persons.set(p.id, {
      guid: p.id,
      code: frabCode(p.id),
      name: p.name,
      public_name: p.name,
      // Their own words when they wrote some; else who they are, as the speaker page heads them.
      biography: source.biographies?.get(p.id) ?? (about || null),
      avatar: null,
      url: `${pageUrl}/speakers/${p.id}`,
    });
  }
  return [...persons.values()];
}

function frabEvent(session: SnapshotSession, context: FrabContext): FrabEvent {
  const { index, tz, pageUrl, acronym } = context;
  const start = formatInZone(new Date(session.startsAt), tz);
  const minutes = Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000);
  const id = frabId(session.id);
  return {
    guid: session.id,
    id,
    code: frabCode(session.id),
    logo: null,
    date: start,
    end: formatInZone(new Date(session.endsAt), tz),
    start: start.slice(11, 16),
    duration: hhmm(minutes),
    room: index.room(session.roomId)?.name ?? NO_ROOM,
    slug: `${acronym}-${id}-${slugify(session.title, 'session')}`,
    url: `${pageUrl}#session-${session.id}`,
    feedback_url: `${pageUrl}/sessions/${session.id}/feedback`,
    title: session.title,
    subtitle: session.hostOrganisation ? `Hosted by ${session.hostOrganisation}` : '',
    track: index.theme(session.themeId)?.name ?? null,
    type: session.kind,
    language: 'en',
    abstract: session.description,
    description: presentationsText(session),
    recording_license: '',
    do_not_record: false,
    persons: frabPersons(session, context),
    links: [],
    attachments: [],
  };
}

/** The version's rooms, and "(no room)" when a session has none. */
function frabRooms(sessions: SnapshotSession[], { source, index }: FrabContext): FrabRoom[] {
  const rooms: FrabRoom[] = source.version.snapshot.rooms.map((r) => ({
    name: r.name,
    guid: r.id,
    description: null,
    capacity: r.capacity,
  }));
  if (sessions.some((s) => !index.room(s.roomId))) {
    rooms.push({ name: NO_ROOM, guid: derivedUuid(`plenary:${source.event.id}:no-room`), description: null, capacity: null });
  }
  return rooms;
}

/** Every local date of the event (and any a session falls on outside it), with its sessions. */
function sessionsByDay(sessions: SnapshotSession[], { source, tz }: FrabContext): Map<string, SnapshotSession[]> {
  const { event } = source;
  const byDay = new Map<string, SnapshotSession[]>(localDatesBetween(event.startsAt, event.endsAt, tz).map((d) => [d, []]));
  for (const session of sessions) {
    const day = localDate(new Date(session.startsAt), tz);
    const list = byDay.get(day) ?? [];
    list.push(session);
    byDay.set(day, list);
  }
  return byDay;
}

/** One day: its sessions by room, from the first start to the last end (the whole day when it has none). */
function frabDay(date: string, i: number, daySessions: SnapshotSession[], rooms: FrabRoom[], context: FrabContext) {
  const { index, tz } = context;
  // No prototype: a room may be called anything, "__proto__" included.
  const dayRooms: Record<string, FrabEvent[]> = Object.create(null);
  for (const room of rooms) dayRooms[room.name] = [];
  for (const session of daySessions) dayRooms[index.room(session.roomId)?.name ?? NO_ROOM].push(frabEvent(session, context));
  const first = daySessions.length > 0 ? new Date(Math.min(...daySessions.map((s) => Date.parse(s.startsAt)))) : startOfLocalDay(date, tz);
  const last =
    daySessions.length > 0
      ? new Date(Math.max(...daySessions.map((s) => Date.parse(s.endsAt))))
      : new Date(startOfLocalDay(nextDate(date), tz).getTime() - 60_000);
  return { index: i + 1, date, day_start: formatInZone(first, tz), day_end: formatInZone(last, tz), rooms: dayRooms };
}

/**
 * `GET /events/:eventId/schedule.json` in the frab/pretalx schedule JSON
 * shape that conference apps (Giggity, EventFahrplan, info-beamer…) read.
 * Cancelled sessions are left out, as frab has no way to say so; sessions
 * without a room go under "(no room)".
 */
export function buildFrabSchedule(source: AgendaExportSource, index = new SnapshotIndex(source.version.snapshot)): FrabSchedule {
  const { event, version, publicUrl } = source;
  const tz = event.timezone;
  const pageUrl = `${publicUrl}/e/${encodeURIComponent(event.slug)}`;
  const acronym = frabAcronym(event.slug, localDate(event.startsAt, tz).slice(0, 4));
  const context: FrabContext = { source, index, tz, pageUrl, acronym };
  const sessions = index.sessions.filter((s) => effectiveStatus(s, source) === 'scheduled');
  const rooms = frabRooms(sessions, context);
  const byDay = sessionsByDay(sessions, context);
  const dates = [...byDay.keys()].sort();
  const days = dates.map((date, i) => frabDay(date, i, byDay.get(date) ?? [], rooms, context));

  return {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'plenary', version: '0.1.0' },
    schedule: {
      url: pageUrl,
      version: String(version.number),
      base_url: `${publicUrl}/events/${event.id}/`,
      conference: {
        acronym,
        url: pageUrl,
        title: event.title,
        start: dates[0] ?? localDate(event.startsAt, tz),
        end: dates[dates.length - 1] ?? localDate(event.endsAt, tz),
        daysCount: days.length,
        timeslot_duration: '00:15',
        time_zone_name: tz,
        rooms,
        tracks: source.version.snapshot.themes.map((t) => (t.colour ? { name: t.name, color: t.colour } : { name: t.name })),
        days,
      },
    },
  };
}
