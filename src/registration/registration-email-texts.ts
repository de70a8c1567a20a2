import { Event } from '../events/event.entity';
import { EditableEmail } from '../platform/mail/editable-text';
import { mailLocale } from '../platform/mail/mail-language';
import { renderMail } from '../platform/mail/mail-template';
import { describeSpan } from '../platform/time/zoned-time';
import {
  CHECK_IN_QR_CID,
  REGISTRATION_PLACEHOLDERS,
  RegistrationMailKind,
  registrationDefaultText,
} from './mail/registration-mail.templates';
import { EDITABLE_KINDS, TEMPLATES } from './registration-mail.service';

/** The registration emails organisers may reword: confirmation, waiting list, promotion from it. */
export const REGISTRATION_EDITABLE_EMAILS: Array<EditableEmail<Event>> = [...EDITABLE_KINDS].map((kind: RegistrationMailKind) => ({
  kind: TEMPLATES[kind].kind,
  placeholders: REGISTRATION_PLACEHOLDERS,
  defaults: (language) => registrationDefaultText(kind, language),
  sample: (language, text, event) => ({
    ...renderMail(TEMPLATES[kind], {
      language,
      name: 'Ana García',
      eventTitle: event.title,
      when: describeSpan(event.startsAt, event.endsAt, event.timezone, mailLocale(language)),
      venue: event.venue,
      link: `/my-registration?token=sample`,
      checkInCode: 'K7M2Q9XP',
      text,
    }),
    attachments:
      kind === 'waitlisted'
        ? []
        : [{ filename: 'check-in-code.png', contentType: 'image/png', cid: CHECK_IN_QR_CID, qrCodeOf: 'K7M2Q9XP' }],
  }),
}));
