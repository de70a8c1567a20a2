import { Injectable } from '@nestjs/common';
import { ActedBy, AuditJson, AuditService } from '../audit/audit.service';
import { PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import { Page, decodeCursor, toPage } from '../platform/http/pagination';
import { Problem } from '../platform/http/problem';
import { TableFormat } from '../platform/http/table-download';
import { RegistrationQuery } from './dto/registration-query.dto';
import { Registration, RegistrationStatus } from './registration.entity';
import { AttendeeAudience, RegistrationQueriesRepository } from './registration-queries.repository';
import { RegistrationView, registrationView } from './registration.view';

const CSV_BATCH = 500;

const EXPORT_FILTERS = ['status', 'countryCode', 'organisationType', 'checkedInOn', 'q'] as const;

export type { AttendeeAudience } from './registration-queries.repository';

export interface AttendeeRecipient {
  personId: string;
  name: string;
  email: string;
  language: string | null;
  registrationId: string;
}

/** Reads for organisers: filtered pages, the CSV export and counts. */
@Injectable()
export class RegistrationQueriesService {
  constructor(
    private readonly repository: RegistrationQueriesRepository,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
  ) {}

  async page(eventId: string, timezone: string, query: RegistrationQuery): Promise<Page<RegistrationView>> {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.repository.matching(eventId, query, query.limit + 1, cursor);
    const [people, days] = await Promise.all([this.peopleOf(eventId, rows), this.daysOf(rows)]);
    return toPage(
      rows,
      query.limit,
      (r) => registrationView(r, people.get(r.personId) as Person, timezone, days.get(r.id) ?? []),
      (r) => ({ after: r.createdAt.toISOString(), id: r.id }),
    );
  }

  /** Every matching registration, a batch at a time, so an export of thousands stays small in memory. */
  async *all(eventId: string, timezone: string, query: RegistrationQuery): AsyncGenerator<RegistrationView> {
    let cursor: { after: string; id: string } | null = null;
    for (;;) {
      const rows = await this.repository.matching(eventId, query, CSV_BATCH, cursor);
      if (rows.length === 0) return;
      const [people, days] = await Promise.all([this.peopleOf(eventId, rows), this.daysOf(rows)]);
      for (const r of rows) yield registrationView(r, people.get(r.personId) as Person, timezone, days.get(r.id) ?? []);
      const last = rows[rows.length - 1];
      cursor = { after: last.createdAt.toISOString(), id: last.id };
    }
  }

  /**
   * `all`, as a file an organiser downloads: the audit entry is written before
   * the first row, so a download cut short is still on record.
   */
  async export(
    eventId: string,
    timezone: string,
    query: RegistrationQuery,
    format: TableFormat,
    by: ActedBy,
  ): Promise<AsyncGenerator<RegistrationView>> {
    const filters: Record<string, AuditJson> = {};
    for (const key of EXPORT_FILTERS) if (query[key] !== undefined) filters[key] = query[key];
    await this.audit.record({
      eventId,
      actor: by.actor,
      action: 'registrations.exported',
      subject: { type: 'registrations', id: null },
      details: { ...by.details, format, filters },
    });
    return this.all(eventId, timezone, query);
  }

  async one(eventId: string, registrationId: string, timezone: string): Promise<RegistrationView> {
    const registration = await this.repository.findOne(eventId, registrationId);
    if (!registration) throw Problem.notFound(`No registration ${registrationId} in this event`);
    const [people, days] = await Promise.all([this.peopleOf(eventId, [registration]), this.daysOf([registration])]);
    return registrationView(registration, people.get(registration.personId) as Person, timezone, days.get(registration.id) ?? []);
  }

  /**
   * A batch of attendees to write to, in person-id order after `afterPersonId`;
   * erased people (no address) are left out.
   */
  async recipients(
    eventId: string,
    audience: AttendeeAudience,
    afterPersonId: string | null,
    limit: number,
    sessionId?: string | null,
  ): Promise<AttendeeRecipient[]> {
    const rows = await this.repository.recipients(eventId, audience, afterPersonId, limit, sessionId);
    return rows.map((r) => ({
      personId: r.person_id,
      name: r.name,
      email: r.email,
      language: r.language,
      registrationId: r.registration_id,
    }));
  }

  /** The picked registrations of the event that have an address, a batch at a time in person-id order. */
  async selectedRecipients(
    eventId: string,
    registrationIds: string[],
    afterPersonId: string | null,
    limit: number,
  ): Promise<AttendeeRecipient[]> {
    const rows = await this.repository.selectedRecipients(eventId, registrationIds, afterPersonId, limit);
    return rows.map((r) => ({
      personId: r.person_id,
      name: r.name,
      email: r.email,
      language: r.language,
      registrationId: r.registration_id,
    }));
  }

  /** Which of these ids are registrations of the event. */
  async existingIds(eventId: string, registrationIds: string[]): Promise<Set<string>> {
    return new Set(await this.repository.existingIds(eventId, registrationIds));
  }

  /** The event's registrations of these ids, by id (ids of other events or none left out). */
  async many(eventId: string, registrationIds: string[], timezone: string): Promise<Map<string, RegistrationView>> {
    if (registrationIds.length === 0) return new Map();
    const rows = await this.repository.findMany(eventId, registrationIds);
    const [people, days] = await Promise.all([this.peopleOf(eventId, rows), this.daysOf(rows)]);
    return new Map(rows.map((r) => [r.id, registrationView(r, people.get(r.personId) as Person, timezone, days.get(r.id) ?? [])]));
  }

  /** The status of each registration that still exists, whatever its event. */
  async statusesOf(registrationIds: string[]): Promise<Map<string, RegistrationStatus>> {
    if (registrationIds.length === 0) return new Map();
    return new Map((await this.repository.statusesOf(registrationIds)).map((r) => [r.id, r.status]));
  }

  async counts(eventId: string): Promise<Record<string, number>> {
    const rows = await this.repository.countsByStatus(eventId);
    const counts: Record<string, number> = { pending: 0, confirmed: 0, waitlisted: 0, cancelled: 0, rejected: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** `counts` of many events in one statement, for the organiser's list of events. */
  async countsByEvent(eventIds: string[]): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>(
      eventIds.map((id) => [id, { pending: 0, confirmed: 0, waitlisted: 0, cancelled: 0, rejected: 0 }]),
    );
    if (eventIds.length === 0) return out;
    const rows = await this.repository.countsByEventAndStatus(eventIds);
    for (const row of rows) (out.get(row.event_id) as Record<string, number>)[row.status] = row.n;
    return out;
  }

  private async peopleOf(eventId: string, rows: Registration[]): Promise<Map<string, Person>> {
    const people = await this.people.byIds(eventId, [...new Set(rows.map((r) => r.personId))]);
    return new Map(people.map((p) => [p.id, p]));
  }

  private async daysOf(rows: Registration[]): Promise<Map<string, string[]>> {
    if (rows.length === 0) return new Map();
    const checkIns = await this.repository.checkInsOf(rows.map((r) => r.id));
    const days = new Map<string, string[]>();
    for (const c of checkIns) days.set(c.registrationId, [...(days.get(c.registrationId) ?? []), c.day]);
    return days;
  }
}
