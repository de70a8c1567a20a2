import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgendaVersionsService } from '../agenda/agenda-versions.service';
import type { SnapshotSession } from '../agenda/agenda-snapshot';
import { Session } from '../agenda/session.entity';
import { TransactionService } from '../platform/database/transaction.service';
import { sql } from '../platform/database/sql';
import { Problem } from '../platform/http/problem';
import { formatInZone } from '../platform/time/zoned-time';
import { Registration } from './registration.entity';
import { SessionSignup, SignupStatus } from './session-signup.entity';

/**
 * Sign-ups for sessions with a capacity, as the published agenda shows them.
 * The session row's lock orders seat changes of one session; the first on
 * its waitlist takes a freed seat.
 */
@Injectable()
export class SessionSignupsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: TransactionService,
    private readonly versions: AgendaVersionsService,
  ) {}

  async signUp(eventId: string, registrationId: string, sessionId: string, timezone: string) {
    const published = await this.publishedSessions(eventId);
    const target = published.get(sessionId);
    if (!target || target.status !== 'scheduled') throw Problem.notFound(`No session ${sessionId} in the published agenda`);
    if (target.capacity === null) throw Problem.unprocessable('This session needs no sign-up: everyone registered may attend');
    return this.transactions.run(async ({ manager }) => {
      const registration = await manager.findOneOrFail(Registration, {
        where: { id: registrationId, eventId },
        lock: { mode: 'pessimistic_write' },
      });
      if (registration.status !== 'confirmed') {
        throw Problem.unprocessable(`Only confirmed registrations can sign up for sessions; yours is ${registration.status}`);
      }
      const mine = await manager.find(SessionSignup, {
        where: [
          { registrationId, status: 'confirmed' },
          { registrationId, status: 'waitlisted' },
        ],
      });
      const existing = mine.find((s) => s.sessionId === sessionId);
      if (existing) return this.view(existing, target, timezone);
      const clash = mine.map((s) => published.get(s.sessionId)).find((s) => s && s.startsAt < target.endsAt && target.startsAt < s.endsAt);
      if (clash) {
        throw Problem.conflict(`You are already signed up for "${clash.title}" at the same time`, {
          conflictingSession: { sessionId: clash.id, title: clash.title, startsAt: formatInZone(new Date(clash.startsAt), timezone) },
        });
      }
      await manager.findOneOrFail(Session, { where: { id: sessionId }, lock: { mode: 'pessimistic_write' } });
      const status: SignupStatus = (await this.taken(manager, sessionId)) < target.capacity! ? 'confirmed' : 'waitlisted';
      const signup = await manager.save(manager.create(SessionSignup, { sessionId, registrationId, status }));
      return this.view(signup, target, timezone);
    });
  }

  async cancel(eventId: string, registrationId: string, sessionId: string): Promise<void> {
    const published = await this.publishedSessions(eventId);
    await this.transactions.run(async ({ manager }) => {
      await manager.findOne(Session, { where: { id: sessionId, eventId }, lock: { mode: 'pessimistic_write' } });
      const signup = await manager.findOne(SessionSignup, {
        where: [
          { sessionId, registrationId, status: 'confirmed' },
          { sessionId, registrationId, status: 'waitlisted' },
        ],
      });
      if (!signup) throw Problem.notFound(`You are not signed up for session ${sessionId}`);
      const freed = signup.status === 'confirmed';
      signup.status = 'cancelled';
      signup.cancelledAt = new Date();
      await manager.save(signup);
      const capacity = published.get(sessionId)?.capacity ?? null;
      if (freed && capacity !== null) await this.promote(manager, sessionId, capacity);
    });
  }

  /** A registration's sign-ups with the sessions' published times, for its page and calendar. */
  async forRegistration(eventId: string, registrationId: string, timezone: string) {
    const published = await this.publishedSessions(eventId);
    const signups = await this.heldBy(registrationId);
    return signups.filter((s) => published.has(s.sessionId)).map((s) => this.view(s, published.get(s.sessionId)!, timezone));
  }

  /** Confirmed places taken per session of the event, for "places left" on the public programme. */
  async placesTaken(eventId: string): Promise<Map<string, number>> {
    const { rows } = await sql<{ session_id: string; n: number }>(
      this.db.manager,
      `SELECT s.session_id, count(*)::int AS n FROM session_signups s JOIN sessions x ON x.id = s.session_id
        WHERE x.event_id = $1 AND s.status = 'confirmed' GROUP BY s.session_id`,
      [eventId],
    );
    return new Map(rows.map((r) => [r.session_id, r.n]));
  }

  /**
   * A registration's confirmed and waitlisted sign-ups with their sessions as
   * published and the published room names, for its calendar.
   */
  async calendarEntries(eventId: string, registrationId: string) {
    const version = await this.versions.latest(eventId);
    const sessions = new Map((version?.snapshot.sessions ?? []).map((s) => [s.id, s]));
    const rooms = new Map((version?.snapshot.rooms ?? []).map((r) => [r.id, r.name]));
    const signups = await this.heldBy(registrationId);
    return {
      rooms,
      signups: signups.filter((s) => sessions.has(s.sessionId)).map((s) => ({ session: sessions.get(s.sessionId)!, status: s.status })),
    };
  }

  /** A registration's confirmed and waitlisted sign-ups, in the order they were made. */
  private heldBy(registrationId: string): Promise<SessionSignup[]> {
    return this.db.getRepository(SessionSignup).find({
      where: [
        { registrationId, status: 'confirmed' },
        { registrationId, status: 'waitlisted' },
      ],
      order: { createdAt: 'ASC' },
    });
  }

  /** Everyone leaving a registration (cancelled) frees their session seats too. */
  async releaseAll(manager: EntityManager, eventId: string, registrationId: string): Promise<void> {
    // Through the caller's transaction: the embedded database serves no second connection meanwhile.
    const published = await this.publishedSessions(eventId, manager);
    const signups = await manager.find(SessionSignup, {
      where: [
        { registrationId, status: 'confirmed' },
        { registrationId, status: 'waitlisted' },
      ],
    });
    for (const signup of signups) {
      await manager.findOne(Session, { where: { id: signup.sessionId }, lock: { mode: 'pessimistic_write' } });
      const freed = signup.status === 'confirmed';
      await manager.update(SessionSignup, { id: signup.id }, { status: 'cancelled', cancelledAt: new Date() });
      const capacity = published.get(signup.sessionId)?.capacity ?? null;
      if (freed && capacity !== null) await this.promote(manager, signup.sessionId, capacity);
    }
  }

  private async promote(manager: EntityManager, sessionId: string, capacity: number): Promise<void> {
    const free = capacity - (await this.taken(manager, sessionId));
    if (free <= 0) return;
    await sql(
      manager,
      `UPDATE session_signups SET status = 'confirmed'
        WHERE id IN (SELECT id FROM session_signups WHERE session_id = $1 AND status = 'waitlisted' ORDER BY created_at, id LIMIT $2)`,
      [sessionId, free],
    );
  }

  private async taken(manager: EntityManager, sessionId: string): Promise<number> {
    const { rows } = await sql<{ n: number }>(
      manager,
      `SELECT count(*)::int AS n FROM session_signups WHERE session_id = $1 AND status = 'confirmed'`,
      [sessionId],
    );
    return rows[0].n;
  }

  private async publishedSessions(eventId: string, manager?: EntityManager): Promise<Map<string, SnapshotSession>> {
    const version = await this.versions.latest(eventId, manager);
    return new Map((version?.snapshot.sessions ?? []).map((s) => [s.id, s]));
  }

  private view(signup: SessionSignup, session: SnapshotSession, timezone: string) {
    return {
      sessionId: signup.sessionId,
      title: session.title,
      startsAt: formatInZone(new Date(session.startsAt), timezone),
      endsAt: formatInZone(new Date(session.endsAt), timezone),
      status: signup.status,
      signedUpAt: formatInZone(signup.createdAt, timezone),
    };
  }
}
