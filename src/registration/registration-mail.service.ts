import { Injectable } from '@nestjs/common';
import { MagicLinkService } from '../auth/magic-link.service';
import { Event } from '../events/event.entity';
import { Person } from '../people/person.entity';
import { Tx } from '../platform/database/transaction.service';
import { MailTemplate } from '../platform/mail/mail-template';
import { OutboxService } from '../platform/mail/outbox.service';
import { describeSpan } from '../platform/time/zoned-time';
import { RegistrationCalendarService } from './registration-calendar.service';
import {
  RegistrationMailParams,
  registrationCancelledTemplate,
  registrationConfirmedTemplate,
  registrationLinkTemplate,
  registrationPendingTemplate,
  registrationPromotedTemplate,
  registrationRejectedTemplate,
  registrationWaitlistedTemplate,
} from './mail/registration-mail.templates';
import { Registration } from './registration.entity';

export type RegistrationMailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'pending' | 'rejected' | 'cancelled' | 'link';

const TEMPLATES: Record<RegistrationMailKind, MailTemplate<RegistrationMailParams>> = {
  confirmed: registrationConfirmedTemplate,
  waitlisted: registrationWaitlistedTemplate,
  promoted: registrationPromotedTemplate,
  pending: registrationPendingTemplate,
  rejected: registrationRejectedTemplate,
  cancelled: registrationCancelledTemplate,
  link: registrationLinkTemplate,
};

/**
 * Writes a registration's emails into the outbox inside the caller's
 * transaction. Each email that carries a link mints its own token.
 */
@Injectable()
export class RegistrationMailService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly magicLinks: MagicLinkService,
    private readonly calendar: RegistrationCalendarService,
  ) {}

  async send(tx: Tx, kind: RegistrationMailKind, event: Event, registration: Registration, person: Person): Promise<void> {
    if (!person.email) return;
    const { token, tokenId } = await this.magicLinks.issue(tx.manager, { type: 'registration', id: registration.id, eventId: event.id });
    const withCalendar = kind === 'confirmed' || kind === 'promoted';
    await this.outbox.enqueue(tx, {
      eventId: event.id,
      // A link email may go out many times (once a minute at most); each other kind once per registration.
      dedupeKey: kind === 'link' ? `registration-link:${tokenId}` : `registration-${kind}:${registration.id}`,
      to: { address: person.email, name: person.name },
      template: TEMPLATES[kind],
      params: {
        name: person.name,
        eventTitle: event.title,
        when: describeSpan(event.startsAt, event.endsAt, event.timezone),
        venue: event.venue,
        link: this.magicLinks.link('/my-registration', token),
        checkInCode: registration.checkInCode,
      },
      attachments: withCalendar
        ? [
            {
              filename: 'event.ics',
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              content: Buffer.from(this.calendar.forRegistration(event, registration)).toString('base64'),
            },
          ]
        : [],
    });
  }
}
