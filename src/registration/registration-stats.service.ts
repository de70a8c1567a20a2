import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Event } from '../events/event.entity';
import { sql } from '../platform/database/sql';
import { localDatesBetween } from '../platform/time/zoned-time';

export interface CountRow {
  key: string | null;
  count: number;
}

export interface SessionAttendance {
  id: string;
  title: string;
  startsAt: Date;
  capacity: number | null;
  signedUp: number;
  waitlisted: number;
}

/** Those who hold or wait for a place: what "registered" means on the overview. */
const ACTIVE = `r.status IN ('pending', 'confirmed', 'waitlisted')`;

/**
 * The organisers' overview of an event's registrations: each figure is one
 * aggregate in Postgres, so the page costs the same with ten or ten thousand
 * registrations.
 */
@Injectable()
export class RegistrationStatsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Registrations received per local day of the event's zone, whatever became of them. */
  async perDay(event: Event): Promise<CountRow[]> {
    const { rows } = await sql<{ key: string; count: number }>(
      this.db.manager,
      `SELECT to_char((created_at AT TIME ZONE $2)::date, 'YYYY-MM-DD') AS key, count(*)::int AS count
         FROM registrations WHERE event_id = $1 GROUP BY 1 ORDER BY 1`,
      [event.id, event.timezone],
    );
    return rows;
  }

  async byCountry(eventId: string): Promise<CountRow[]> {
    return this.byPersonColumn(eventId, 'country_code');
  }

  async byOrganisationType(eventId: string): Promise<CountRow[]> {
    return this.byPersonColumn(eventId, 'organisation_type');
  }

  /** Check-ins on each day of the event, days without any included. */
  async checkInsPerDay(event: Event): Promise<CountRow[]> {
    const { rows } = await sql<{ key: string; count: number }>(
      this.db.manager,
      `SELECT to_char(day, 'YYYY-MM-DD') AS key, count(*)::int AS count FROM check_ins WHERE event_id = $1 GROUP BY 1`,
      [event.id],
    );
    const counts = new Map(rows.map((r) => [r.key, r.count]));
    return localDatesBetween(event.startsAt, event.endsAt, event.timezone).map((key) => ({ key, count: counts.get(key) ?? 0 }));
  }

  /** Every session that is not cancelled, in time order, with its sign-ups held and waiting. */
  async sessions(eventId: string): Promise<SessionAttendance[]> {
    const { rows } = await sql<{
      id: string;
      title: string;
      starts_at: Date;
      capacity: number | null;
      signed_up: number;
      waitlisted: number;
    }>(
      this.db.manager,
      `SELECT s.id, s.title, s.starts_at, s.capacity,
              count(*) FILTER (WHERE u.status = 'confirmed')::int AS signed_up,
              count(*) FILTER (WHERE u.status = 'waitlisted')::int AS waitlisted
         FROM sessions s LEFT JOIN session_signups u ON u.session_id = s.id
        WHERE s.event_id = $1 AND s.status <> 'cancelled'
        GROUP BY s.id ORDER BY s.starts_at, s.title`,
      [eventId],
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      startsAt: r.starts_at,
      capacity: r.capacity,
      signedUp: r.signed_up,
      waitlisted: r.waitlisted,
    }));
  }

  private async byPersonColumn(eventId: string, column: 'country_code' | 'organisation_type'): Promise<CountRow[]> {
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
