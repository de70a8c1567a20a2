import { Inject, Injectable } from '@nestjs/common';
import { IcsCalendar } from '../platform/calendar/ics-writer';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { Event } from '../events/event.entity';
import { Registration } from './registration.entity';

export interface SignedUpSession {
  sessionId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  status: string;
}

/**
 * A registration's personal calendar: the event itself, plus the sessions it
 * signed up for as published. UIDs are stable, so a later file updates the
 * same entries.
 */
@Injectable()
export class RegistrationCalendarService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  forRegistration(event: Event, registration: Registration, sessions: SignedUpSession[] = []): string {
    const cancelled = registration.status === 'cancelled' || event.status === 'cancelled';
    const calendar = IcsCalendar.publishing(event.title)
      .begin('VEVENT')
      .text('UID', `${registration.id}@plenary`)
      .utc('DTSTAMP', event.updatedAt > registration.updatedAt ? event.updatedAt : registration.updatedAt)
      .utc('DTSTART', event.startsAt)
      .utc('DTEND', event.endsAt)
      .text('SUMMARY', event.title)
      .text('DESCRIPTION', `Your check-in code: ${registration.checkInCode}`)
      .text('LOCATION', event.venue)
      .text('URL', `${this.config.publicUrl}/e/${event.slug}`)
      .raw('STATUS', cancelled ? 'CANCELLED' : 'CONFIRMED')
      .end('VEVENT');
    for (const session of sessions) {
      calendar
        .begin('VEVENT')
        .text('UID', `${registration.id}-${session.sessionId}@plenary`)
        .utc('DTSTAMP', registration.updatedAt)
        .utc('DTSTART', new Date(session.startsAt))
        .utc('DTEND', new Date(session.endsAt))
        .text('SUMMARY', session.status === 'waitlisted' ? `${session.title} (waiting list)` : session.title)
        .text('LOCATION', event.venue)
        .raw('STATUS', cancelled ? 'CANCELLED' : session.status === 'waitlisted' ? 'TENTATIVE' : 'CONFIRMED')
        .end('VEVENT');
    }
    return calendar.end('VCALENDAR').toString();
  }
}
