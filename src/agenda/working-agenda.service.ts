import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgendaSnapshot, ConflictWarning, SnapshotPerson, SnapshotPresentation, SnapshotSession } from './agenda-snapshot';
import { sessionRef } from './agenda-diff';
import { PersonRow, WorkingAgendaRepository } from './working-agenda.repository';
import { PRESENTATION_SECTIONS, PresentationSection } from './presentation.entity';

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
  constructor(private readonly repository: WorkingAgendaRepository) {}

  /** The working agenda as last committed, for readers outside a transaction (the organisers' pages). */
  current(eventId: string): Promise<AgendaSnapshot> {
    return this.load(this.repository.manager, eventId);
  }

  async load(manager: EntityManager, eventId: string): Promise<AgendaSnapshot> {
    const { rooms, themes, sessions, chairs, presentations, presenters } = await this.repository.rows(manager, eventId);
    const presentersOf = groupBy(presenters, (r) => r.presentation_id);
    const presentationsOf = new Map<string, SnapshotPresentation[]>();
    for (const row of presentations) {
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
    const chairsOf = groupBy(chairs, (r) => r.session_id);
    return {
      rooms,
      themes,
      sessions: sessions.map((s): SnapshotSession => ({
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
  presenterRecipients(
    manager: EntityManager,
    eventId: string,
    afterPersonId: string | null,
    limit: number,
    sessionId?: string | null,
    presentationIds?: string[],
  ): Promise<Array<{ personId: string; name: string; email: string; language: string | null }>> {
    return this.repository.presenterRecipients(manager, eventId, afterPersonId, limit, sessionId, presentationIds);
  }

  /** Whether the person chairs a session or presents in the agenda. */
  takesPart(manager: EntityManager, personId: string): Promise<boolean> {
    return this.repository.takesPart(manager, personId);
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
