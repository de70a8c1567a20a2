import { RegistrationView } from '../registration/registration.view';
import { LetterRequestRow } from './letters.repository';

/** The request as its attendee sees it: the passport number only as its last two characters. */
export function myLetterView(row: LetterRequestRow) {
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
    decidedAt: row.decided_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    downloadable: row.status === 'approved',
  };
}

/** The request as the event's organisers see it, with whose registration it is. */
export function letterRequestView(row: LetterRequestRow, registration: RegistrationView, verificationUrl: string) {
  const { downloadable: _, ...fields } = myLetterView(row);
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
