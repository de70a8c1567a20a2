import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { AgendaSnapshot, ConflictWarning, SnapshotPerson, SnapshotPresentation, SnapshotSession } from './agenda-snapshot';
import { sessionRef } from './agenda-diff';
import { PRESENTATION_SECTIONS, PresentationSection } from './presentation.entity';
import { SessionsRepository } from './sessions.repository';

interface PersonRow {
  person_id: string;
  name: string;
  organisation: string | null;
  region: string | null;
  country_code: string | null;
  title: string | null;
  role: string;
}

const toPerson = (row: PersonRow): SnapshotPerson => ({
  id: row.person_id,
  name: row.name,
  organisation: row.organisation,
  region: row.region,
  countryCode: row.country_code,
  title: row.title,
});

/**
 * Reads the whole working agenda of an event in four queries, in the shape a
 * published version freezes. Withdrawn presentations are left out.
 */
@Injectable()
export class WorkingAgendaService {
  constructor(private readonly sessions: SessionsRepository) {}

  /** The working agenda as last committed, for readers outside a transaction (the organisers' pages). */
  current(eventId: string): Promise<AgendaSnapshot> {
    return this.load(this.sessions.manager, eventId);
  }

  async load(manager: EntityManager, eventId: string): Promise<AgendaSnapshot> {
    // One after the other: inside a transaction they share a single connection.
    const rooms = await sql<{ id: string; name: string; capacity: number | null }>(
      manager,
      `SELECT id, name, capacity FROM rooms WHERE event_id = $1 ORDER BY created_at, id`,
      [eventId],
    );
    const themes = await sql<{ id: string; name: string; colour: string | null }>(
      manager,
      `SELECT id, name, colour FROM themes WHERE event_id = $1 ORDER BY created_at, id`,
      [eventId],
    );
    const sessions = await sql<Record<string, unknown>>(
      manager,
      `SELECT id, kind, title, description, theme_id, room_id, starts_at, ends_at, host_organisation, capacity, status
           FROM sessions WHERE event_id = $1 ORDER BY starts_at, ends_at, title, id`,
      [eventId],
    );
    const chairs = await sql<PersonRow & { session_id: string }>(
      manager,
      `SELECT c.session_id, c.role, p.id AS person_id, p.name, p.organisation, p.region, p.country_code, p.title
           FROM session_chairs c JOIN sessions s ON s.id = c.session_id JOIN people p ON p.id = c.person_id
          WHERE s.event_id = $1 ORDER BY c.position, p.name`,
      [eventId],
    );
    const presentations = await sql<Record<string, unknown>>(
      manager,
      `SELECT * FROM presentations WHERE event_id = $1 AND status <> 'withdrawn' ORDER BY position NULLS LAST, created_at, id`,
      [eventId],
    );
    const presenters = await sql<PersonRow & { presentation_id: string }>(
      manager,
      `SELECT pp.presentation_id, pp.role, p.id AS person_id, p.name, p.organisation, p.region, p.country_code, p.title
           FROM presentation_presenters pp JOIN presentations pr ON pr.id = pp.presentation_id JOIN people p ON p.id = pp.person_id
          WHERE pr.event_id = $1 ORDER BY pp.position, p.name`,
      [eventId],
    );
    const presentersOf = groupBy(presenters.rows, (r) => r.presentation_id);
    const presentationsOf = new Map<string, SnapshotPresentation[]>();
    for (const row of presentations.rows) {
      const sessionId = row.session_id as string | null;
      if (!sessionId) continue;
      const sections: Partial<Record<PresentationSection, string>> = {};
      for (const name of PRESENTATION_SECTIONS) {
        const value = row[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] as string | null;
        if (value) sections[name] = value;
      }
      const list = presentationsOf.get(sessionId) ?? [];
      list.push({
        id: row.id as string,
        title: row.title as string,
        abstract: row.abstract as string,
        themeId: row.theme_id as string | null,
        position: row.position as number | null,
        sections,
        presenters: (presentersOf.get(row.id as string) ?? []).map((p) => ({ ...toPerson(p), role: p.role as 'lead' | 'co' })),
      });
      presentationsOf.set(sessionId, list);
    }
    const chairsOf = groupBy(chairs.rows, (r) => r.session_id);
    return {
      rooms: rooms.rows,
      themes: themes.rows,
      sessions: sessions.rows.map((s): SnapshotSession => ({
        id: s.id as string,
        kind: s.kind as SnapshotSession['kind'],
        title: s.title as string,
        description: s.description as string,
        themeId: s.theme_id as string | null,
        roomId: s.room_id as string | null,
        startsAt: (s.starts_at as Date).toISOString(),
        endsAt: (s.ends_at as Date).toISOString(),
        hostOrganisation: s.host_organisation as string | null,
        capacity: s.capacity as number | null,
        status: s.status as SnapshotSession['status'],
        chairs: (chairsOf.get(s.id as string) ?? []).map((c) => ({ ...toPerson(c), role: c.role as 'chair' | 'moderator' })),
        presentations: presentationsOf.get(s.id as string) ?? [],
        sequence: 0,
      })),
    };
  }

  /**
   * A batch of presenters to write to (of one session, of some presentations,
   * or of the whole event), in person-id order after `afterPersonId`;
   * withdrawn presentations do not count.
   */
  async presenterRecipients(
    manager: EntityManager,
    eventId: string,
    afterPersonId: string | null,
    limit: number,
    sessionId?: string | null,
    presentationIds?: string[],
  ): Promise<Array<{ personId: string; name: string; email: string; language: string | null }>> {
    const { rows } = await sql<{ person_id: string; name: string; email: string; language: string | null }>(
      manager,
      `SELECT DISTINCT p.id AS person_id, p.name, p.email, p.language
         FROM presentation_presenters pp JOIN presentations pr ON pr.id = pp.presentation_id JOIN people p ON p.id = pp.person_id
        WHERE pr.event_id = $1 AND pr.status <> 'withdrawn' AND p.email IS NOT NULL
          AND ($2::uuid IS NULL OR p.id > $2::uuid) AND ($4::uuid IS NULL OR pr.session_id = $4::uuid)
          AND ($5::uuid[] IS NULL OR pr.id = ANY($5::uuid[]))
        ORDER BY p.id LIMIT $3`,
      [eventId, afterPersonId, limit, sessionId ?? null, presentationIds ?? null],
    );
    return rows.map((r) => ({ personId: r.person_id, name: r.name, email: r.email, language: r.language }));
  }

  /** Whether the person chairs a session or presents in the agenda. */
  async takesPart(manager: EntityManager, personId: string): Promise<boolean> {
    const { rows } = await sql(
      manager,
      `SELECT 1 FROM session_chairs WHERE person_id = $1 UNION ALL SELECT 1 FROM presentation_presenters WHERE person_id = $1 LIMIT 1`,
      [personId],
    );
    return rows.length > 0;
  }

  /**
   * People who chair or present in two sessions that overlap: a warning, not
   * an error, because a chair may step out or a presenter join by video.
   */
  conflicts(agenda: AgendaSnapshot, timezone: string): ConflictWarning[] {
    const byPerson = new Map<string, { name: string; roles: Set<string>; sessions: SnapshotSession[] }>();
    for (const session of agenda.sessions) {
      if (session.status !== 'scheduled') continue;
      const people = [
        ...session.chairs.map((c) => ({ id: c.id, name: c.name, role: c.role })),
        ...session.presentations.flatMap((p) => p.presenters.map((pr) => ({ id: pr.id, name: pr.name, role: 'presenter' }))),
      ];
      for (const person of people) {
        const entry = byPerson.get(person.id) ?? { name: person.name, roles: new Set<string>(), sessions: [] };
        entry.roles.add(person.role);
        if (!entry.sessions.includes(session)) entry.sessions.push(session);
        byPerson.set(person.id, entry);
      }
    }
    const warnings: ConflictWarning[] = [];
    for (const [personId, entry] of byPerson) {
      const overlapping = entry.sessions.filter((a) =>
        entry.sessions.some((b) => a !== b && a.startsAt < b.endsAt && b.startsAt < a.endsAt),
      );
      if (overlapping.length > 0) {
        warnings.push({
          personId,
          personName: entry.name,
          roles: [...entry.roles].sort(),
          sessions: overlapping.map((s) => sessionRef(s, timezone)),
        });
      }
    }
    return warnings.sort((a, b) => a.personName.localeCompare(b.personName));
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k) ?? [];
    list.push(row);
    map.set(k, list);
  }
  return map;
}
