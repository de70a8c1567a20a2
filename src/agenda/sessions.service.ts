import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Event } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { parseEventTimes } from '../events/event-times';
import { PeopleService } from '../people/people.service';
import { TransactionService } from '../platform/database/transaction.service';
import { ifMatchAllows } from '../platform/http/entity-version-tag';
import { FieldError, Problem } from '../platform/http/problem';
import { formatInZone, localDatesBetween, startOfLocalDay } from '../platform/time/zoned-time';
import { CreateSessionInput, UpdateSessionInput } from './dto/session.dto';
import { AgendaVersionsRepository } from './agenda-versions.repository';
import { RoomsRepository } from './rooms.repository';
import { Session } from './session.entity';
import { SessionsRepository } from './sessions.repository';
import { sessionView } from './session.view';
import { WorkingAgendaService } from './working-agenda.service';

/** The working agenda's sessions: every create and move checks time, place and room. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly repository: SessionsRepository,
    private readonly rooms: RoomsRepository,
    private readonly agendaVersions: AgendaVersionsRepository,
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly working: WorkingAgendaService,
  ) {}

  async create(eventId: string, input: CreateSessionInput) {
    const id = await this.transactions.run(async ({ manager }) => {
      const event = await this.events.getEntity(eventId, manager);
      const times = parseEventTimes({ startsAt: input.startsAt, endsAt: input.endsAt }, event.timezone);
      const session = this.repository.create(manager, {
        eventId,
        kind: input.kind,
        title: input.title,
        description: input.description,
        themeId: input.themeId ?? null,
        roomId: input.roomId ?? null,
        capacity: input.capacity ?? null,
        hostOrganisation: input.hostOrganisation ?? null,
        startsAt: times.startsAt as Date,
        endsAt: times.endsAt as Date,
        status: 'scheduled',
      });
      await this.check(manager, event, session);
      const saved = await this.repository.save(manager, session);
      await this.setChairs(manager, eventId, saved.id, input.chairs);
      return saved.id;
    });
    return this.get(eventId, id);
  }

  /**
   * `ifMatch` is the version the caller last read; a save based on an older
   * one answers 412 with the session as it now is, so two organisers editing
   * at once see the conflict instead of one losing the other's change.
   */
  async update(eventId: string, sessionId: string, input: UpdateSessionInput, ifMatch?: string) {
    const stale = await this.transactions.run(async ({ manager }) => {
      const event = await this.events.getEntity(eventId, manager);
      const session = await this.load(manager, eventId, sessionId, true);
      if (ifMatch !== undefined && !ifMatchAllows(ifMatch, session.version)) return true;
      const times = parseEventTimes({ startsAt: input.startsAt, endsAt: input.endsAt }, event.timezone);
      const { chairs, startsAt, endsAt, ...plain } = input;
      Object.assign(
        session,
        Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined)),
        Object.fromEntries(Object.entries(times).filter(([, v]) => v !== undefined)),
      );
      session.version += 1;
      await this.check(manager, event, session);
      await this.repository.save(manager, session);
      if (chairs) await this.setChairs(manager, eventId, sessionId, chairs);
      return false;
    });
    if (stale) await this.refuseStale(eventId, sessionId);
    return this.get(eventId, sessionId);
  }

  /**
   * A session some published version shows is cancelled (it stays, so the
   * next version announces it); one never published is removed, since nobody
   * outside ever saw it. Answers the cancelled session, or null once removed.
   */
  async delete(eventId: string, sessionId: string, ifMatch?: string) {
    const outcome = await this.transactions.run(async ({ manager }) => {
      const session = await this.load(manager, eventId, sessionId, true);
      if (ifMatch !== undefined && !ifMatchAllows(ifMatch, session.version)) return 'stale' as const;
      if (!(await this.agendaVersions.everPublished(manager, eventId, sessionId))) {
        await this.repository.delete(manager, eventId, sessionId);
        return 'removed' as const;
      }
      session.status = 'cancelled';
      session.version += 1;
      await this.repository.save(manager, session);
      return 'cancelled' as const;
    });
    if (outcome === 'stale') await this.refuseStale(eventId, sessionId);
    return outcome === 'removed' ? null : this.get(eventId, sessionId);
  }

  /** Cancels whether or not it was published, as the dashboard's cancel button says. */
  async cancel(eventId: string, sessionId: string) {
    await this.transactions.run(async ({ manager }) => {
      const session = await this.load(manager, eventId, sessionId, true);
      session.status = 'cancelled';
      session.version += 1;
      await this.repository.save(manager, session);
    });
    return this.get(eventId, sessionId);
  }

  private async refuseStale(eventId: string, sessionId: string): Promise<never> {
    const current = await this.get(eventId, sessionId);
    throw Problem.preconditionFailed(
      `The session changed since you read it (it is now at version ${current.version}): review it and save again`,
      { session: current },
    );
  }

  /** The whole working agenda in time order; an event's sessions fit one page. */
  async list(eventId: string) {
    const event = await this.events.getEntity(eventId);
    const agenda = await this.working.current(eventId);
    const versions = await this.versions(eventId);
    return { items: agenda.sessions.map((s) => sessionView(s, event.timezone, versions.get(s.id) ?? 1)), nextCursor: null };
  }

  /** How many sessions each event's working agenda holds (cancelled ones left out), for the organiser's list of events. */
  async scheduledCountsByEvent(eventIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>(eventIds.map((id) => [id, 0]));
    if (eventIds.length === 0) return out;
    for (const row of await this.repository.scheduledCounts(eventIds)) out.set(row.eventId, row.n);
    return out;
  }

  async get(eventId: string, sessionId: string) {
    const event = await this.events.getEntity(eventId);
    const agenda = await this.working.current(eventId);
    const session = agenda.sessions.find((s) => s.id === sessionId);
    if (!session) throw Problem.notFound(`No session ${sessionId} in this event`);
    const versions = await this.versions(eventId, sessionId);
    return sessionView(session, event.timezone, versions.get(sessionId) ?? 1);
  }

  /** Row versions live beside the snapshot, not in it: a published version must not change when a session is edited. */
  private versions(eventId: string, sessionId?: string): Promise<Map<string, number>> {
    return this.repository.versions(eventId, sessionId);
  }

  async load(manager: EntityManager, eventId: string, sessionId: string, lock = false): Promise<Session> {
    const session = await this.repository.find(manager, eventId, sessionId, lock);
    if (!session) throw Problem.notFound(`No session ${sessionId} in this event`);
    return session;
  }

  /** Locks the session's row until the transaction ends, if the event has it: other modules order their changes of one session by it. */
  async lockIfExists(manager: EntityManager, eventId: string, sessionId: string): Promise<void> {
    await this.repository.find(manager, eventId, sessionId, true);
  }

  /**
   * Time, references and the room. The room row is locked first, so two
   * requests booking one room at the same moment are checked one after the other.
   */
  private async check(manager: EntityManager, event: Event, session: Session): Promise<void> {
    if (session.endsAt <= session.startsAt) {
      throw Problem.badRequest('The session ends before it starts', [{ field: 'endsAt', message: 'must be after startsAt' }]);
    }
    const days = localDatesBetween(event.startsAt, event.endsAt, event.timezone);
    const firstDay = startOfLocalDay(days[0], event.timezone);
    const afterLastDay = startOfLocalDay(nextDate(days[days.length - 1]), event.timezone);
    const outside: FieldError[] = [];
    if (session.startsAt < firstDay || session.startsAt >= afterLastDay)
      outside.push({ field: 'startsAt', message: `must be on one of the event's days (${days.join(', ')})` });
    if (session.endsAt > afterLastDay)
      outside.push({ field: 'endsAt', message: `must be on one of the event's days (${days.join(', ')})` });
    if (outside.length > 0)
      throw Problem.unprocessable(`The session lies outside the event's days (${days.join(', ')}, ${event.timezone})`, outside);

    const missing: FieldError[] = [];
    if (session.roomId && !(await this.rooms.lockRoom(manager, event.id, session.roomId))) {
      missing.push({ field: 'roomId', message: 'no such room in this event' });
    }
    if (session.themeId && !(await this.rooms.findTheme(event.id, session.themeId, manager))) {
      missing.push({ field: 'themeId', message: 'no such theme in this event' });
    }
    if (missing.length > 0) throw Problem.badRequest('The session refers to things not in this event', missing);

    if (session.roomId && session.status === 'scheduled') {
      const other = await this.repository.firstBookingOverlapping(
        manager,
        session.roomId,
        session.id ?? null,
        session.startsAt,
        session.endsAt,
      );
      if (other) {
        const at = (d: Date) => formatInZone(d, event.timezone);
        throw Problem.conflict(`The room is booked by "${other.title}" from ${at(other.starts_at)} to ${at(other.ends_at)}`, {
          conflictingSession: { sessionId: other.id, title: other.title, startsAt: at(other.starts_at), endsAt: at(other.ends_at) },
        });
      }
    }
  }

  private async setChairs(
    manager: EntityManager,
    eventId: string,
    sessionId: string,
    chairs: Array<{ personId: string; role: 'chair' | 'moderator' }>,
  ) {
    await this.people.requireAll(
      manager,
      eventId,
      chairs.map((c) => c.personId),
      'chairs',
    );
    await this.repository.replaceChairs(manager, sessionId, chairs);
  }
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
