import { DataSource } from 'typeorm';
import { MagicLinkService } from '../auth/magic-link.service';
import { PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import { poolQuery } from '../platform/database/sql';
import { MailLanguage, mailLanguageSql } from '../platform/mail/mail-language';
import { OutboxService } from '../platform/mail/outbox.service';
import { RegisterInput } from './dto/register.dto';
import { RegistrationForm, registrationFormKey } from './registration-form-cache';
import { Registration } from './registration.entity';
import { registrationWindow } from './registration-window';
import { REGISTRATION_COLUMNS } from './registrations.repository';

/** One public registration, checked against its form and with everything the statement needs made ahead. */
export interface PublicRegistration {
  form: RegistrationForm;
  /** Validated, with the answers normalised against the form's questions. */
  input: RegisterInput;
  registrationId: string;
  checkInCode: string;
  tokenHash: string;
  tokenExpiresAt: Date;
  mailId: string;
  /**
   * The language `mails` are written in. The statement writes them only if it
   * is the one the person ends up with: the input's, else the language already
   * stored for the address (a presenter who registers without naming one).
   */
  mailLanguage: MailLanguage;
  /** Headers of both emails, as JSON. */
  mailHeaders: string;
  /** The email for each status the registration may get; the statement keeps the one that matches. */
  mails: Record<
    'confirmed' | 'waitlisted',
    { kind: string; dedupeKey: string; subject: string; html: string; text: string; attachments: string }
  >;
}

export type BatchOutcome =
  | { kind: 'registered'; registration: Registration; person: Person; mailId: string | null; mailStatus: string | null }
  /** The address already has a registration for the event. */
  | { kind: 'duplicate' }
  /** Nothing written for this one: the address is known in the event with another language, which its emails must be in. */
  | { kind: 'relanguage'; language: MailLanguage }
  /** Nothing written: the form changed since it was read, registration closed, or the statement failed as a whole. */
  | { kind: 'unwritten'; error?: unknown };

/** The modules whose tables the batch statement writes, each writing its own part. */
export interface BatchWriters {
  people: PeopleService;
  magicLinks: MagicLinkService;
  outbox: OutboxService;
}

/**
 * Public registrations of one event as one statement and one transaction:
 * people (upserted by email: people's part), registrations, their links'
 * tokens (auth's part) and their emails in the outbox (mail's part). It locks
 * the event row, so the free seats it reads are exact until it commits; the
 * first of them go to the batch in arrival order, the rest of the batch to the
 * waitlist, and the capacity trigger still refuses any seat beyond capacity.
 * It writes nothing unless the event still has the form
 * (`registrationFormKey`) the input was checked against, so the event row is
 * the one `registrationWindow` found open, and that window has not closed
 * since ($33, its `closesAt`). An address that already has a registration
 * gets none (its row comes back without one); nor does one whose emails are
 * in another language than the person will have (its row comes back naming
 * that language, to be rendered again).
 * Rows of one statement share now(); a microsecond per row keeps the waitlist
 * in arrival order.
 *
 * Parameters: $1 event id, $2 form key, $3… one array per column of `input`, $33 when registration closes.
 */
function registerBatch({ people, magicLinks, outbox }: BatchWriters): string {
  return `
WITH input AS (
  SELECT * FROM unnest($3::int[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                       $12::text[], $13::text[], $14::jsonb[], $15::jsonb[], $16::text[], $17::timestamptz[], $18::uuid[],
                       $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::jsonb[],
                       $25::text[], $26::text[], $27::text[], $28::text[], $29::text[], $30::jsonb[],
                       $31::text[], $32::jsonb[])
    AS i(ord, registration_id, name, email, organisation, organisation_type, region, country_code, title,
         language, check_in_code, consents, answers, token_hash, token_expires_at, mail_id,
         confirmed_kind, confirmed_dedupe_key, confirmed_subject, confirmed_html, confirmed_text, confirmed_attachments,
         waitlisted_kind, waitlisted_dedupe_key, waitlisted_subject, waitlisted_html, waitlisted_text, waitlisted_attachments,
         mail_language, mail_headers)
), ev AS (
  SELECT e.id, e.capacity - e.confirmed_count AS free
    FROM events e
   WHERE e.id = $1 AND ${registrationFormKey('e')} = $2 AND now() < $33::timestamptz
     FOR NO KEY UPDATE
), checked AS (
  SELECT i.*,
         EXISTS (SELECT 1 FROM registrations r WHERE r.person_id = known.id AND r.status IN ('pending', 'confirmed', 'waitlisted'))
           AS registered,
         ${mailLanguageSql('coalesce(i.language, known.language)')} AS person_mail_language
    FROM input i CROSS JOIN ev
    LEFT JOIN people known ON known.event_id = ev.id AND known.email_key = lower(i.email)
), fresh AS (
  SELECT * FROM checked WHERE NOT registered AND person_mail_language = mail_language
), person AS (
  ${people.upsertByEmailPart({
    from: 'fresh f CROSS JOIN ev',
    fields: {
      eventId: 'ev.id',
      name: 'f.name',
      email: 'f.email',
      organisation: 'f.organisation',
      organisationType: 'f.organisation_type',
      region: 'f.region',
      countryCode: 'f.country_code',
      title: 'f.title',
      language: 'f.language',
    },
  })}
), numbered AS (
  SELECT f.*, p.id AS person_id, row_number() OVER (ORDER BY f.ord) AS n
    FROM fresh f JOIN person p ON p."emailKey" = lower(f.email)
), registration AS (
  INSERT INTO registrations (id, event_id, person_id, status, check_in_code, source, consents, answers, confirmed_at, waitlisted_at)
  SELECT n.registration_id, ev.id, n.person_id, s.status, n.check_in_code, 'public', n.consents, n.answers,
         CASE WHEN s.status = 'confirmed' THEN now() END,
         CASE WHEN s.status = 'waitlisted' THEN now() + make_interval(secs => n.n / 1e6) END
    FROM numbered n CROSS JOIN ev
   CROSS JOIN LATERAL (SELECT CASE WHEN ev.free IS NULL OR n.n <= ev.free THEN 'confirmed' ELSE 'waitlisted' END AS status) s
  ON CONFLICT (event_id, person_id) WHERE status IN ('pending', 'confirmed', 'waitlisted') DO NOTHING
  RETURNING ${REGISTRATION_COLUMNS}
), token AS (
  ${magicLinks.insertTokensPart({
    from: 'registration r JOIN input i ON i.registration_id = r.id',
    fields: {
      subjectType: `'registration'`,
      subjectId: 'r.id',
      eventId: 'r."eventId"',
      tokenHash: 'i.token_hash',
      expiresAt: 'i.token_expires_at',
    },
  })}
), mail AS (
  ${outbox.insertPart({
    from: `registration r JOIN input i ON i.registration_id = r.id JOIN person p ON p.id = r."personId"
          CROSS JOIN LATERAL (SELECT r.status = 'confirmed' AS confirmed) pick`,
    fields: {
      id: 'i.mail_id',
      eventId: 'r."eventId"',
      toAddress: 'p.email',
      toName: 'p.name',
      headers: 'i.mail_headers',
      kind: 'CASE WHEN pick.confirmed THEN i.confirmed_kind ELSE i.waitlisted_kind END',
      dedupeKey: 'CASE WHEN pick.confirmed THEN i.confirmed_dedupe_key ELSE i.waitlisted_dedupe_key END',
      subject: 'CASE WHEN pick.confirmed THEN i.confirmed_subject ELSE i.waitlisted_subject END',
      html: 'CASE WHEN pick.confirmed THEN i.confirmed_html ELSE i.waitlisted_html END',
      text: 'CASE WHEN pick.confirmed THEN i.confirmed_text ELSE i.waitlisted_text END',
      attachments: 'CASE WHEN pick.confirmed THEN i.confirmed_attachments ELSE i.waitlisted_attachments END',
    },
  })}
)
SELECT i.ord, to_json(r) AS registration, to_json(p) AS person, m.id AS "mailId", m.status AS "mailStatus",
       CASE WHEN NOT c.registered AND c.person_mail_language <> c.mail_language THEN c.person_mail_language END AS "mailLanguage"
  FROM input i CROSS JOIN ev
  JOIN checked c ON c.ord = i.ord
  LEFT JOIN registration r ON r.id = i.registration_id
  LEFT JOIN person p ON p.id = r."personId"
  LEFT JOIN mail m ON m.id = i.mail_id`;
}

const MAX_BATCH = 100;

interface Waiting {
  registration: PublicRegistration;
  resolve: (outcome: BatchOutcome) => void;
}

/**
 * Gathers the public registrations of each event that arrive while the
 * event's previous batch is being written, and writes them together: a burst
 * costs one round trip, one lock of the event row and one commit per batch
 * instead of per registration, and a quiet moment costs no wait at all.
 */
export class PublicRegistrationBatches {
  private readonly events = new Map<string, { waiting: Waiting[]; writing: boolean }>();

  private readonly statement: string;

  constructor(
    private readonly db: DataSource,
    writers: BatchWriters,
  ) {
    this.statement = registerBatch(writers);
  }

  register(registration: PublicRegistration): Promise<BatchOutcome> {
    const eventId = registration.form.event.id;
    let queue = this.events.get(eventId);
    if (!queue) {
      queue = { waiting: [], writing: false };
      this.events.set(eventId, queue);
    }
    const outcome = new Promise<BatchOutcome>((resolve) => queue.waiting.push({ registration, resolve }));
    if (!queue.writing) void this.drain(eventId, queue);
    return outcome;
  }

  private async drain(eventId: string, queue: { waiting: Waiting[]; writing: boolean }): Promise<void> {
    queue.writing = true;
    while (queue.waiting.length > 0) {
      const batch = takeBatch(queue.waiting);
      const outcomes = await this.write(batch.map((w) => w.registration)).catch((error: unknown) =>
        batch.map((): BatchOutcome => ({ kind: 'unwritten', error })),
      );
      batch.forEach((w, i) => w.resolve(outcomes[i]));
    }
    queue.writing = false;
    this.events.delete(eventId);
  }

  private async write(batch: PublicRegistration[]): Promise<BatchOutcome[]> {
    const event = batch[0].form.event;
    const window = registrationWindow(event);
    if (window.state !== 'open' || event.requiresApproval) return batch.map(() => ({ kind: 'unwritten' }));
    const column = <T>(pick: (r: PublicRegistration, i: number) => T) => batch.map(pick);
    const rows = await poolQuery<{
      ord: number;
      registration: (Registration & Record<'createdAt' | 'updatedAt' | 'confirmedAt' | 'waitlistedAt', string>) | null;
      person: (Person & Record<'createdAt' | 'updatedAt', string>) | null;
      mailId: string | null;
      mailStatus: string | null;
      mailLanguage: MailLanguage | null;
    }>(this.db, this.statement, [
      batch[0].form.event.id,
      batch[0].form.key,
      column((_, i) => i),
      column((r) => r.registrationId),
      column((r) => r.input.name),
      column((r) => r.input.email),
      column((r) => r.input.organisation),
      column((r) => r.input.organisationType),
      column((r) => r.input.region),
      column((r) => r.input.countryCode),
      column((r) => r.input.title ?? null),
      column((r) => r.input.language ?? null),
      column((r) => r.checkInCode),
      column((r) => JSON.stringify(r.input.consents)),
      column((r) => JSON.stringify(r.input.answers)),
      column((r) => r.tokenHash),
      column((r) => r.tokenExpiresAt),
      column((r) => r.mailId),
      ...(['confirmed', 'waitlisted'] as const).flatMap((status) => [
        column((r) => r.mails[status].kind),
        column((r) => r.mails[status].dedupeKey),
        column((r) => r.mails[status].subject),
        column((r) => r.mails[status].html),
        column((r) => r.mails[status].text),
        column((r) => r.mails[status].attachments),
      ]),
      column((r) => r.mailLanguage),
      column((r) => r.mailHeaders),
      window.closesAt,
    ]);
    if (rows.length === 0) return batch.map(() => ({ kind: 'unwritten' }));
    const byOrd = new Map(rows.map((row) => [row.ord, row]));
    return batch.map((_, i): BatchOutcome => {
      const row = byOrd.get(i);
      if (row?.mailLanguage) return { kind: 'relanguage', language: row.mailLanguage };
      if (!row?.registration || !row.person) return { kind: 'duplicate' };
      const r = row.registration;
      return {
        kind: 'registered',
        registration: {
          ...r,
          createdAt: new Date(r.createdAt),
          updatedAt: new Date(r.updatedAt),
          confirmedAt: r.confirmedAt ? new Date(r.confirmedAt) : null,
          waitlistedAt: r.waitlistedAt ? new Date(r.waitlistedAt) : null,
        },
        person: { ...row.person, createdAt: new Date(row.person.createdAt), updatedAt: new Date(row.person.updatedAt), erasedAt: null },
        mailId: row.mailId,
        mailStatus: row.mailStatus,
      };
    });
  }
}

/**
 * The next batch: up to MAX_BATCH registrations checked against the same form,
 * each address once (a second submission of an address waits for the next
 * batch, where it finds the first one registered).
 */
function takeBatch(waiting: Waiting[]): Waiting[] {
  const key = waiting[0].registration.form.key;
  const addresses = new Set<string>();
  const batch: Waiting[] = [];
  for (let i = 0; i < waiting.length && batch.length < MAX_BATCH;) {
    const registration = waiting[i].registration;
    const address = registration.input.email.toLowerCase();
    if (registration.form.key !== key || addresses.has(address)) {
      i += 1;
      continue;
    }
    addresses.add(address);
    batch.push(...waiting.splice(i, 1));
  }
  return batch;
}
