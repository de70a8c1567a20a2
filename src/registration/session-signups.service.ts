import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgendaVersionsService } from '../agenda/agenda-versions.service';
import { SessionsService } from '../agenda/sessions.service';
import type { SnapshotSession } from '../agenda/agenda-snapshot';
import { TransactionService } from '../platform/database/transaction.service';
import { Problem } from '../platform/http/problem';
import { formatInZone } from '../platform/time/zoned-time';
import { RegistrationsRepository } from './registrations.repository';
import { SessionSignup, SignupStatus } from './session-signup.entity';
import { SessionSignupsRepository } from './session-signups.repository';

/**
 * Sign-ups for sessions with a capacity, as the published agenda shows them.
 * The session row's lock orders seat changes of one session; the first on
 * its waitlist takes a freed seat.
 */
@Injectable()
export class SessionSignupsService {
  constructor(
    private readonly signups: SessionSignupsRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly transactions: TransactionService,
    private readonly versions: AgendaVersionsService,
    private readonly sessions: SessionsService,
  ) {}

  async signUp(eventId: string, registrationId: string, sessionId: string, timezone: string) {
    const published = await this.publishedSessions(eventId);
    const target = published.get(sessionId);
    if (!target || target.status !== 'scheduled') throw Problem.notFound(`No session ${sessionId} in the published agenda`);
    if (target.capacity === null) throw Problem.unprocessable('This session needs no sign-up: everyone registered may attend');
    return this.transactions.run(async ({ manager }) => {
      const registration = await this.registrations.lockOrFail(manager, eventId, registrationId);
      if (registration.status !== 'confirmed') {
        throw Problem.unprocessable(`Only confirmed registrations can sign up for sessions; yours is ${registration.status}`);
      }
      const mine = await this.signups.heldBy(manager, registrationId);
      const existing = mine.find((s) => s.sessionId === sessionId);
      if (existing) return this.view(existing, target, timezone);
      const clash = mine.map((s) => published.get(s.sessionId)).find((s) => s && s.startsAt < target.endsAt && target.startsAt < s.endsAt);
      if (clash) {
        throw Problem.conflict(`You are already signed up for "${clash.title}" at the same time`, {
          conflictingSession: { sessionId: clash.id, title: clash.title, startsAt: formatInZone(new Date(clash.startsAt), timezone) },
        });
      }
      await this.sessions.load(manager, eventId, sessionId, true);
      const status: SignupStatus = (await this.signups.confirmedCount(manager, sessionId)) < target.capacity! ? 'confirmed' : 'waitlisted';
      const signup = await this.signups.insert(manager, sessionId, registrationId, status);
      return this.view(signup, target, timezone);
    });
  }

  async cancel(eventId: string, registrationId: string, sessionId: string): Promise<void> {
    const published = await this.publishedSessions(eventId);
    await this.transactions.run(async ({ manager }) => {
      await this.sessions.lockIfExists(manager, eventId, sessionId);
      const signup = await this.signups.heldIn(manager, sessionId, registrationId);
      if (!signup) throw Problem.notFound(`You are not signed up for session ${sessionId}`);
      const freed = signup.status === 'confirmed';
      await this.signups.cancel(manager, signup.id);
      const capacity = published.get(sessionId)?.capacity ?? null;
      if (freed && capacity !== null) await this.promote(manager, sessionId, capacity);
    });
  }

  /** A registration's sign-ups with the sessions' published times, for its page and calendar. */
  async forRegistration(eventId: string, registrationId: string, timezone: string) {
    const published = await this.publishedSessions(eventId);
    const signups = await this.signups.heldBy(this.signups.manager, registrationId);
    return signups.filter((s) => published.has(s.sessionId)).map((s) => this.view(s, published.get(s.sessionId)!, timezone));
  }

  /** Confirmed places taken per session of the event, for "places left" on the public programme. */
  async placesTaken(eventId: string): Promise<Map<string, number>> {
    const rows = await this.signups.confirmedPerSession(eventId);
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
    const signups = await this.signups.heldBy(this.signups.manager, registrationId);
    return {
      rooms,
      signups: signups.filter((s) => sessions.has(s.sessionId)).map((s) => ({ session: sessions.get(s.sessionId)!, status: s.status })),
    };
  }

  /** Who holds a seat in the session and who waits, for the organisers. */
  async forSession(event: { id: string; timezone: string }, sessionId: string) {
    const rows = await this.signups.forSession(event.id, sessionId);
    return {
      items: rows.map((r) => ({
        registrationId: r.registration_id,
        name: r.name,
        organisation: r.organisation,
        status: r.status,
        signedUpAt: formatInZone(r.created_at, event.timezone),
      })),
      nextCursor: null,
    };
  }

  /** Everyone leaving a registration (cancelled) frees their session seats too. */
  async releaseAll(manager: EntityManager, eventId: string, registrationId: string): Promise<void> {
    // Through the caller's transaction: the embedded database serves no second connection meanwhile.
    const published = await this.publishedSessions(eventId, manager);
    const signups = await this.signups.heldBy(manager, registrationId);
    for (const signup of signups) {
      await this.sessions.lockIfExists(manager, eventId, signup.sessionId);
      const freed = signup.status === 'confirmed';
      await this.signups.cancel(manager, signup.id);
      const capacity = published.get(signup.sessionId)?.capacity ?? null;
      if (freed && capacity !== null) await this.promote(manager, signup.sessionId, capacity);
    }
  }

  private async promote(manager: EntityManager, sessionId: string, capacity: number): Promise<void> {
    const free = capacity - (await this.signups.confirmedCount(manager, sessionId));
    if (free <= 0) return;
    await this.signups.promoteWaitlisted(manager, sessionId, free);
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
