import { randomBytes, randomInt } from 'node:crypto';
import { TestDatabase } from './test-database';

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export interface SeededAttendee {
  personId: string;
  registrationId: string;
  email: string;
}

/**
 * `count` confirmed attendees written straight into people and registrations
 * (source `import`, the rows the organiser entry writes, without its
 * confirmation emails) in one statement: thousands through HTTP would take the
 * event's seat lock one after another. For events with no seat limit; the
 * capacity trigger still runs. Addresses are lower-case and unique per call.
 */
export async function seedConfirmedAttendees(db: TestDatabase, eventId: string, count: number): Promise<SeededAttendee[]> {
  const tag = randomBytes(4).toString('hex');
  const emails = Array.from({ length: count }, (_, i) => `attendee${i}-${tag}@crowd.test`);
  const codes = new Set<string>();
  while (codes.size < count) {
    let code = '';
    for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    codes.add(code);
  }
  return db.query<SeededAttendee>(
    `WITH input AS (
       SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS t(name, email, code)
     ), person AS (
       INSERT INTO people (event_id, name, email, email_key, organisation, organisation_type, region, country_code)
       SELECT $1, name, email, lower(email), 'Regional Development Agency', 'public_authority', 'Piura', 'PE' FROM input
       RETURNING id, email
     ), registration AS (
       INSERT INTO registrations (event_id, person_id, status, check_in_code, source, confirmed_at)
       SELECT $1, person.id, 'confirmed', input.code, 'import', now() FROM person JOIN input ON input.email = person.email
       RETURNING id, person_id
     )
     SELECT person.id AS "personId", registration.id AS "registrationId", person.email
       FROM person JOIN registration ON registration.person_id = person.id`,
    [eventId, emails.map((_, i) => `Attendee ${i} Crowd`), emails, [...codes]],
  );
}
