import { formatInZone } from '../platform/time/zoned-time';
import { LetterRequestRow } from './letters.repository';
import type { LetterEntry } from './letters.service';

/** The request as its attendee sees it: the passport number only as its last two characters. */
export function myLetterView({ row, timezone }: { row: LetterRequestRow; timezone: string }) {
  const at = (value: Date | null) => (value ? formatInZone(value, timezone) : null);
  return {
    id: row.id,
    registrationId: row.registration_id,
    status: row.status,
    passportName: row.passport_name,
    nationality: row.nationality,
    passportNumber: `••••••${row.passport_number_last2}`,
    passportExpiry: row.passport_expiry,
    dateOfBirth: row.date_of_birth,
    consulateCity: row.consulate_city,
    consulateCountry: row.consulate_country,
    reference: row.reference,
    rejectionReason: row.rejection_reason,
    decidedAt: at(row.decided_at),
    revokedAt: at(row.revoked_at),
    createdAt: formatInZone(row.created_at, timezone),
    downloadable: row.status === 'approved',
  };
}

/** The request in the attendee's download of their data: as they see it, with why it was revoked. */
export function letterPersonalDataView(letter: { row: LetterRequestRow; timezone: string }) {
  const { downloadable: _, ...fields } = myLetterView(letter);
  return { ...fields, revocationReason: letter.row.revocation_reason };
}

/** The request as the event's organisers see it, with whose registration it is. */
export function letterRequestView(entry: LetterEntry, verificationUrl: string) {
  const { registration } = entry;
  const { downloadable: _, ...fields } = myLetterView(entry);
  return {
    ...fields,
    attendee: {
      name: registration.name,
      email: registration.email,
      registrationStatus: registration.status,
      language: registration.language ?? 'en',
    },
    verificationUrl,
  };
}
