import { Event } from '../events/event.entity';
import { EditableEmail } from '../platform/mail/editable-text';
import { mailLocale } from '../platform/mail/mail-language';
import { renderMail } from '../platform/mail/mail-template';
import { describeSpan } from '../platform/time/zoned-time';
import {
  PRESENTER_INVITATION_PLACEHOLDERS,
  presenterInvitationDefaultText,
  presenterInvitationTemplate,
} from './mail/presenter-invitation.template';

/** The presenters' email organisers may reword: the invitation. */
export const PRESENTER_EDITABLE_EMAILS: Array<EditableEmail<Event>> = [
  {
    kind: presenterInvitationTemplate.kind,
    placeholders: PRESENTER_INVITATION_PLACEHOLDERS,
    defaults: presenterInvitationDefaultText,
    sample: (language, text, event) =>
      renderMail(presenterInvitationTemplate, {
        language,
        presenterName: 'Javier Bereche',
        eventTitle: event.title,
        coOrganisers: event.coOrganisers.map((c) => c.name),
        eventWhen: describeSpan(event.startsAt, event.endsAt, event.timezone, mailLocale(language)),
        venue: event.venue,
        presentationTitle: 'Cacao value chains in Piura',
        coPresenters: ['Anna Peeters'],
        slot: null,
        materialsDue: null,
        link: '/presenter?token=sample',
        expiresOn: describeSpan(event.endsAt, event.endsAt, event.timezone, mailLocale(language)),
        text,
      }),
  },
];
