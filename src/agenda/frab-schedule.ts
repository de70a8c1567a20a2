import { createHash } from 'node:crypto';
import { formatInZone, localDate, localDatesBetween, startOfLocalDay } from '../platform/time/zoned-time';
import { AgendaExportSource, SnapshotIndex, effectiveStatus, orderedPresentations, presentationsText } from './agenda-export-source';
import type { SnapshotSession } from './agenda-snapshot';
import { slugify } from '../platform/text/slugify';

export const NO_ROOM = '(no room)';

export interface FrabPerson {
  guid: string;
  id: number;
  public_name: string;
}

export interface FrabEvent {
  guid: string;
  id: number;
  date: string;
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
  generator: { name: string; version: string };
  schedule: {
    version: string;
    base_url: string;
    conference: {
      acronym: string;
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

/**
 * `GET /events/:eventId/schedule.json` in the frab/pretalx schedule JSON
 * shape that conference apps (Giggity, EventFahrplan, info-beamer…) read.
 * Cancelled sessions are left out, as frab has no way to say so; sessions
 * without a room go under "(no room)".
 */
export function buildFrabSchedule(source: AgendaExportSource, index = new SnapshotIndex(source.version.snapshot)): FrabSchedule {
  const { event, version, publicUrl } = source;
  const tz = event.timezone;
  const baseUrl = `${publicUrl}/events/${event.id}/`;
  const sessions = index.sessions.filter((s) => effectiveStatus(s, source) === 'scheduled');

  const rooms = source.version.snapshot.rooms.map((r) => ({ name: r.name, guid: r.id, description: null, capacity: r.capacity }));
  if (sessions.some((s) => !index.room(s.roomId))) {
    rooms.push({ name: NO_ROOM, guid: derivedUuid(`plenary:${event.id}:no-room`), description: null, capacity: null });
  }

  const toEvent = (session: SnapshotSession): FrabEvent => {
    const start = formatInZone(new Date(session.startsAt), tz);
    const minutes = Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000);
    const id = frabId(session.id);
    const persons = new Map<string, FrabPerson>();
    for (const p of [...session.chairs, ...orderedPresentations(session).flatMap((pr) => pr.presenters)]) {
      if (!persons.has(p.id)) persons.set(p.id, { guid: p.id, id: frabId(p.id), public_name: p.name });
    }
    return {
      guid: session.id,
      id,
      date: start,
      start: start.slice(11, 16),
      duration: hhmm(minutes),
      room: index.room(session.roomId)?.name ?? NO_ROOM,
      slug: `${slugify(event.slug, 'session')}-${id}-${slugify(session.title, 'session')}`,
      url: `${baseUrl}agenda#${session.id}`,
      title: session.title,
      subtitle: session.hostOrganisation ? `Hosted by ${session.hostOrganisation}` : '',
      track: index.theme(session.themeId)?.name ?? null,
      type: session.kind,
      language: 'en',
      abstract: session.description,
      description: presentationsText(session),
      recording_license: '',
      do_not_record: false,
      persons: [...persons.values()],
      links: [],
      attachments: [],
    };
  };

  const byDay = new Map<string, SnapshotSession[]>(localDatesBetween(event.startsAt, event.endsAt, tz).map((d) => [d, []]));
  for (const session of sessions) {
    const day = localDate(new Date(session.startsAt), tz);
    const list = byDay.get(day) ?? [];
    list.push(session);
    byDay.set(day, list);
  }
  const dates = [...byDay.keys()].sort();
  const days = dates.map((date, i) => {
    const daySessions = byDay.get(date) ?? [];
    // No prototype: a room may be called anything, "__proto__" included.
    const dayRooms: Record<string, FrabEvent[]> = Object.create(null);
    for (const room of rooms) dayRooms[room.name] = [];
    for (const session of daySessions) dayRooms[index.room(session.roomId)?.name ?? NO_ROOM].push(toEvent(session));
    const first =
      daySessions.length > 0 ? new Date(Math.min(...daySessions.map((s) => Date.parse(s.startsAt)))) : startOfLocalDay(date, tz);
    const last =
      daySessions.length > 0
        ? new Date(Math.max(...daySessions.map((s) => Date.parse(s.endsAt))))
        : new Date(startOfLocalDay(nextDate(date), tz).getTime() - 60_000);
    return { index: i + 1, date, day_start: formatInZone(first, tz), day_end: formatInZone(last, tz), rooms: dayRooms };
  });

  return {
    generator: { name: 'plenary', version: '0.1.0' },
    schedule: {
      version: String(version.number),
      base_url: baseUrl,
      conference: {
        acronym: event.slug,
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
