import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';

export interface PersonRow {
  person_id: string;
  name: string;
  organisation: string | null;
  region: string | null;
  country_code: string | null;
  title: string | null;
  role: string;
}

/**
 * The working agenda's statements. They take the caller's manager because a
 * publish reads the agenda inside the transaction that freezes it.
 */
@Injectable()
export class WorkingAgendaRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** For reads outside a transaction. */
  get manager(): EntityManager {
    return this.db.manager;
  }

  /** Rooms, themes, sessions, chairs, presentations and presenters of an event, in display order. */
  async rows(manager: EntityManager, eventId: string) {
    // One after the other: inside a transaction they share a single connection.
    const { rows: rooms } = await sql<{ id: string; name: string; capacity: number | null }>(
      manager,
      `SELECT id, name, capacity FROM rooms WHERE event_id = $1 ORDER BY created_at, id`,
      [eventId],
    );
    const { rows: themes } = await sql<{ id: string; name: string; colour: string | null }>(
      manager,
      `SELECT id, name, colour FROM themes WHERE event_id = $1 ORDER BY created_at, id`,
      [eventId],
    );
    const { rows: sessions } = await sql<Record<string, unknown>>(
      manager,
      `SELECT id, kind, title, description, theme_id, room_id, starts_at, ends_at, host_organisation, capacity, status
           FROM sessions WHERE event_id = $1 ORDER BY starts_at, ends_at, title, id`,
      [eventId],
    );
    const { rows: chairs } = await sql<PersonRow & { session_id: string }>(
      manager,
      `SELECT c.session_id, c.role, p.id AS person_id, p.name, p.organisation, p.region, p.country_code, p.title
           FROM session_chairs c JOIN sessions s ON s.id = c.session_id JOIN people p ON p.id = c.person_id
          WHERE s.event_id = $1 ORDER BY c.position, p.name`,
      [eventId],
    );
    const { rows: presentations } = await sql<Record<string, unknown>>(
      manager,
      `SELECT * FROM presentations WHERE event_id = $1 AND status <> 'withdrawn' ORDER BY position NULLS LAST, created_at, id`,
      [eventId],
    );
    const { rows: presenters } = await sql<PersonRow & { presentation_id: string }>(
      manager,
      `SELECT pp.presentation_id, pp.role, p.id AS person_id, p.name, p.organisation, p.region, p.country_code, p.title
           FROM presentation_presenters pp JOIN presentations pr ON pr.id = pp.presentation_id JOIN people p ON p.id = pp.person_id
          WHERE pr.event_id = $1 ORDER BY pp.position, p.name`,
      [eventId],
    );
    return { rooms, themes, sessions, chairs, presentations, presenters };
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
}
