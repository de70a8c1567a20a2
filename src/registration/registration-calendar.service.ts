import { Inject, Injectable } from '@nestjs/common';
import { ICS_PRODID, IcsCalendar } from '../platform/calendar/ics-writer';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { Event } from '../events/event.entity';
import { Registration } from './registration.entity';

/**
 * A registration's personal calendar: the event itself. Its UID is the
 * registration's, so a later email's calendar updates the same entry.
 */
@Injectable()
export class RegistrationCalendarService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  forRegistration(event: Event, registration: Registration): string {
    const cancelled = registration.status === 'cancelled' || event.status === 'cancelled';
    return new IcsCalendar()
      .begin('VCALENDAR')
      .raw('VERSION', '2.0')
      .raw('PRODID', ICS_PRODID)
      .raw('CALSCALE', 'GREGORIAN')
      .raw('METHOD', 'PUBLISH')
      .text('X-WR-CALNAME', event.title)
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
      .end('VEVENT')
      .end('VCALENDAR')
      .toString();
  }
}
