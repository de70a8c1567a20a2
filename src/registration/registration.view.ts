import { personView } from '../people/person.view';
import { Person } from '../people/person.entity';
import { formatInZone } from '../platform/time/zoned-time';
import { Registration } from './registration.entity';
import { z } from 'zod';
import { registrationResponse } from './registration.response';

/** A registration as organisers and its own attendee see it (with the check-in code). */
export function registrationView(
  registration: Registration,
  person: Person,
  timezone: string,
  checkedInDays: string[] = [],
): z.output<typeof registrationResponse> {
  const at = (value: Date | null) => (value ? formatInZone(value, timezone) : null);
  const { id: personId, ...details } = personView(person);
  return {
    id: registration.id,
    eventId: registration.eventId,
    status: registration.status,
    checkInCode: registration.checkInCode,
    personId,
    ...details,
    consents: registration.consents,
    answers: registration.answers,
    source: registration.source,
    checkedInDays,
    createdAt: formatInZone(registration.createdAt, timezone),
    confirmedAt: at(registration.confirmedAt),
    waitlistedAt: at(registration.waitlistedAt),
    promotedAt: at(registration.promotedAt),
    cancelledAt: at(registration.cancelledAt),
  };
}

export type RegistrationView = ReturnType<typeof registrationView>;
