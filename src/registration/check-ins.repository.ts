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

/** The `check_ins` table's SQL: only CheckInsService uses this. */
@Injectable()
export class CheckInsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  /** Whether this call made the check-in (false: the registration was already checked in that day). */
  async insertOnce(eventId: string, registrationId: string, day: string, organiserId: string): Promise<boolean> {
    const { rows } = await sql<{ id: string }>(
      this.db.manager,
      `INSERT INTO check_ins (event_id, registration_id, day, checked_in_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (registration_id, day) DO NOTHING RETURNING id`,
      [eventId, registrationId, day, organiserId],
    );
    return rows.length > 0;
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
}
