import { Event } from '../events/event.entity';
import { EditableEmail } from '../platform/mail/editable-text';
import { mailLocale } from '../platform/mail/mail-language';
import { renderMail } from '../platform/mail/mail-template';
import { describeInstant, describeSpan } from '../platform/time/zoned-time';
import { CHANGE_NOTICE_PLACEHOLDERS, changeNoticeDefaultText, changeNoticeTemplate } from './mail/change-notice.template';
import { REMINDER_PLACEHOLDERS, reminderDefaultText, reminderTemplate } from './mail/reminder.template';

/** The emails of this module organisers may reword: reminders (where a rule has no words of its own) and change notices. */
export const REMINDER_EDITABLE_EMAILS: Array<EditableEmail<Event>> = [
  {
    kind: reminderTemplate.kind,
    placeholders: REMINDER_PLACEHOLDERS,
    defaults: reminderDefaultText,
    sample: (language, text, event) =>
      renderMail(reminderTemplate, {
        language,
        name: 'Ana García',
        eventTitle: event.title,
        subjectTitle: event.title,
        when: describeSpan(event.startsAt, event.endsAt, event.timezone, mailLocale(language)),
        room: null,
        venue: event.venue,
        link: '/my-registration?token=sample',
        customSubject: null,
        customMessage: null,
        sessions: [],
        text,
      }),
  },
  {
    kind: changeNoticeTemplate.kind,
    placeholders: CHANGE_NOTICE_PLACEHOLDERS,
    defaults: changeNoticeDefaultText,
    sample: (language, text, event) =>
      renderMail(changeNoticeTemplate, {
        language,
        name: 'Ana García',
        eventTitle: event.title,
        zone: event.timezone,
        kind: 'agenda',
        changes: [
          {
            change: 'session-moved',
            title: 'Opening plenary',
            from: describeInstant(event.startsAt, event.timezone, mailLocale(language)),
            to: describeInstant(new Date(event.startsAt.getTime() + 3_600_000), event.timezone, mailLocale(language)),
          },
        ],
        link: '/my-registration?token=sample',
        text,
      }),
  },
];
