import { formatInZone, localDate, localDatesBetween } from '../platform/time/zoned-time';
import { AgendaExportSource, SnapshotIndex, effectiveStatus, orderedPresentations } from './agenda-export-source';
import type { SnapshotPerson } from './agenda-snapshot';

/** A person as the public agenda shows them: name, affiliation and place; never an email address. */
export interface PublicPerson {
  id: string;
  name: string;
  title: string | null;
  organisation: string | null;
  region: string | null;
  country: string | null;
  countryCode: string | null;
  /** Their own words, from the presenter portal; plain text. */
  biography: string | null;
  role: string;
}

export interface PublicSession {
  id: string;
  kind: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'cancelled';
  room: { id: string; name: string } | null;
  theme: { id: string; name: string; colour: string | null } | null;
  hostOrganisation: string | null;
  capacity: number | null;
  chairs: PublicPerson[];
  presentations: Array<{
    id: string;
    title: string;
    abstract: string;
    position: number | null;
    theme: { id: string; name: string; colour: string | null } | null;
    sections: Record<string, string>;
    presenters: PublicPerson[];
  }>;
}

export interface PublicAgenda {
  event: {
    id: string;
    title: string;
    slug: string;
    description: string;
    timezone: string;
    venue: string | null;
    startsAt: string;
    endsAt: string;
    status: string;
    coOrganisers: Array<{ name: string; url: string | null }>;
  };
  version: { number: number; publishedAt: string; note: string };
  days: Array<{ date: string; sessions: PublicSession[] }>;
}

/**
 * `GET /events/:eventId/agenda`: the latest published version by the event's
 * local days, times with the event's offset.
 */
export function buildPublicAgenda(source: AgendaExportSource, index = new SnapshotIndex(source.version.snapshot)): PublicAgenda {
  const { event, version } = source;
  const tz = event.timezone;
  const at = (iso: string) => formatInZone(new Date(iso), tz);
  const person = (p: SnapshotPerson & { role: string }): PublicPerson => ({
    id: p.id,
    name: p.name,
    title: p.title,
    organisation: p.organisation,
    region: p.region,
    country: index.country(p.countryCode),
    countryCode: p.countryCode,
    biography: source.biographies?.get(p.id) ?? null,
    role: p.role,
  });
  const theme = (id: string | null) => {
    const t = index.theme(id);
    return t ? { id: t.id, name: t.name, colour: t.colour } : null;
  };

  // Every day of the event, plus any day a session of this version falls on
  // (the event's own times apply at once; its sessions only when published).
  const byDay = new Map<string, PublicSession[]>(localDatesBetween(event.startsAt, event.endsAt, tz).map((d) => [d, []]));
  for (const session of index.sessions) {
    const room = index.room(session.roomId);
    const view: PublicSession = {
      id: session.id,
      kind: session.kind,
      title: session.title,
      description: session.description,
      startsAt: at(session.startsAt),
      endsAt: at(session.endsAt),
      status: effectiveStatus(session, source),
      room: room ? { id: room.id, name: room.name } : null,
      theme: theme(session.themeId),
      hostOrganisation: session.hostOrganisation,
      capacity: session.capacity,
      chairs: session.chairs.map(person),
      presentations: orderedPresentations(session).map((p) => ({
        id: p.id,
        title: p.title,
        abstract: p.abstract,
        position: p.position,
        theme: theme(p.themeId),
        sections: { ...p.sections },
        presenters: p.presenters.map(person),
      })),
    };
    const day = localDate(new Date(session.startsAt), tz);
    const list = byDay.get(day) ?? [];
    list.push(view);
    byDay.set(day, list);
  }

  return {
    event: {
      id: event.id,
      title: event.title,
      slug: event.slug,
      description: event.description,
      timezone: tz,
      venue: event.venue,
      startsAt: formatInZone(event.startsAt, tz),
      endsAt: formatInZone(event.endsAt, tz),
      status: event.status,
      coOrganisers: event.coOrganisers.map((c) => ({ name: c.name, url: c.url })),
    },
    version: { number: version.number, publishedAt: formatInZone(version.publishedAt, tz), note: version.note },
    days: [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, sessions]) => ({ date, sessions })),
  };
}
