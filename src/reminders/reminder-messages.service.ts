import { Injectable } from '@nestjs/common';
import { AgendaVersionsService } from '../agenda/agenda-versions.service';
import type { Event } from '../events/event.entity';
import type { EditedText } from '../platform/mail/editable-text';
import type { EmailAttachment } from '../platform/mail/email.entity';
import { EmailTextsService } from '../platform/mail/email-texts.service';
import type { MailLanguage } from '../platform/mail/mail-language';
import { describeSpan } from '../platform/time/zoned-time';
import { mailLanguage, mailLocale } from '../platform/mail/mail-language';
import { ReminderParams, reminderTemplate } from './mail/reminder.template';
import { FanOutAgendas, RecipientAgenda, RecipientAgendasService } from './recipient-agendas.service';
import type { Recipient } from './reminder-audience.service';
import type { ReminderRule } from './reminder-rule.entity';

const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8; method=PUBLISH';

/**
 * What one occurrence of a reminder says to each recipient, as the fan-out
 * sends it and the rule preview shows it: about the event, or about its
 * session as the latest published version has it, in the recipient's
 * language and the event's zone, with their own sessions and calendar.
 */
@Injectable()
export class ReminderMessagesService {
  constructor(
    private readonly versions: AgendaVersionsService,
    private readonly agendas: RecipientAgendasService,
    private readonly texts: EmailTextsService,
  ) {}

  async forOccurrence(event: Event, rule: ReminderRule, sessionId: string | null): Promise<ReminderOccurrenceMessages> {
    const version = await this.versions.latest(event.id);
    const published = version?.snapshot;
    const session = (sessionId && published?.sessions.find((s) => s.id === sessionId)) || null;
    const room = published?.rooms.find((r) => r.id === session?.roomId)?.name ?? null;
    const about = session
      ? { title: session.title, startsAt: new Date(session.startsAt), endsAt: new Date(session.endsAt), room }
      : { title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, room: null };
    const texts = await this.texts.forKind(event.id, reminderTemplate.kind);
    return new ReminderOccurrenceMessages(event, rule, about, this.agendas.forFanOut(event, version, session?.id ?? null), texts);
  }
}

export class ReminderOccurrenceMessages {
  constructor(
    private readonly event: Event,
    private readonly rule: ReminderRule,
    private readonly about: { title: string; startsAt: Date; endsAt: Date; room: string | null },
    private readonly agendas: FanOutAgendas,
    /** The event's own wording of reminders, by language; a rule's own subject and message come before it. */
    private readonly texts: Partial<Record<MailLanguage, EditedText>>,
  ) {}

  /** Each recipient's own sessions and calendar, in the order given; one query for a batch. */
  agendasOf(recipients: Recipient[]): Promise<RecipientAgenda[]> {
    return this.agendas.batch(recipients);
  }

  params(recipient: Recipient, own: RecipientAgenda, link: string): ReminderParams {
    const language = mailLanguage(recipient.language);
    const feedback = this.rule.surveyId !== null;
    const spanIn = (start: Date, end: Date) => describeSpan(start, end, this.event.timezone, mailLocale(language));
    return {
      language,
      name: recipient.name,
      eventTitle: this.event.title,
      subjectTitle: this.about.title,
      when: spanIn(this.about.startsAt, this.about.endsAt),
      room: this.about.room,
      venue: this.event.venue,
      link,
      customSubject: this.rule.subject,
      customMessage: this.rule.message,
      // The event's reminder wording speaks of what is coming; a survey asks about what was.
      text: feedback ? null : (this.texts[language] ?? null),
      feedback,
      sessions: (feedback ? [] : own.sessions).map((s) => ({
        title: s.title,
        presentation: s.presentation,
        when: spanIn(s.startsAt, s.endsAt),
        room: s.room,
        waitlisted: s.waitlisted,
      })),
    };
  }

  /** A survey's invitation comes after the event: no calendar to add. */
  attachments(own: RecipientAgenda): EmailAttachment[] {
    if (this.rule.surveyId) return [];
    return [{ filename: 'calendar.ics', contentType: ICS_CONTENT_TYPE, content: Buffer.from(own.ics).toString('base64') }];
  }
}
