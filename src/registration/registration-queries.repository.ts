import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { CheckIn } from './check-in.entity';
import { RegistrationQuery } from './dto/registration-query.dto';
import { Registration, RegistrationStatus } from './registration.entity';

export type AttendeeAudience = 'confirmed' | 'waitlisted' | 'session_signups' | 'checked_in' | 'no_shows';

/** An attendee to write to, as Postgres returns them. */
export interface RecipientRow {
  person_id: string;
  name: string;
  email: string;
  language: string | null;
  registration_id: string;
}

/** The organisers' reads of registrations: only RegistrationQueriesService uses this. */
@Injectable()
export class RegistrationQueriesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Up to `limit` registrations matching `query` in creation order, after `cursor` if given. */
  matching(
    eventId: string,
    query: RegistrationQuery,
    limit: number,
    cursor: { after: string; id: string } | null,
  ): Promise<Registration[]> {
    const builder = this.filtered(eventId, query).limit(limit);
    if (cursor) builder.andWhere('(r.created_at, r.id) > (:after::timestamptz, :id::uuid)', cursor);
    return builder.getMany();
  }

  findOne(eventId: string, registrationId: string): Promise<Registration | null> {
    return this.db.getRepository(Registration).findOne({ where: { eventId, id: registrationId } });
  }

  /** The check-ins of these registrations, by day. */
  checkInsOf(registrationIds: string[]): Promise<CheckIn[]> {
    return this.db
      .getRepository(CheckIn)
      .createQueryBuilder('c')
      .where('c.registration_id IN (:...ids)', { ids: registrationIds })
      .orderBy('c.day', 'ASC')
      .getMany();
  }

  /** A batch of the audience with an address, in person-id order after `afterPersonId`. */
  recipients(
    eventId: string,
    audience: AttendeeAudience,
    afterPersonId: string | null,
    limit: number,
    sessionId?: string | null,
  ): Promise<RecipientRow[]> {
    const filters: Record<AttendeeAudience, string> = {
      confirmed: `r.status = 'confirmed'`,
      waitlisted: `r.status = 'waitlisted'`,
      session_signups: `r.status = 'confirmed' AND EXISTS (SELECT 1 FROM session_signups s WHERE s.registration_id = r.id AND s.session_id = $4 AND s.status = 'confirmed')`,
      checked_in: `r.status = 'confirmed' AND EXISTS (SELECT 1 FROM check_ins c WHERE c.registration_id = r.id)`,
      no_shows: `r.status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.registration_id = r.id)`,
    };
    return this.db.query(
      `SELECT p.id AS person_id, p.name, p.email, p.language, r.id AS registration_id
         FROM registrations r JOIN people p ON p.id = r.person_id
        WHERE r.event_id = $1 AND p.email IS NOT NULL AND ($2::uuid IS NULL OR p.id > $2::uuid) AND ${filters[audience]}
        ORDER BY p.id LIMIT $3`,
      audience === 'session_signups' ? [eventId, afterPersonId, limit, sessionId] : [eventId, afterPersonId, limit],
    );
  }

  /** A batch of the picked registrations with an address, in person-id order after `afterPersonId`. */
  selectedRecipients(eventId: string, registrationIds: string[], afterPersonId: string | null, limit: number): Promise<RecipientRow[]> {
    return this.db.query(
      `SELECT p.id AS person_id, p.name, p.email, p.language, r.id AS registration_id
         FROM registrations r JOIN people p ON p.id = r.person_id
        WHERE r.event_id = $1 AND r.id = ANY($2::uuid[]) AND p.email IS NOT NULL AND ($3::uuid IS NULL OR p.id > $3::uuid)
        ORDER BY p.id LIMIT $4`,
      [eventId, registrationIds, afterPersonId, limit],
    );
  }

  async existingIds(eventId: string, registrationIds: string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM registrations WHERE event_id = $1 AND id = ANY($2::uuid[])`, [
      eventId,
      registrationIds,
    ]);
    return rows.map((r) => r.id);
  }

  findMany(eventId: string, registrationIds: string[]): Promise<Registration[]> {
    return this.db.getRepository(Registration).find({ where: { eventId, id: In(registrationIds) } });
  }

  statusesOf(registrationIds: string[]): Promise<Array<{ id: string; status: RegistrationStatus }>> {
    return this.db.query(`SELECT id, status FROM registrations WHERE id = ANY($1::uuid[])`, [registrationIds]);
  }

  /** Registrations per status of the event (statuses without any left out). */
  countsByStatus(eventId: string): Promise<Array<{ status: string; n: number }>> {
    return this.db.query(`SELECT status, count(*)::int AS n FROM registrations WHERE event_id = $1 GROUP BY status`, [eventId]);
  }

  /** Registrations per event and status, in one statement. */
  countsByEventAndStatus(eventIds: string[]): Promise<Array<{ event_id: string; status: string; n: number }>> {
    return this.db.query(
      `SELECT event_id, status, count(*)::int AS n FROM registrations WHERE event_id = ANY($1::uuid[]) GROUP BY event_id, status`,
      [eventIds],
    );
  }

  private filtered(eventId: string, query: RegistrationQuery): SelectQueryBuilder<Registration> {
    const builder = this.db
      .getRepository(Registration)
      .createQueryBuilder('r')
      .innerJoin('people', 'p', 'p.id = r.person_id')
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
}
