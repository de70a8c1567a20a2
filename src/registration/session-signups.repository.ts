import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { SessionSignup, SignupStatus } from './session-signup.entity';

/** A sign-up as the organisers' list of a session shows it. */
export interface SessionSignupRow {
  registration_id: string;
  name: string;
  organisation: string | null;
  status: string;
  created_at: Date;
}

/**
 * The `session_signups` table's SQL: only SessionSignupsService uses this.
 * Seat changes of one session are ordered by its `sessions` row lock, which
 * the service takes through the agenda's SessionsService.
 */
@Injectable()
export class SessionSignupsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  /** A registration's confirmed and waitlisted sign-ups, in the order they were made. */
  heldBy(manager: EntityManager, registrationId: string): Promise<SessionSignup[]> {
    return manager.find(SessionSignup, {
      where: [
        { registrationId, status: 'confirmed' },
        { registrationId, status: 'waitlisted' },
      ],
      order: { createdAt: 'ASC' },
    });
  }

  /** The registration's confirmed or waitlisted sign-up for the session, if any. */
  heldIn(manager: EntityManager, sessionId: string, registrationId: string): Promise<SessionSignup | null> {
    return manager.findOne(SessionSignup, {
      where: [
        { sessionId, registrationId, status: 'confirmed' },
        { sessionId, registrationId, status: 'waitlisted' },
      ],
    });
  }

  insert(manager: EntityManager, sessionId: string, registrationId: string, status: SignupStatus): Promise<SessionSignup> {
    return manager.save(manager.create(SessionSignup, { sessionId, registrationId, status }));
  }

  async cancel(manager: EntityManager, signupId: string): Promise<void> {
    await manager.update(SessionSignup, { id: signupId }, { status: 'cancelled', cancelledAt: new Date() });
  }

  /** Confirms the first `free` on the session's waitlist, first come first served. */
  async promoteWaitlisted(manager: EntityManager, sessionId: string, free: number): Promise<void> {
    await sql(
      manager,
      `UPDATE session_signups SET status = 'confirmed'
        WHERE id IN (SELECT id FROM session_signups WHERE session_id = $1 AND status = 'waitlisted' ORDER BY created_at, id LIMIT $2)`,
      [sessionId, free],
    );
  }

  async confirmedCount(manager: EntityManager, sessionId: string): Promise<number> {
    const { rows } = await sql<{ n: number }>(
      manager,
      `SELECT count(*)::int AS n FROM session_signups WHERE session_id = $1 AND status = 'confirmed'`,
      [sessionId],
    );
    return rows[0].n;
  }

  /** Confirmed places taken per session of the event. */
  async confirmedPerSession(eventId: string): Promise<Array<{ session_id: string; n: number }>> {
    const { rows } = await sql<{ session_id: string; n: number }>(
      this.db.manager,
      `SELECT s.session_id, count(*)::int AS n FROM session_signups s JOIN sessions x ON x.id = s.session_id
        WHERE x.event_id = $1 AND s.status = 'confirmed' GROUP BY s.session_id`,
      [eventId],
    );
    return rows;
  }

  /** The session's sign-ups not cancelled, seat holders first, each group in the order they signed up. */
  forSession(eventId: string, sessionId: string): Promise<SessionSignupRow[]> {
    return this.db.query(
      `SELECT s.registration_id, p.name, p.organisation, s.status, s.created_at
         FROM session_signups s JOIN registrations r ON r.id = s.registration_id JOIN people p ON p.id = r.person_id
        WHERE s.session_id = $1 AND r.event_id = $2 AND s.status <> 'cancelled'
        ORDER BY s.status, s.created_at, s.id`,
      [sessionId, eventId],
    );
  }
}
