import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Event } from '../events/event.entity';
import { Person } from '../people/person.entity';
import { sql } from '../platform/database/sql';
import { Problem } from '../platform/http/problem';
import { formatInZone, localDate, localDatesBetween } from '../platform/time/zoned-time';
import { normaliseCheckInCode } from './check-in-code';
import { CheckIn } from './check-in.entity';
import { CheckInInput } from './dto/check-in.dto';
import { Registration } from './registration.entity';

/** Why a registration that is not confirmed is refused at the door, by its status (the desk page words these itself). */
export const CHECK_IN_REFUSALS: Record<string, string> = {
  pending: "is awaiting the organisers' approval",
  waitlisted: 'is on the waiting list, without a place',
  cancelled: 'was cancelled',
  rejected: 'was not accepted',
};

/** The door: one check-in per registration and local day of the event. */
@Injectable()
export class CheckInsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async checkIn(event: Event, input: CheckInInput, organiserId: string) {
    const days = localDatesBetween(event.startsAt, event.endsAt, event.timezone);
    const day = input.day ?? localDate(new Date(), event.timezone);
    if (!days.includes(day)) {
      throw Problem.unprocessable(
        input.day
          ? `${day} is not one of the event's days (${days.join(', ')})`
          : `Today (${day} in ${event.timezone}) is not one of the event's days (${days.join(', ')}); give the day`,
        [{ field: 'day', message: `expected one of ${days.join(', ')}` }],
      );
    }
    const registration = await this.db.getRepository(Registration).findOne({
      where: input.registrationId
        ? { eventId: event.id, id: input.registrationId }
        : { eventId: event.id, checkInCode: normaliseCheckInCode(input.code as string) },
    });
    if (!registration)
      throw Problem.notFound(
        input.code ? `No registration with code ${input.code} in this event` : `No registration ${input.registrationId} in this event`,
      );
    const person = await this.db.getRepository(Person).findOneByOrFail({ id: registration.personId });
    if (registration.status !== 'confirmed') {
      throw Problem.unprocessable(`Not admitted: the registration of ${person.name} ${CHECK_IN_REFUSALS[registration.status]}`);
    }
    const { rows } = await sql<{ id: string }>(
      this.db.manager,
      `INSERT INTO check_ins (event_id, registration_id, day, checked_in_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (registration_id, day) DO NOTHING RETURNING id`,
      [event.id, registration.id, day, organiserId],
    );
    const checkIn = await this.db.getRepository(CheckIn).findOneByOrFail({ registrationId: registration.id, day });
    const at = formatInZone(checkIn.checkedInAt, event.timezone);
    return {
      created: rows.length > 0,
      view: {
        id: checkIn.id,
        registrationId: registration.id,
        name: person.name,
        organisation: person.organisation,
        day,
        checkedInAt: at,
        alreadyCheckedIn: rows.length === 0,
        detail: rows.length === 0 ? `${person.name} already checked in at ${at.slice(11, 16)}` : `${person.name} checked in`,
      },
    };
  }

  async list(event: Event, day?: string) {
    const { rows } = await sql<{
      id: string;
      registration_id: string;
      name: string;
      organisation: string | null;
      day: string;
      checked_in_at: Date;
    }>(
      this.db.manager,
      `SELECT c.id, c.registration_id, p.name, p.organisation, to_char(c.day, 'YYYY-MM-DD') AS day, c.checked_in_at
         FROM check_ins c JOIN registrations r ON r.id = c.registration_id JOIN people p ON p.id = r.person_id
        WHERE c.event_id = $1 AND ($2::date IS NULL OR c.day = $2::date)
        ORDER BY c.checked_in_at, c.id`,
      [event.id, day ?? null],
    );
    const perDay: Record<string, number> = Object.fromEntries(
      localDatesBetween(event.startsAt, event.endsAt, event.timezone).map((d) => [d, 0]),
    );
    for (const row of rows) perDay[row.day] = (perDay[row.day] ?? 0) + 1;
    return {
      items: rows.map((r) => ({
        id: r.id,
        registrationId: r.registration_id,
        name: r.name,
        organisation: r.organisation,
        day: r.day,
        checkedInAt: formatInZone(r.checked_in_at, event.timezone),
      })),
      nextCursor: null,
      countsByDay: perDay,
    };
  }
}
