import { Event } from '../../events/event.entity';
import { EditableEmail } from '../../platform/mail/editable-text';
import { PRESENTER_EDITABLE_EMAILS } from '../../presenters/presenter-email-texts';
import { REGISTRATION_EDITABLE_EMAILS } from '../../registration/registration-email-texts';
import { REMINDER_EDITABLE_EMAILS } from '../../reminders/reminder-email-texts';

/** Every system email organisers may reword, in the order the page lists them; each module describes its own. */
export const EDITABLE_EMAILS: Array<EditableEmail<Event>> = [
  ...REGISTRATION_EDITABLE_EMAILS,
  ...PRESENTER_EDITABLE_EMAILS,
  ...REMINDER_EDITABLE_EMAILS,
];

export function editableEmail(kind: string): EditableEmail<Event> | undefined {
  return EDITABLE_EMAILS.find((email) => email.kind === kind);
}
