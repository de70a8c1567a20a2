import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventsService } from '../events/events.service';
import { Person } from '../people/person.entity';
import { formatInZone } from '../platform/time/zoned-time';
import { RegistrationQueriesService } from './registration-queries.service';
import { RegistrationsService } from './registrations.service';

/** Everything Plenary holds about one attendee for an event (data portability), for the API and the attendee's page alike. */
@Injectable()
export class RegistrationDataService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly registrations: RegistrationsService,
    private readonly queries: RegistrationQueriesService,
    private readonly events: EventsService,
  ) {}

  async export(eventId: string, registrationId: string) {
    const event = await this.events.getEntity(eventId);
    const registration = await this.registrations.load(event.id, registrationId);
    const person = await this.db.getRepository(Person).findOneByOrFail({ id: registration.personId });
    const emails: Array<{ kind: string; subject: string; status: string; created_at: Date; sent_at: Date | null }> = await this.db.query(
      `SELECT kind, subject, status, created_at, sent_at FROM emails WHERE event_id = $1 AND lower(to_address) = $2 ORDER BY created_at`,
      [event.id, person.emailKey],
    );
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
    };
  }
}
