import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { sql } from '../platform/database/sql';
import { Registration } from './registration.entity';

/** What a registration's calendar shows of it, with its person's language. */
export type CalendarRegistrationRow = Pick<Registration, 'id' | 'status' | 'updatedAt' | 'checkInCode'> & { language: string | null };

/** A registration of a reminder's batch with its sign-ups held or waiting, in the order they were made. */
export interface CalendarBatchRow {
  id: string;
  status: Registration['status'];
  updated_at: Date;
  check_in_code: string;
  language: string | null;
  signups: Array<{ sessionId: string; status: string }>;
}

/** The `registrations` table's SQL: only this module's services use this. */
@Injectable()
export class RegistrationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  findOne(eventId: string, registrationId: string): Promise<Registration | null> {
    return this.db.getRepository(Registration).findOne({ where: { eventId, id: registrationId } });
  }

  /** The event's registrations among `ids`, in no particular order; unknown ids are left out. */
  findMany(eventId: string, ids: string[]): Promise<Registration[]> {
    return this.db.getRepository(Registration).find({ where: { eventId, id: In(ids) } });
  }

  /** The event's registration with this id, or else with this (normalised) check-in code. */
  findByIdOrCode(eventId: string, key: { id: string } | { checkInCode: string }): Promise<Registration | null> {
    return this.db.getRepository(Registration).findOne({ where: { eventId, ...key } });
  }

  /** Locks the event's registration's row until the transaction ends; fails if there is none. */
  lockOrFail(manager: EntityManager, eventId: string, registrationId: string): Promise<Registration> {
    return manager.findOneOrFail(Registration, { where: { id: registrationId, eventId }, lock: { mode: 'pessimistic_write' } });
  }

  async forCalendar(eventId: string, registrationId: string): Promise<CalendarRegistrationRow | null> {
    const { rows } = await sql<CalendarRegistrationRow>(
      this.db.manager,
      `SELECT r.id, r.status, r.updated_at AS "updatedAt", r.check_in_code AS "checkInCode", p.language
         FROM registrations r JOIN people p ON p.id = r.person_id
        WHERE r.event_id = $1 AND r.id = $2`,
      [eventId, registrationId],
    );
    return rows[0] ?? null;
  }

  /** The registrations' calendar data in one query. */
  async forCalendars(registrationIds: string[]): Promise<CalendarBatchRow[]> {
    const { rows } = await sql<CalendarBatchRow>(
      this.db.manager,
      `SELECT r.id, r.status, r.updated_at, r.check_in_code, p.language,
              coalesce(json_agg(json_build_object('sessionId', s.session_id, 'status', s.status) ORDER BY s.created_at)
                       FILTER (WHERE s.id IS NOT NULL), '[]') AS signups
         FROM registrations r
         JOIN people p ON p.id = r.person_id
         LEFT JOIN session_signups s ON s.registration_id = r.id AND s.status IN ('confirmed', 'waitlisted')
        WHERE r.id = ANY($1::uuid[])
        GROUP BY r.id, p.language`,
      [registrationIds],
    );
    return rows;
  }
}
