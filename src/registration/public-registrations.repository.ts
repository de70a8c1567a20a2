import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MagicLinkService } from '../auth/magic-link.service';
import { PeopleService } from '../people/people.service';
import type { Person } from '../people/person.entity';
import { poolQuery } from '../platform/database/sql';
import { MailLanguage, mailLanguageSql } from '../platform/mail/mail-language';
import { OutboxService } from '../platform/mail/outbox.service';
import { RegisterInput } from './dto/register.dto';
import { RegistrationForm, registrationFormKey } from './registration-forms.repository';
import { Registration } from './registration.entity';
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

/** What the statement answers for one registration of the batch (`ord`: its place in the batch). */
export interface PublicRegistrationRow {
  ord: number;
  /** Null when nothing was written for it. */
  registration: Registration | null;
  person: Person | null;
  mailId: string | null;
  mailStatus: string | null;
  /** Set when nothing was written because its emails must be in this language. */
  mailLanguage: MailLanguage | null;
}

/** The modules whose tables the batch statement writes, each writing its own part. */
interface BatchWriters {
  people: PeopleService;
  magicLinks: MagicLinkService;
  outbox: OutboxService;
}

/** The batch as rows, one array parameter per column ($3…$32, in the order of `INPUT`'s columns). */
const INPUT = `input AS (
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
)`;

/**
 * The event, locked, if it still has the form ($2) and registration has not
 * closed ($33); each input row with whether its address is registered and
 * the language the person will have; and those that get a registration.
 */
const ADMITTED = `ev AS (
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
)`;

/** The admitted rows' people, upserted by email (people's part). */
function people(writer: PeopleService): string {
  return `person AS (
  ${writer.upsertByEmailPart({
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
)`;
}

/**
 * The registrations: the first free seats to the batch in arrival order, the
 * rest to the waitlist, a microsecond apart (rows of one statement share
 * now()) to keep that order.
 */
const REGISTRATIONS = `numbered AS (
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
)`;

/** The registrations' links' tokens (auth's part). */
function tokens(writer: MagicLinkService): string {
  return `token AS (
  ${writer.insertTokensPart({
    from: 'registration r JOIN input i ON i.registration_id = r.id',
    fields: {
      subjectType: `'registration'`,
      subjectId: 'r.id',
      eventId: 'r."eventId"',
      tokenHash: 'i.token_hash',
      expiresAt: 'i.token_expires_at',
    },
  })}
)`;
}

/** Each registration's email in the outbox (mail's part): the one of the status it got. */
function mails(writer: OutboxService): string {
  return `mail AS (
  ${writer.insertPart({
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
)`;
}

/** A row per input row (none when the event did not qualify), with what was written for it. */
const OUTCOMES = `SELECT i.ord, to_json(r) AS registration, to_json(p) AS person, m.id AS "mailId", m.status AS "mailStatus",
       CASE WHEN NOT c.registered AND c.person_mail_language <> c.mail_language THEN c.person_mail_language END AS "mailLanguage"
  FROM input i CROSS JOIN ev
  JOIN checked c ON c.ord = i.ord
  LEFT JOIN registration r ON r.id = i.registration_id
  LEFT JOIN person p ON p.id = r."personId"
  LEFT JOIN mail m ON m.id = i.mail_id`;

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
 *
 * Parameters: $1 event id, $2 form key, $3… one array per column of `input`, $33 when registration closes.
 */
function registerBatch(writers: BatchWriters): string {
  const parts = [INPUT, ADMITTED, people(writers.people), REGISTRATIONS, tokens(writers.magicLinks), mails(writers.outbox)];
  return `\nWITH ${parts.join(', ')}\n${OUTCOMES}`;
}

/** The statement's parameters for the batch, in the order `registerBatch` numbers them. */
function batchParameters(batch: PublicRegistration[], closesAt: Date): unknown[] {
  const column = <T>(pick: (r: PublicRegistration, i: number) => T) => batch.map(pick);
  return [
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
    closesAt,
  ];
}

/** A row as the statement answers it: the registration and person as JSON, their times as strings. */
interface RawRow extends Omit<PublicRegistrationRow, 'registration' | 'person'> {
  registration: (Registration & Record<'createdAt' | 'updatedAt' | 'confirmedAt' | 'waitlistedAt', string>) | null;
  person: (Person & Record<'createdAt' | 'updatedAt', string>) | null;
}

function parsed(row: RawRow): PublicRegistrationRow {
  const { registration: r, person: p } = row;
  return {
    ...row,
    registration: r && {
      ...r,
      createdAt: new Date(r.createdAt),
      updatedAt: new Date(r.updatedAt),
      confirmedAt: r.confirmedAt ? new Date(r.confirmedAt) : null,
      waitlistedAt: r.waitlistedAt ? new Date(r.waitlistedAt) : null,
    },
    person: p && { ...p, createdAt: new Date(p.createdAt), updatedAt: new Date(p.updatedAt), erasedAt: null },
  };
}

/**
 * The batched public registrations' statement (`registerBatch`): it writes
 * registrations itself and the other modules' tables through the parts their
 * services provide. Only PublicRegistrationBatches uses this.
 */
@Injectable()
export class PublicRegistrationsRepository {
  private readonly statement: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    people: PeopleService,
    magicLinks: MagicLinkService,
    outbox: OutboxService,
  ) {
    this.statement = registerBatch({ people, magicLinks, outbox });
  }

  /**
   * Writes the batch (all checked against the same form) in one statement and
   * transaction, only before `closesAt` (when registration closes). No rows
   * when the event no longer has that form or registration has closed.
   */
  async insertBatch(batch: PublicRegistration[], closesAt: Date): Promise<PublicRegistrationRow[]> {
    const rows = await poolQuery<RawRow>(this.db, this.statement, batchParameters(batch, closesAt));
    return rows.map(parsed);
  }
}
