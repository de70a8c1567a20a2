import { Injectable } from '@nestjs/common';
import { ActedBy, AuditRecord, AuditService, actedEntry } from '../audit/audit.service';
import { Event } from '../events/event.entity';
import { PeopleService } from '../people/people.service';
import { TransactionService } from '../platform/database/transaction.service';
import { Problem } from '../platform/http/problem';
import { formatInZone, localDate, localDatesBetween } from '../platform/time/zoned-time';
import { normaliseCheckInCode } from './check-in-code';
import { AttendanceRow, CheckInsRepository } from './check-ins.repository';
import { CheckInInput } from './dto/check-in.dto';
import { RegistrationsRepository } from './registrations.repository';

export type { AttendanceRow };

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
  constructor(
    private readonly checkIns: CheckInsRepository,
    private readonly registrations: RegistrationsRepository,
    private readonly people: PeopleService,
    private readonly transactions: TransactionService,
    private readonly audit: AuditService,
  ) {}

  async checkIn(event: Event, input: CheckInInput, by: ActedBy) {
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
    const registration = await this.registrations.findByIdOrCode(
      event.id,
      input.registrationId ? { id: input.registrationId } : { checkInCode: normaliseCheckInCode(input.code as string) },
    );
    if (!registration)
      throw Problem.notFound(
        input.code ? `No registration with code ${input.code} in this event` : `No registration ${input.registrationId} in this event`,
      );
    const person = await this.people.getEntity(this.checkIns.manager, registration.personId);
    if (registration.status !== 'confirmed') {
      throw Problem.unprocessable(`Not admitted: the registration of ${person.name} ${CHECK_IN_REFUSALS[registration.status]}`);
    }
    const created = await this.transactions.run(async ({ manager }) => {
      const checkInId = await this.checkIns.insertOnce(manager, event.id, {
        registrationId: registration.id,
        day,
        organiserId: by.actor.organiserId,
      });
      if (checkInId)
        await this.audit.record(
          checkInEntry('check-in.recorded', event.id, { registrationId: registration.id, day, checkInId }, by),
          manager,
        );
      return checkInId !== null;
    });
    const checkIn = await this.checkIns.getForDay(registration.id, day);
    const at = formatInZone(checkIn.checkedInAt, event.timezone);
    return {
      created,
      view: {
        id: checkIn.id,
        registrationId: registration.id,
        name: person.name,
        organisation: person.organisation,
        day,
        checkedInAt: at,
        alreadyCheckedIn: !created,
        detail: created ? `${person.name} checked in` : `${person.name} already checked in at ${at.slice(11, 16)}`,
      },
    };
  }

  /** Takes back a check-in made by mistake; it no longer counts anywhere (desk, stats, certificates, reports). */
  async undo(eventId: string, checkInId: string, by: ActedBy): Promise<void> {
    await this.transactions.run(async ({ manager }) => {
      const undone = await this.checkIns.delete(manager, eventId, checkInId);
      if (!undone) throw Problem.notFound(`No check-in ${checkInId} in this event`);
      await this.audit.record(checkInEntry('check-in.undone', eventId, { ...undone, checkInId }, by), manager);
    });
  }

  async list(event: Event, day?: string) {
    const rows = await this.checkIns.list(event.id, day ?? null);
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

  /** Who attended (confirmed, checked in at least once) and on which local days: a page in registration id order. */
  attendance(eventId: string, afterId: string | null, limit: number): Promise<AttendanceRow[]> {
    return this.checkIns.attendance(eventId, { afterId, limit });
  }

  /** One registration's days attended, or null when it is not confirmed or never checked in. */
  async attendanceOf(eventId: string, registrationId: string): Promise<AttendanceRow | null> {
    return (await this.checkIns.attendance(eventId, { registrationId }))[0] ?? null;
  }

  countAttended(eventId: string): Promise<number> {
    return this.checkIns.countAttended(eventId);
  }
}

/** An entry about a check-in names the registration, so the log shows the person (until they are erased). */
function checkInEntry(
  action: 'check-in.recorded' | 'check-in.undone',
  eventId: string,
  checkIn: { registrationId: string; day: string; checkInId: string },
  by: ActedBy,
): AuditRecord {
  const { registrationId, day, checkInId } = checkIn;
  return actedEntry(by, { eventId, action, subject: { type: 'registration', id: registrationId }, details: { day, checkInId } });
}
