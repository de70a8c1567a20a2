import { Injectable } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { PeopleService } from '../people/people.service';
import { formatInZone } from '../platform/time/zoned-time';
import { PersonalDataSections } from './personal-data-sections';
import { RegistrationDataRepository } from './registration-data.repository';
import { RegistrationQueriesService } from './registration-queries.service';
import { RegistrationsService } from './registrations.service';

/**
 * Everything Plenary holds about one attendee for an event (data portability), for the API and the attendee's page alike:
 * the registration and the emails sent here, and the sections the modules above registration add (`PersonalDataSections`).
 */
@Injectable()
export class RegistrationDataService {
  constructor(
    private readonly repository: RegistrationDataRepository,
    private readonly people: PeopleService,
    private readonly registrations: RegistrationsService,
    private readonly queries: RegistrationQueriesService,
    private readonly events: EventsService,
    private readonly sections: PersonalDataSections,
  ) {}

  async export(eventId: string, registrationId: string) {
    const event = await this.events.getEntity(eventId);
    const registration = await this.registrations.load(event.id, registrationId);
    const person = await this.people.getEntity(this.repository.manager, registration.personId);
    const emails = await this.repository.emailsTo(event.id, person.emailKey);
    const at = (value: Date | null) => (value ? formatInZone(value, event.timezone) : null);
    return {
      exportedAt: at(new Date()),
      event: { id: event.id, title: event.title, startsAt: at(event.startsAt), endsAt: at(event.endsAt) },
      registration: await this.queries.one(event.id, registration.id, event.timezone),
      emails: emails.map((e) => ({
        kind: e.kind,
        subject: e.subject,
        status: e.status,
        createdAt: at(e.created_at),
        sentAt: at(e.sent_at),
      })),
      ...(await this.sections.read({ eventId: event.id, registrationId: registration.id, personId: person.id, timezone: event.timezone })),
    };
  }
}
