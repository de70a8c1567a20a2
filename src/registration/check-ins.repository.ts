import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { CheckIn } from './check-in.entity';

/** One check-in as the desk lists it, with the person's name. */
export interface CheckInRow {
  id: string;
  registration_id: string;
  name: string;
  organisation: string | null;
  day: string;
  checked_in_at: Date;
}

/** A confirmed registration that checked in, with the local days it did. */
export interface AttendanceRow {
  registrationId: string;
  personId: string;
  days: string[];
}

/** The `check_ins` table's SQL: only CheckInsService uses this. */
@Injectable()
export class CheckInsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  /** The new check-in's id, or null when the registration was already checked in that day. */
  async insertOnce(
    manager: EntityManager,
    eventId: string,
    check: { registrationId: string; day: string; organiserId: string | null },
  ): Promise<string | null> {
    const { rows } = await sql<{ id: string }>(
      manager,
      `INSERT INTO check_ins (event_id, registration_id, day, checked_in_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (registration_id, day) DO NOTHING RETURNING id`,
      [eventId, check.registrationId, check.day, check.organiserId],
    );
    return rows[0]?.id ?? null;
  }

  /** Deletes a check-in of this event; what it was, or null when the event has no such check-in. */
  async delete(manager: EntityManager, eventId: string, checkInId: string): Promise<{ registrationId: string; day: string } | null> {
    const { rows } = await sql<{ registrationId: string; day: string }>(
      manager,
      `DELETE FROM check_ins WHERE id = $1 AND event_id = $2 RETURNING registration_id AS "registrationId", to_char(day, 'YYYY-MM-DD') AS day`,
      [checkInId, eventId],
    );
    return rows[0] ?? null;
  }

  getForDay(registrationId: string, day: string): Promise<CheckIn> {
    return this.db.getRepository(CheckIn).findOneByOrFail({ registrationId, day });
  }

  /** The event's check-ins (of one day, if given) in the order they happened. */
  async list(eventId: string, day: string | null): Promise<CheckInRow[]> {
    const { rows } = await sql<CheckInRow>(
      this.db.manager,
      `SELECT c.id, c.registration_id, p.name, p.organisation, to_char(c.day, 'YYYY-MM-DD') AS day, c.checked_in_at
         FROM check_ins c JOIN registrations r ON r.id = c.registration_id JOIN people p ON p.id = r.person_id
        WHERE c.event_id = $1 AND ($2::date IS NULL OR c.day = $2::date)
        ORDER BY c.checked_in_at, c.id`,
      [eventId, day],
    );
    return rows;
  }

  /**
   * Confirmed registrations of the event that checked in on at least one day,
   * in id order after `afterId` (one, when `registrationId` is given).
   */
  async attendance(
    eventId: string,
    page: { afterId: string | null; limit: number } | { registrationId: string },
  ): Promise<AttendanceRow[]> {
    const one = 'registrationId' in page;
    const { rows } = await sql<AttendanceRow>(
      this.db.manager,
      `SELECT r.id AS "registrationId", r.person_id AS "personId", array_agg(to_char(c.day, 'YYYY-MM-DD') ORDER BY c.day) AS days
         FROM check_ins c JOIN registrations r ON r.id = c.registration_id
        WHERE c.event_id = $1 AND r.status = 'confirmed' AND ($2::uuid IS NULL OR r.id > $2) AND ($3::uuid IS NULL OR r.id = $3)
        GROUP BY r.id ORDER BY r.id LIMIT $4`,
      [eventId, one ? null : page.afterId, one ? page.registrationId : null, one ? 1 : page.limit],
    );
    return rows;
  }

  async countAttended(eventId: string): Promise<number> {
    const { rows } = await sql<{ n: number }>(
      this.db.manager,
      `SELECT count(DISTINCT c.registration_id)::int AS n FROM check_ins c JOIN registrations r ON r.id = c.registration_id
        WHERE c.event_id = $1 AND r.status = 'confirmed'`,
      [eventId],
    );
    return rows[0].n;
  }
}
