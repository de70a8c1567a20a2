import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { Person } from '../people/person.entity';
import { Page, decodeCursor, toPage } from '../platform/http/pagination';
import { Problem } from '../platform/http/problem';
import { CheckIn } from './check-in.entity';
import { RegistrationQuery } from './dto/registration-query.dto';
import { Registration } from './registration.entity';
import { RegistrationView, registrationView } from './registration.view';

const CSV_BATCH = 500;

export type AttendeeAudience = 'confirmed' | 'waitlisted' | 'session_signups' | 'checked_in' | 'no_shows';

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
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async page(eventId: string, timezone: string, query: RegistrationQuery): Promise<Page<RegistrationView>> {
    const cursor = decodeCursor(query.cursor);
    const builder = this.filtered(eventId, query).limit(query.limit + 1);
    if (cursor) builder.andWhere('(r.created_at, r.id) > (:after::timestamptz, :id::uuid)', cursor);
    const rows = await builder.getMany();
    const [people, days] = await Promise.all([this.peopleOf(rows), this.daysOf(rows)]);
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
      const builder = this.filtered(eventId, query).limit(CSV_BATCH);
      if (cursor) builder.andWhere('(r.created_at, r.id) > (:after::timestamptz, :id::uuid)', cursor);
      const rows = await builder.getMany();
      if (rows.length === 0) return;
      const [people, days] = await Promise.all([this.peopleOf(rows), this.daysOf(rows)]);
      for (const r of rows) yield registrationView(r, people.get(r.personId) as Person, timezone, days.get(r.id) ?? []);
      const last = rows[rows.length - 1];
      cursor = { after: last.createdAt.toISOString(), id: last.id };
    }
  }

  async one(eventId: string, registrationId: string, timezone: string): Promise<RegistrationView> {
    const registration = await this.db.getRepository(Registration).findOne({ where: { eventId, id: registrationId } });
    if (!registration) throw Problem.notFound(`No registration ${registrationId} in this event`);
    const [people, days] = await Promise.all([this.peopleOf([registration]), this.daysOf([registration])]);
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
    const filters: Record<AttendeeAudience, string> = {
      confirmed: `r.status = 'confirmed'`,
      waitlisted: `r.status = 'waitlisted'`,
      session_signups: `r.status = 'confirmed' AND EXISTS (SELECT 1 FROM session_signups s WHERE s.registration_id = r.id AND s.session_id = $4 AND s.status = 'confirmed')`,
      checked_in: `r.status = 'confirmed' AND EXISTS (SELECT 1 FROM check_ins c WHERE c.registration_id = r.id)`,
      no_shows: `r.status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.registration_id = r.id)`,
    };
    const rows: Array<{ person_id: string; name: string; email: string; language: string | null; registration_id: string }> =
      await this.db.query(
        `SELECT p.id AS person_id, p.name, p.email, p.language, r.id AS registration_id
         FROM registrations r JOIN people p ON p.id = r.person_id
        WHERE r.event_id = $1 AND p.email IS NOT NULL AND ($2::uuid IS NULL OR p.id > $2::uuid) AND ${filters[audience]}
        ORDER BY p.id LIMIT $3`,
        audience === 'session_signups' ? [eventId, afterPersonId, limit, sessionId] : [eventId, afterPersonId, limit],
      );
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
    const rows: Array<{ person_id: string; name: string; email: string; language: string | null; registration_id: string }> =
      await this.db.query(
        `SELECT p.id AS person_id, p.name, p.email, p.language, r.id AS registration_id
         FROM registrations r JOIN people p ON p.id = r.person_id
        WHERE r.event_id = $1 AND r.id = ANY($2::uuid[]) AND p.email IS NOT NULL AND ($3::uuid IS NULL OR p.id > $3::uuid)
        ORDER BY p.id LIMIT $4`,
        [eventId, registrationIds, afterPersonId, limit],
      );
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
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM registrations WHERE event_id = $1 AND id = ANY($2::uuid[])`, [
      eventId,
      registrationIds,
    ]);
    return new Set(rows.map((r) => r.id));
  }

  async counts(eventId: string): Promise<Record<string, number>> {
    const rows: Array<{ status: string; n: number }> = await this.db.query(
      `SELECT status, count(*)::int AS n FROM registrations WHERE event_id = $1 GROUP BY status`,
      [eventId],
    );
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
    const rows: Array<{ event_id: string; status: string; n: number }> = await this.db.query(
      `SELECT event_id, status, count(*)::int AS n FROM registrations WHERE event_id = ANY($1::uuid[]) GROUP BY event_id, status`,
      [eventIds],
    );
    for (const row of rows) (out.get(row.event_id) as Record<string, number>)[row.status] = row.n;
    return out;
  }

  private filtered(eventId: string, query: RegistrationQuery): SelectQueryBuilder<Registration> {
    const builder = this.db
      .getRepository(Registration)
      .createQueryBuilder('r')
      .innerJoin(Person, 'p', 'p.id = r.person_id')
      .where('r.event_id = :eventId', { eventId })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC');
    if (query.status) builder.andWhere('r.status = :status', { status: query.status });
    if (query.countryCode) builder.andWhere('p.country_code = :countryCode', { countryCode: query.countryCode });
    if (query.organisationType) builder.andWhere('p.organisation_type = :organisationType', { organisationType: query.organisationType });
    if (query.q) {
      builder.andWhere('(p.name ILIKE :q OR p.email ILIKE :q OR p.organisation ILIKE :q)', {
        q: `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`,
      });
    }
    if (query.checkedInOn) {
      builder.andWhere('EXISTS (SELECT 1 FROM check_ins c WHERE c.registration_id = r.id AND c.day = :day)', { day: query.checkedInOn });
    }
    return builder;
  }

  private async peopleOf(rows: Registration[]): Promise<Map<string, Person>> {
    if (rows.length === 0) return new Map();
    const people = await this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .where('p.id IN (:...ids)', { ids: [...new Set(rows.map((r) => r.personId))] })
      .getMany();
    return new Map(people.map((p) => [p.id, p]));
  }

  private async daysOf(rows: Registration[]): Promise<Map<string, string[]>> {
    if (rows.length === 0) return new Map();
    const checkIns = await this.db
      .getRepository(CheckIn)
      .createQueryBuilder('c')
      .where('c.registration_id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .orderBy('c.day', 'ASC')
      .getMany();
    const days = new Map<string, string[]>();
    for (const c of checkIns) days.set(c.registrationId, [...(days.get(c.registrationId) ?? []), c.day]);
    return days;
  }
}
