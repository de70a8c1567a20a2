import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { sql } from '../platform/database/sql';
import { newCheckInCode } from './check-in-code';
import { Registration, RegistrationSource, RegistrationStatus } from './registration.entity';

/** A registrations row as a Registration. */
export const REGISTRATION_COLUMNS = `id, event_id AS "eventId", person_id AS "personId", status, check_in_code AS "checkInCode", source,
  consents, answers, created_at AS "createdAt", updated_at AS "updatedAt", confirmed_at AS "confirmedAt",
  waitlisted_at AS "waitlistedAt", promoted_at AS "promotedAt", cancelled_at AS "cancelledAt", decided_at AS "decidedAt"`;

/** A registration to insert; its check-in code is made here. */
export interface NewRegistration {
  eventId: string;
  personId: string;
  status: RegistrationStatus;
  source: RegistrationSource;
  consents: Record<string, boolean>;
  answers: Record<string, unknown>;
}

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

/**
 * The `registrations` table's SQL: only this module's services use this.
 * Seat changes of one event are ordered by its `events` row lock, and the
 * seats are counted on that row, so those reads live here with the
 * statements they guard.
 */
@Injectable()
export class RegistrationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  findOne(eventId: string, registrationId: string): Promise<Registration | null> {
    return this.db.getRepository(Registration).findOne({ where: { eventId, id: registrationId } });
  }

  /** Locks the event's registration's row until the transaction ends, if there is one. */
  lock(manager: EntityManager, eventId: string, registrationId: string): Promise<Registration | null> {
    return manager.findOne(Registration, { where: { eventId, id: registrationId }, lock: { mode: 'pessimistic_write' } });
  }

  save(manager: EntityManager, registration: Registration): Promise<Registration> {
    return manager.save(registration);
  }

  /** The address's pending, confirmed or waitlisted registration for the event, if any. */
  async findActiveByEmail(manager: EntityManager, eventId: string, email: string): Promise<Registration | null> {
    const { rows } = await sql<{ id: string }>(
      manager,
      `SELECT r.id FROM registrations r JOIN people p ON p.id = r.person_id
        WHERE r.event_id = $1 AND p.email_key = lower($2) AND r.status IN ('pending', 'confirmed', 'waitlisted')`,
      [eventId, email],
    );
    if (rows.length === 0) return null;
    return manager.findOneByOrFail(Registration, { id: rows[0].id });
  }

  /**
   * Whether a seat looks free, from the event's counter; null when there is no
   * such event. Only a peek: the trigger on `registrations` takes the seat
   * atomically (a conditional update of the counter), and refuses it when
   * another registration took the last one meanwhile.
   */
  async peekSeats(manager: EntityManager, eventId: string): Promise<{ free: boolean; requiresApproval: boolean } | null> {
    const { rows } = await sql<{ free: boolean; requires_approval: boolean }>(
      manager,
      `SELECT capacity IS NULL OR confirmed_count < capacity AS free, requires_approval FROM events WHERE id = $1`,
      [eventId],
    );
    return rows.length === 0 ? null : { free: rows[0].free, requiresApproval: rows[0].requires_approval };
  }

  async countConfirmed(manager: EntityManager, eventId: string): Promise<number> {
    const { rows } = await sql<{ n: number }>(
      manager,
      `SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
      [eventId],
    );
    return rows[0].n;
  }

  /** Locks the first `limit` (all, when undefined) of the event's waitlist, first come first served. */
  lockWaitlist(manager: EntityManager, eventId: string, limit: number | undefined): Promise<Registration[]> {
    return manager
      .createQueryBuilder(Registration, 'r')
      .where(`r.event_id = :eventId AND r.status = 'waitlisted'`, { eventId })
      .orderBy('r.waitlisted_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .getMany();
  }

  /**
   * Inserts the registration; a confirmed one whose seat went to someone else
   * in the meantime is put on the waitlist instead. Only a confirmed
   * registration touches the event row, so the lock it takes is held for the
   * rest of this short transaction and waitlisted ones do not queue for it.
   */
  async insert(manager: EntityManager, registration: NewRegistration): Promise<Registration> {
    const { eventId, personId, source, consents, answers } = registration;
    const insert = (as: RegistrationStatus) =>
      sql<Registration>(
        manager,
        `INSERT INTO registrations (event_id, person_id, status, check_in_code, source, consents, answers, confirmed_at, waitlisted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $3 = 'confirmed' THEN now() END, CASE WHEN $3 = 'waitlisted' THEN now() END)
         RETURNING ${REGISTRATION_COLUMNS}`,
        [eventId, personId, as, newCheckInCode(), source, JSON.stringify(consents), JSON.stringify(answers)],
      );
    if (registration.status !== 'confirmed') return (await insert(registration.status)).rows[0];
    await manager.query('SAVEPOINT take_seat');
    try {
      const { rows } = await insert('confirmed');
      await manager.query('RELEASE SAVEPOINT take_seat');
      return rows[0];
    } catch (error) {
      if (!isFull(error)) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT take_seat');
      return (await insert('waitlisted')).rows[0];
    }
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

/** The capacity trigger's refusal (check_violation). */
function isFull(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23514';
}
