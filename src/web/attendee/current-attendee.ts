import type { Request } from 'express';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { RegistrationQueriesService } from '../../registration/registration-queries.service';
import type { RegistrationView } from '../../registration/registration.view';
import { Language, isLanguage } from '../i18n/languages';
import { WebPageError } from '../web-page-error';

export interface Attendee {
  event: Event;
  registration: RegistrationView;
  language: Language;
}

/** The registration the link's cookie names; 401 (the new-link page) without one. */
export function attendeePrincipal(req: Request): { eventId: string; registrationId: string } {
  const principal = req.principal;
  if (principal?.kind !== 'magic-link' || !principal.eventId) throw new WebPageError(401, 'linkInvalid');
  return { eventId: principal.eventId, registrationId: principal.subjectId };
}

/** The attendee's event and registration, and the language their pages speak: theirs unless the visitor picked another. */
export async function currentAttendee(req: Request, events: EventsService, queries: RegistrationQueriesService): Promise<Attendee> {
  const { eventId, registrationId } = attendeePrincipal(req);
  const event = await events.getEntity(eventId);
  const registration = await queries.one(event.id, registrationId, event.timezone);
  const stored = registration.language?.slice(0, 2);
  const language = !req.languageChosen && isLanguage(stored) ? stored : (req.language ?? 'en');
  return { event, registration, language };
}
