import { Injectable } from '@nestjs/common';
import { AgendaExportsService } from '../agenda/agenda-exports.service';
import type { SnapshotSession } from '../agenda/agenda-snapshot';
import type { AgendaVersion } from '../agenda/agenda-version.entity';
import type { Event } from '../events/event.entity';
import { MailLanguage, mailLanguage } from '../platform/mail/mail-language';
import { RegistrationCalendarService } from '../registration/registration-calendar.service';
import type { Recipient } from './reminder-audience.service';

/** One of a recipient's own sessions as the published agenda has it. */
export interface OwnSession {
  title: string;
  /** A presenter's own presentation in it. */
  presentation: string | null;
  startsAt: Date;
  endsAt: Date;
  room: string | null;
  waitlisted: boolean;
}

export interface RecipientAgenda {
  /** By start; the reminder's own session (if it is about one) first. */
  sessions: OwnSession[];
  /** iCalendar (METHOD:PUBLISH): the event and those sessions. */
  ics: string;
}

/**
 * What a reminder shows of each recipient's own part of the latest published
 * agenda, read once per fan-out and once per batch: attendees' sign-ups (their
 * calendar is the one `GET /registrations/me.ics` serves, so its UIDs match)
 * and presenters' sessions (agenda.ics's UIDs and SEQUENCE).
 */
@Injectable()
export class RecipientAgendasService {
  constructor(
    private readonly registrationCalendars: RegistrationCalendarService,
    private readonly agendaExports: AgendaExportsService,
  ) {}

  forFanOut(event: Event, version: AgendaVersion | null, anchorSessionId: string | null): FanOutAgendas {
    return new FanOutAgendas(this.registrationCalendars, this.agendaExports, event, version, anchorSessionId);
  }
}

/** One fan-out's view: the published sessions indexed once, presenters' calendars built once per distinct set. */
export class FanOutAgendas {
  private readonly sessions: Map<string, SnapshotSession>;
  private readonly rooms: Map<string, string>;
  private readonly presenting = new Map<string, Array<{ sessionId: string; presentation: string }>>();
  private readonly presenterCalendars = new Map<string, string>();
  private readonly stampedAt = new Date();

  constructor(
    private readonly registrationCalendars: RegistrationCalendarService,
    private readonly agendaExports: AgendaExportsService,
    private readonly event: Event,
    private readonly version: AgendaVersion | null,
    private readonly anchorSessionId: string | null,
  ) {
    const snapshot = version?.snapshot;
    this.sessions = new Map((snapshot?.sessions ?? []).map((s) => [s.id, s]));
    this.rooms = new Map((snapshot?.rooms ?? []).map((r) => [r.id, r.name]));
    for (const session of snapshot?.sessions ?? []) {
      if (session.status === 'cancelled') continue;
      for (const presentation of session.presentations) {
        for (const presenter of presentation.presenters) {
          const own = this.presenting.get(presenter.id) ?? [];
          own.push({ sessionId: session.id, presentation: presentation.title });
          this.presenting.set(presenter.id, own);
        }
      }
    }
  }

  /** Each recipient's sessions and calendar, in the order given; attendees' sign-ups in one query. */
  async batch(recipients: Recipient[]): Promise<RecipientAgenda[]> {
    const attendees = recipients.flatMap((r) => (r.registrationId ? [r.registrationId] : []));
    const calendars = await this.registrationCalendars.forRegistrations(this.event, attendees, this.sessions, this.rooms);
    return recipients.map((recipient) => {
      if (recipient.registrationId) {
        const calendar = calendars.get(recipient.registrationId);
        if (!calendar) throw new Error(`Registration ${recipient.registrationId} of ${recipient.email} vanished during the reminder`);
        const own = calendar.sessions.map((s) => this.own(s.sessionId, null, s.status === 'waitlisted'));
        return { sessions: this.ordered(own), ics: calendar.ics };
      }
      const presenting = this.presenting.get(recipient.personId) ?? [];
      const own = presenting.map((p) => this.own(p.sessionId, p.presentation, false));
      return {
        sessions: this.ordered(own),
        ics: this.presenterCalendar(
          presenting.map((p) => p.sessionId),
          mailLanguage(recipient.language),
        ),
      };
    });
  }

  private own(sessionId: string, presentation: string | null, waitlisted: boolean): OwnSession & { id: string; cancelled: boolean } {
    const session = this.sessions.get(sessionId)!;
    return {
      id: sessionId,
      cancelled: session.status === 'cancelled',
      title: session.title,
      presentation,
      startsAt: new Date(session.startsAt),
      endsAt: new Date(session.endsAt),
      room: session.roomId ? (this.rooms.get(session.roomId) ?? null) : null,
      waitlisted,
    };
  }

  /** Cancelled sessions left out, by start, the reminder's session first (even when it is not the recipient's). */
  private ordered(own: Array<OwnSession & { id: string; cancelled: boolean }>): OwnSession[] {
    const anchor = this.anchorSessionId && this.sessions.has(this.anchorSessionId) ? this.anchorSessionId : null;
    const listed = own.filter((s) => !s.cancelled).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    if (anchor) {
      const at = listed.findIndex((s) => s.id === anchor);
      const first = at >= 0 ? listed.splice(at, 1)[0] : this.own(anchor, null, false);
      listed.unshift(first);
    }
    return listed.map(({ id: _id, cancelled: _cancelled, ...session }) => session);
  }

  private presenterCalendar(sessionIds: string[], language: MailLanguage): string {
    const key = `${language}:${[...new Set(sessionIds)].sort().join(',')}`;
    let ics = this.presenterCalendars.get(key);
    if (ics === undefined) {
      ics = this.agendaExports.excerptCalendar(this.event, this.version, sessionIds, this.stampedAt, language);
      this.presenterCalendars.set(key, ics);
    }
    return ics;
  }
}
