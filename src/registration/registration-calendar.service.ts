import { Inject, Injectable } from '@nestjs/common';
import type { SnapshotSession } from '../agenda/agenda-snapshot';
import { IcsCalendar } from '../platform/calendar/ics-writer';
import { formatInZone } from '../platform/time/zoned-time';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { Event } from '../events/event.entity';
import { MailLanguage, mailLanguage } from '../platform/mail/mail-language';
import { Problem } from '../platform/http/problem';
import { Registration } from './registration.entity';
import { RegistrationsRepository } from './registrations.repository';
import { SessionSignupsService } from './session-signups.service';

export interface SignedUpSession {
  sessionId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  status: string;
}

/** What the calendar writes of a signed-up session besides what the reminder lists. */
interface CalendarSession extends SignedUpSession {
  description: string;
  room: string | null;
  /** The published SEQUENCE (agenda.ics's): rises with every version that changed the session. */
  sequence: number;
}

/**
 * The event's own VEVENT has no version count, so its SEQUENCE is the second
 * (since 2020, which fits iCalendar's 32-bit integer until 2088) of the last
 * change to the event or the registration: it rises with every change a
 * calendar that imported the file must pick up.
 */
const SEQUENCE_EPOCH_MS = Date.UTC(2020, 0, 1);

function changeSequence(...changes: Date[]): number {
  return Math.max(0, Math.floor((Math.max(...changes.map((d) => d.getTime())) - SEQUENCE_EPOCH_MS) / 1000));
}

function calendarSession(session: SnapshotSession, status: string, rooms: ReadonlyMap<string, string>, timezone: string): CalendarSession {
  return {
    sessionId: session.id,
    title: session.title,
    startsAt: formatInZone(new Date(session.startsAt), timezone),
    endsAt: formatInZone(new Date(session.endsAt), timezone),
    status,
    description: session.description,
    room: session.roomId ? (rooms.get(session.roomId) ?? null) : null,
    sequence: session.sequence,
  };
}

/** What a registration's calendar shows of the registration itself. */
export type CalendarRegistration = Pick<Registration, 'id' | 'status' | 'updatedAt' | 'checkInCode'>;

export interface RegistrationCalendar {
  /** The same file `GET /registrations/me.ics` answers for this registration. */
  ics: string;
  sessions: SignedUpSession[];
}

/** The calendar's own words, in the attendee's language as their emails are. */
const WORDS: Record<MailLanguage, { code: (code: string) => string; waitlisted: (title: string) => string }> = {
  en: { code: (c) => `Your check-in code: ${c}`, waitlisted: (t) => `${t} (waiting list)` },
  es: { code: (c) => `Su código de acceso: ${c}`, waitlisted: (t) => `${t} (lista de espera)` },
  pt: { code: (c) => `O seu código de entrada: ${c}`, waitlisted: (t) => `${t} (lista de espera)` },
  fr: { code: (c) => `Votre code d'entrée : ${c}`, waitlisted: (t) => `${t} (liste d'attente)` },
};

/**
 * A registration's personal calendar: the event itself, plus the sessions it
 * signed up for as published. UIDs are stable, so a later file updates the
 * same entries.
 */
@Injectable()
export class RegistrationCalendarService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registrations: RegistrationsRepository,
    private readonly signups: SessionSignupsService,
  ) {}

  /** What `GET /registrations/me.ics` and the attendee's page answer: the file in the attendee's language. */
  async personalFile(event: Event, registrationId: string): Promise<string> {
    const registration = await this.registrations.forCalendar(event.id, registrationId);
    if (!registration) throw Problem.notFound(`No registration ${registrationId} in this event`);
    const { rooms, signups } = await this.signups.calendarEntries(event.id, registrationId);
    const sessions = signups.map(({ session, status }) => calendarSession(session, status, rooms, event.timezone));
    return this.forRegistration(event, registration, mailLanguage(registration.language), sessions);
  }

  /**
   * DTSTAMP is the moment the file is written, as RFC 5545 asks of a
   * published calendar; SEQUENCE rises with every change, so a calendar that
   * imported an earlier file takes the new times instead of keeping the old.
   */
  forRegistration(
    event: Event,
    registration: CalendarRegistration,
    language: MailLanguage,
    sessions: CalendarSession[] = [],
    stampedAt = new Date(),
  ): string {
    const words = WORDS[language];
    const cancelled = registration.status === 'cancelled' || event.status === 'cancelled';
    const calendar = IcsCalendar.publishing(event.title)
      .begin('VEVENT')
      .text('UID', `${registration.id}@plenary`)
      .utc('DTSTAMP', stampedAt)
      .raw('SEQUENCE', String(changeSequence(event.updatedAt, registration.updatedAt)))
      .utc('DTSTART', event.startsAt)
      .utc('DTEND', event.endsAt)
      .text('SUMMARY', event.title)
      .text('DESCRIPTION', words.code(registration.checkInCode))
      .text('LOCATION', event.venue)
      .text('URL', `${this.config.publicUrl}/e/${event.slug}`)
      .raw('STATUS', cancelled ? 'CANCELLED' : 'CONFIRMED')
      .end('VEVENT');
    for (const session of sessions) {
      calendar
        .begin('VEVENT')
        .text('UID', `${registration.id}-${session.sessionId}@plenary`)
        .utc('DTSTAMP', stampedAt)
        .raw('SEQUENCE', String(session.sequence))
        .utc('DTSTART', new Date(session.startsAt))
        .utc('DTEND', new Date(session.endsAt))
        .text('SUMMARY', session.status === 'waitlisted' ? words.waitlisted(session.title) : session.title)
        .text('DESCRIPTION', session.description || null)
        .text('LOCATION', [session.room, event.venue].filter(Boolean).join(', ') || null)
        .raw('STATUS', cancelled ? 'CANCELLED' : session.status === 'waitlisted' ? 'TENTATIVE' : 'CONFIRMED')
        .end('VEVENT');
    }
    return calendar.end('VCALENDAR').toString();
  }

  /**
   * The calendars of a batch of registrations (a reminder's), read in one
   * query: each is what `GET /registrations/me.ics` answers for it, sign-ups
   * in the order they were made, times from `published`.
   */
  async forRegistrations(
    event: Event,
    registrationIds: string[],
    published: ReadonlyMap<string, SnapshotSession>,
    rooms: ReadonlyMap<string, string>,
  ): Promise<Map<string, RegistrationCalendar>> {
    const calendars = new Map<string, RegistrationCalendar>();
    if (registrationIds.length === 0) return calendars;
    const rows = await this.registrations.forCalendars(registrationIds);
    for (const row of rows) {
      const sessions = row.signups.flatMap(({ sessionId, status }) => {
        const session = published.get(sessionId);
        return session ? [calendarSession(session, status, rooms, event.timezone)] : [];
      });
      const registration = { id: row.id, status: row.status, updatedAt: row.updated_at, checkInCode: row.check_in_code };
      calendars.set(row.id, { ics: this.forRegistration(event, registration, mailLanguage(row.language), sessions), sessions });
    }
    return calendars;
  }
}
