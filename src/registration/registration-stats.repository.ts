import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sql } from '../platform/database/sql';

/** A count by key, as the overview's aggregates return them. */
export interface CountRow {
  key: string | null;
  count: number;
}

/** A session's sign-ups held and waiting, as Postgres counts them. */
export interface SessionAttendanceRow {
  id: string;
  title: string;
  starts_at: Date;
  capacity: number | null;
  signed_up: number;
  waitlisted: number;
}

/** Those who hold or wait for a place: what "registered" means on the overview. */
const ACTIVE = `r.status IN ('pending', 'confirmed', 'waitlisted')`;

/** The overview's aggregates over registrations, check-ins and sign-ups: only RegistrationStatsService uses this. */
@Injectable()
export class RegistrationStatsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Registrations received per local day of `timezone`. */
  async perDay(eventId: string, timezone: string): Promise<CountRow[]> {
    const { rows } = await sql<{ key: string; count: number }>(
      this.db.manager,
      `SELECT to_char((created_at AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS key, count(*)::int AS count
         FROM registrations WHERE event_id = $1 GROUP BY 1 ORDER BY 1`,
      [eventId, timezone],
    );
    return rows;
  }

  /** Check-ins per day that has any. */
  async checkInsPerDay(eventId: string): Promise<CountRow[]> {
    const { rows } = await sql<{ key: string; count: number }>(
      this.db.manager,
      `SELECT to_char(day, 'YYYY-MM-DD') AS key, count(*)::int AS count FROM check_ins WHERE event_id = $1 GROUP BY 1`,
      [eventId],
    );
    return rows;
  }

  /** Every session that is not cancelled, in time order, with its sign-ups held and waiting. */
  async sessions(eventId: string): Promise<SessionAttendanceRow[]> {
    const { rows } = await sql<SessionAttendanceRow>(
      this.db.manager,
      `SELECT s.id, s.title, s.starts_at, s.capacity,
              count(*) FILTER (WHERE u.status = 'confirmed')::int AS signed_up,
              count(*) FILTER (WHERE u.status = 'waitlisted')::int AS waitlisted
         FROM sessions s LEFT JOIN session_signups u ON u.session_id = s.id
        WHERE s.event_id = $1 AND s.status <> 'cancelled'
        GROUP BY s.id ORDER BY s.starts_at, s.title`,
      [eventId],
    );
    return rows;
  }

  /** Active registrations counted by a column of their people, most first. */
  async byPersonColumn(eventId: string, column: 'country_code' | 'organisation_type'): Promise<CountRow[]> {
    const { rows } = await sql<{ key: string | null; count: number }>(
      this.db.manager,
      `SELECT p.${column} AS key, count(*)::int AS count
         FROM registrations r JOIN people p ON p.id = r.person_id
        WHERE r.event_id = $1 AND ${ACTIVE}
        GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST`,
      [eventId],
    );
    return rows;
  }
}
