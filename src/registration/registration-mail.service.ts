import { Injectable } from '@nestjs/common';
import { MagicLinkService } from '../auth/magic-link.service';
import { Event } from '../events/event.entity';
import { Person } from '../people/person.entity';
import { Tx } from '../platform/database/transaction.service';
import { EditedText } from '../platform/mail/editable-text';
import { EmailAttachment } from '../platform/mail/email.entity';
import { EmailTextsService } from '../platform/mail/email-texts.service';
import { MailLanguage, mailLanguage, mailLocale } from '../platform/mail/mail-language';
import { MailTemplate, RenderedMail, renderMail } from '../platform/mail/mail-template';
import { OutboxMessage, OutboxService } from '../platform/mail/outbox.service';
import { describeSpan } from '../platform/time/zoned-time';
import { RegistrationCalendarService } from './registration-calendar.service';
import {
  CHECK_IN_QR_CID,
  RegistrationMailKind,
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

export type { RegistrationMailKind } from './mail/registration-mail.templates';

export const TEMPLATES: Record<RegistrationMailKind, MailTemplate<RegistrationMailParams>> = {
  confirmed: registrationConfirmedTemplate,
  waitlisted: registrationWaitlistedTemplate,
  promoted: registrationPromotedTemplate,
  pending: registrationPendingTemplate,
  rejected: registrationRejectedTemplate,
  cancelled: registrationCancelledTemplate,
  link: registrationLinkTemplate,
};

/** The kinds whose wording each event may change (the rest are rare enough to keep the standard text). */
export const EDITABLE_KINDS = new Set<RegistrationMailKind>(['confirmed', 'waitlisted', 'promoted']);

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
    private readonly texts: EmailTextsService,
  ) {}

  /** The event's wording of the kind in the language, for the kinds organisers may reword. */
  private async textOf(eventId: string, kind: RegistrationMailKind, language: MailLanguage, tx?: Tx): Promise<EditedText | null> {
    if (!EDITABLE_KINDS.has(kind)) return null;
    return this.texts.find(eventId, TEMPLATES[kind].kind, language, tx?.manager);
  }

  async send(tx: Tx, kind: RegistrationMailKind, event: Event, registration: Registration, person: Person): Promise<void> {
    if (!person.email) return;
    const { token, tokenId } = await this.magicLinks.issue(tx.manager, {
      type: 'registration',
      id: registration.id,
      eventId: event.id,
      eventEndsAt: event.endsAt,
    });
    const text = await this.textOf(event.id, kind, mailLanguage(person.language), tx);
    await this.outbox.enqueue(tx, this.message(kind, event, registration, { ...person, email: person.email }, token, tokenId, text));
  }

  /**
   * The email of each outcome a new public registration may have, rendered
   * ahead of the statement that decides between them (the seat is taken in
   * the database). `token` is the link's token, minted by the caller.
   */
  async renderOutcomes(
    outcomes: Array<'confirmed' | 'waitlisted'>,
    event: Event,
    registration: Pick<Registration, 'id' | 'checkInCode' | 'updatedAt'>,
    person: { name: string; email: string; language?: string | null },
    token: string,
  ): Promise<Array<RenderedMail & { kind: string; dedupeKey: string; attachments: EmailAttachment[] }>> {
    const language = mailLanguage(person.language);
    const editable = outcomes.filter((status) => EDITABLE_KINDS.has(status)).map((status) => TEMPLATES[status].kind);
    const texts = await this.texts.findMany(event.id, editable, language);
    return outcomes.map((status) => {
      const text = texts.get(TEMPLATES[status].kind) ?? null;
      const message = this.message(status, event, { ...registration, status } as Registration, person, token, '', text);
      return {
        ...renderMail(message.template, message.params),
        kind: message.template.kind,
        dedupeKey: message.dedupeKey,
        attachments: message.attachments ?? [],
      };
    });
  }

  private message(
    kind: RegistrationMailKind,
    event: Event,
    registration: Registration,
    person: { name: string; email: string; language?: string | null },
    token: string,
    tokenId: string,
    text: EditedText | null,
  ): OutboxMessage<RegistrationMailParams> {
    const withCalendar = kind === 'confirmed' || kind === 'promoted';
    const language = mailLanguage(person.language);
    return {
      eventId: event.id,
      // A link email may go out many times (once a minute at most); each other kind once per registration.
      dedupeKey: kind === 'link' ? `registration-link:${tokenId}` : `registration-${kind}:${registration.id}`,
      to: { address: person.email, name: person.name },
      template: TEMPLATES[kind],
      params: {
        language,
        name: person.name,
        eventTitle: event.title,
        when: describeSpan(event.startsAt, event.endsAt, event.timezone, mailLocale(language)),
        venue: event.venue,
        link: this.magicLinks.link('/my-registration', token),
        checkInCode: registration.checkInCode,
        text,
      },
      // The messages that show the check-in code: the check-in desk scans its QR image from the phone.
      attachments: withCalendar
        ? [
            { filename: 'check-in-code.png', contentType: 'image/png', cid: CHECK_IN_QR_CID, qrCodeOf: registration.checkInCode },
            {
              filename: 'event.ics',
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              content: Buffer.from(this.calendar.forRegistration(event, registration, language)).toString('base64'),
            },
          ]
        : [],
    };
  }
}
