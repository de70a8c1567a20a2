import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import { HttpStatus, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActedBy, AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { Event } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { TransactionService } from '../platform/database/transaction.service';
import { DomainEventBus } from '../platform/domain-events/domain-event-bus';
import { Problem } from '../platform/http/problem';
import { MailAttachmentRenderers } from '../platform/mail/mail-attachment-renderers';
import { mailLanguage } from '../platform/mail/mail-language';
import { OutboxService } from '../platform/mail/outbox.service';
import { renderPdf } from '../platform/pdf/pdf-document';
import { formatInZone } from '../platform/time/zoned-time';
import { FILE_STORAGE, FileStorage } from '../platform/storage/file-storage';
import { PersonalDataSections } from '../registration/personal-data-sections';
import { RegistrationErasureService } from '../registration/registration-erasure.service';
import { RegistrationQueriesService } from '../registration/registration-queries.service';
import { RegistrationView } from '../registration/registration.view';
import '../events/event-domain-events';
import '../registration/registration-domain-events';
import { BulkLetterInput, LetterRequestInput, LetterSettingsInput } from './dto/letter.dto';
import { letterDocument, letterTitle } from './letter-document';
import { letterIssuedMail, letterRejectedMail } from './letter-mail.templates';
import { LetterStatus, letterPersonalDataResponse } from './letters.response';
import { letterPersonalDataView } from './letter.view';
import { LetterAccess, LetterActorKind, LetterRequestRow, LettersRepository } from './letters.repository';
import { hashPassportNumber, normalisePassportNumber, passportNumberMatches } from './passport-number';

const DAY_MS = 86_400_000;
export const SIGNATURE_MAX_BYTES = 512 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Crockford's base32 without I, L, O, U: a reference read out over the phone is typed back right.
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Registration statuses a letter can stand for; cancelled or rejected ones revoke it. */
const STANDING = new Set(['pending', 'confirmed', 'waitlisted']);

/** Who reads or changes passport data: every such access is logged. */
export type LetterActor = { kind: 'organiser'; organiserId: string } | { kind: 'attendee'; registrationId: string };

/** A request with whose registration it is, and the event's zone its times are written in. */
export interface LetterEntry {
  row: LetterRequestRow;
  registration: RegistrationView;
  timezone: string;
}

export interface MyLetter {
  row: LetterRequestRow;
  timezone: string;
}

export interface LetterPdf {
  fileName: string;
  bytes: Buffer;
}

/**
 * Visa invitation letters: attendees ask with their passport details, the event's organisers
 * approve or reject, an approved one is a PDF emailed and downloadable, and a consulate checks
 * it (and a passport number) at the URL printed on it. Cancelling the registration revokes it;
 * erasing the registration, or the days after the event passing, deletes the passport data.
 */
@Injectable()
export class LettersService implements OnModuleInit {
  private readonly logger = new Logger(LettersService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly repository: LettersRepository,
    private readonly transactions: TransactionService,
    private readonly registrations: RegistrationQueriesService,
    private readonly erasure: RegistrationErasureService,
    private readonly personalData: PersonalDataSections,
    private readonly events: EventsService,
    private readonly outbox: OutboxService,
    private readonly attachments: MailAttachmentRenderers,
    private readonly bus: DomainEventBus,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.attachments.register('visa-letter', (letterId) => this.issuedPdf(letterId));
    this.personalData.register({
      key: 'visaLetter',
      schema: letterPersonalDataResponse,
      read: ({ eventId, registrationId, timezone }) => this.ownData(eventId, registrationId, timezone),
    });
    this.erasure.alsoErase(async (manager, { registrationId }) => {
      const erased = await this.repository.deleteForRegistration(manager, registrationId);
      await this.repository.logAccess(
        erased.map((row) => this.access(row, null, 'erased')),
        manager,
      );
    });
    this.bus.on('registration.cancelled', async ({ registrationId }) => {
      await this.revokeWithRegistration(registrationId);
    });
    this.bus.on('event.cancelled', async ({ eventId }) => {
      await this.revokeWithEvent(eventId);
    });
  }

  // --- the attendee ---

  /**
   * Whether the event's organisers have set letters up (a letterhead or a signatory saved), so that
   * the registration form offers to ask for one there.
   */
  async offered(eventId: string): Promise<boolean> {
    const settings = await this.repository.settings(eventId);
    return Boolean(settings && (settings.letterhead || settings.signatory_name || settings.signatory_title || settings.signature_key));
  }

  /**
   * Refuses (422, by field) passport details that do not fit the event, writing nothing: the
   * registration form checks a request with this before the registration it goes with exists.
   */
  async checkRequest(eventId: string, input: LetterRequestInput): Promise<void> {
    assertFits(await this.events.getEntity(eventId), input);
  }

  /** Asks for a letter, or corrects a request not yet approved. */
  async request(eventId: string, registrationId: string, input: LetterRequestInput): Promise<MyLetter> {
    const [event, registration] = await Promise.all([this.events.getEntity(eventId), this.registration(eventId, registrationId)]);
    if (!STANDING.has(registration.status))
      throw Problem.conflict(`The registration is ${registration.status}; no letter can be asked for`);
    assertFits(event, input);
    const number = normalisePassportNumber(input.passportNumber);
    const row = await this.transactions.run(async ({ manager }) => {
      const saved = await this.repository.upsert(manager, {
        eventId,
        registrationId,
        passportName: input.passportName,
        nationality: input.nationality,
        passportNumberHash: await hashPassportNumber(number),
        passportNumberLast2: number.slice(-2),
        passportExpiry: input.passportExpiry,
        dateOfBirth: input.dateOfBirth,
        consulateCity: input.consulateCity,
        consulateCountry: input.consulateCountry,
        reference: newReference(event.startsAt),
        verifyToken: randomBytes(18).toString('base64url'),
      });
      if (!saved) throw Problem.conflict('The letter is already issued (or revoked); it can no longer be changed');
      await this.repository.logAccess([this.access(saved, { kind: 'attendee', registrationId }, 'submitted')], manager);
      return saved;
    });
    return { row, timezone: event.timezone };
  }

  /** Where the attendee's request stands, without any passport data (so not an access to log). */
  async statusOf(
    eventId: string,
    registrationId: string,
  ): Promise<{ status: LetterStatus; reference: string; rejectionReason: string | null } | null> {
    const row = await this.repository.findByRegistration(registrationId);
    if (!row || row.event_id !== eventId) return null;
    return { status: row.status, reference: row.reference, rejectionReason: row.rejection_reason };
  }

  async mine(eventId: string, registrationId: string): Promise<MyLetter> {
    const row = await this.repository.findByRegistration(registrationId);
    if (!row || row.event_id !== eventId) throw Problem.notFound('No visa invitation letter has been asked for with this registration');
    await this.repository.logAccess([this.access(row, { kind: 'attendee', registrationId }, 'viewed')]);
    return { row, timezone: (await this.events.getEntity(eventId)).timezone };
  }

  /** The request in the attendee's download of everything held about them: a read of passport data, so logged. */
  private async ownData(eventId: string, registrationId: string, timezone: string) {
    const row = await this.repository.findByRegistration(registrationId);
    if (!row || row.event_id !== eventId) return null;
    await this.repository.logAccess([this.access(row, { kind: 'attendee', registrationId }, 'exported')]);
    return letterPersonalDataView({ row, timezone });
  }

  async myPdf(eventId: string, registrationId: string): Promise<LetterPdf> {
    const row = await this.repository.findByRegistration(registrationId);
    if (!row || row.event_id !== eventId) throw Problem.notFound('No visa invitation letter has been asked for with this registration');
    if (row.status !== 'approved') throw Problem.conflict(`The letter is ${row.status}, not issued`);
    await this.repository.logAccess([this.access(row, { kind: 'attendee', registrationId }, 'downloaded')]);
    return this.pdf(row);
  }

  // --- the organisers ---

  async list(eventId: string, organiserId: string, status?: LetterStatus): Promise<LetterEntry[]> {
    const items = await this.entries(eventId, status);
    await this.repository.logAccess(items.map(({ row }) => this.access(row, { kind: 'organiser', organiserId }, 'listed')));
    return items;
  }

  async get(eventId: string, letterId: string, organiserId: string): Promise<LetterEntry> {
    const row = await this.found(eventId, letterId);
    await this.repository.logAccess([this.access(row, { kind: 'organiser', organiserId }, 'viewed')]);
    return this.entry(row);
  }

  /** Issues the letter: only for a confirmed registration; the email with the PDF goes out after commit. */
  async approve(eventId: string, letterId: string, organiserId: string, by?: ActedBy): Promise<LetterEntry> {
    const event = await this.events.getEntity(eventId);
    const registration = await this.registrationOfLetter(eventId, letterId, event);
    const result = await this.transactions.run(async (tx) => {
      const row = await this.repository.find(eventId, letterId, tx.manager, true);
      if (!row) throw notFound(letterId);
      if (row.status === 'approved') return { row, registration, timezone: event.timezone };
      if (row.status === 'revoked') throw Problem.conflict('The letter was revoked; the attendee must ask again with a new registration');
      if (registration.status !== 'confirmed') {
        throw Problem.conflict(`The registration is ${registration.status}; a letter is issued only for a confirmed one`);
      }
      const approved = await this.repository.approve(tx.manager, letterId, organiserId);
      await this.repository.logAccess([this.access(approved, { kind: 'organiser', organiserId }, 'approved')], tx.manager);
      await this.recordAudit(tx.manager, by, 'letter.approved', approved, row.status);
      if (registration.email) {
        const language = mailLanguage(registration.language);
        await this.outbox.enqueue(tx, {
          eventId,
          dedupeKey: `visa-letter:${approved.id}:${approved.decided_at!.getTime()}`,
          to: { address: registration.email, name: registration.name },
          template: letterIssuedMail,
          params: { language, name: registration.name, eventTitle: event.title, reference: approved.reference },
          attachments: [
            { filename: `${approved.reference}.pdf`, contentType: 'application/pdf', renderedBy: 'visa-letter', ref: approved.id },
          ],
        });
        await this.recordAudit(tx.manager, by, 'letter.issued', approved, row.status, { emailedTo: 'participant' });
      }
      return { row: approved, registration, timezone: event.timezone };
    });
    return result;
  }

  /** Rejects with the reason the attendee is emailed and sees on their page; they may correct and ask again. */
  async reject(eventId: string, letterId: string, organiserId: string, reason: string, by?: ActedBy): Promise<LetterEntry> {
    const event = await this.events.getEntity(eventId);
    const registration = await this.registrationOfLetter(eventId, letterId, event);
    return this.transactions.run(async (tx) => {
      const current = await this.repository.find(eventId, letterId, tx.manager, true);
      if (!current) throw notFound(letterId);
      if (current.status !== 'requested' && current.status !== 'rejected') {
        throw Problem.conflict(`The letter is ${current.status}; revoke an issued letter instead of rejecting it`);
      }
      const rejected = await this.repository.reject(tx.manager, letterId, organiserId, reason);
      await this.repository.logAccess([this.access(rejected, { kind: 'organiser', organiserId }, 'rejected')], tx.manager);
      await this.recordAudit(tx.manager, by, 'letter.rejected', rejected, current.status, { reason });
      if (registration.email) {
        await this.outbox.enqueue(tx, {
          eventId,
          dedupeKey: `visa-letter-rejected:${rejected.id}:${rejected.decided_at!.getTime()}`,
          to: { address: registration.email, name: registration.name },
          template: letterRejectedMail,
          params: { language: mailLanguage(registration.language), name: registration.name, eventTitle: event.title, reason },
        });
      }
      return { row: rejected, registration, timezone: event.timezone };
    });
  }

  async revoke(eventId: string, letterId: string, organiserId: string, reason: string | null, by?: ActedBy): Promise<LetterEntry> {
    const row = await this.transactions.run(async ({ manager }) => {
      const current = await this.repository.find(eventId, letterId, manager, true);
      if (!current) throw notFound(letterId);
      const revoked = await this.repository.revoke(manager, letterId, reason);
      if (!revoked) throw Problem.conflict(`The letter is ${current.status}; only an issued letter can be revoked`);
      await this.repository.logAccess([this.access(revoked, { kind: 'organiser', organiserId }, 'revoked')], manager);
      await this.recordAudit(manager, by, 'letter.revoked', revoked, current.status, reason ? { reason } : {});
      return revoked;
    });
    return this.entry(row);
  }

  /** Each letter on its own: one that cannot be approved (registration not confirmed) is reported, not fatal. */
  async bulk(eventId: string, input: BulkLetterInput, organiserId: string, by?: ActedBy) {
    const results: Array<{ letterId: string; outcome: 'approved' | 'rejected' | 'refused' | 'not_found'; detail?: string }> = [];
    for (const letterId of [...new Set(input.letterIds)]) {
      try {
        if (input.action === 'approve') await this.approve(eventId, letterId, organiserId, by);
        else await this.reject(eventId, letterId, organiserId, input.reason!, by);
        results.push({ letterId, outcome: input.action === 'approve' ? 'approved' : 'rejected' });
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
        const status = error.getStatus();
        if (status === 404) results.push({ letterId, outcome: 'not_found' });
        else if (status === 409) results.push({ letterId, outcome: 'refused', detail: problemDetail(error) });
        else throw error;
      }
    }
    return { results };
  }

  async organiserPdf(eventId: string, letterId: string, organiserId: string): Promise<LetterPdf> {
    const row = await this.found(eventId, letterId);
    if (row.status !== 'approved') throw Problem.conflict(`The letter is ${row.status}, not issued`);
    await this.repository.logAccess([this.access(row, { kind: 'organiser', organiserId }, 'downloaded')]);
    return this.pdf(row);
  }

  /**
   * The passport data of the event's requests as a table, for an owner who asks for it: the only
   * export that carries it, and each row it holds is logged as exported. The number stays masked.
   */
  async exportTable(eventId: string, organiserId: string, by?: ActedBy) {
    const [items, event] = await Promise.all([this.entries(eventId), this.events.getEntity(eventId)]);
    await this.repository.logAccess(items.map(({ row }) => this.access(row, { kind: 'organiser', organiserId }, 'exported')));
    if (by) {
      await this.audit.record({
        eventId,
        actor: by.actor,
        action: 'passport-data.exported',
        subject: { type: 'letter', id: null },
        details: { ...by.details, count: items.length },
      });
    }
    return {
      name: `${event.slug}-visa-letters`,
      header: [
        'reference',
        'status',
        'attendee',
        'email',
        'registration_status',
        'passport_name',
        'nationality',
        'passport_number',
        'passport_expiry',
        'date_of_birth',
        'consulate_city',
        'consulate_country',
        'rejection_reason',
      ],
      rows: items.map(({ row, registration }) => [
        row.reference,
        row.status,
        registration.name,
        registration.email,
        registration.status,
        row.passport_name,
        row.nationality,
        `••••••${row.passport_number_last2}`,
        row.passport_expiry,
        row.date_of_birth,
        row.consulate_city,
        row.consulate_country,
        row.rejection_reason,
      ]),
    };
  }

  async accessLog(eventId: string) {
    const [rows, event] = await Promise.all([this.repository.accessLog(eventId, 1000), this.events.getEntity(eventId)]);
    return rows.map((r) => ({
      letterId: r.letter_request_id,
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      action: r.action,
      at: formatInZone(r.at, event.timezone),
    }));
  }

  async settings(eventId: string) {
    const s = await this.repository.settings(eventId);
    return {
      letterhead: s?.letterhead ?? '',
      signatoryName: s?.signatory_name ?? '',
      signatoryTitle: s?.signatory_title ?? '',
      hasSignatureImage: Boolean(s?.signature_key),
    };
  }

  async saveSettings(eventId: string, input: LetterSettingsInput) {
    await this.repository.saveSettings(eventId, input);
    return this.settings(eventId);
  }

  /** A PNG drawn above the signatory's name; anything else is refused before it is stored. */
  async saveSignature(eventId: string, png: Buffer) {
    if (png.length > SIGNATURE_MAX_BYTES) throw signatureTooLarge();
    const notPng = new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'The signature must be a PNG image', [
      { field: 'body', message: 'expected a PNG image' },
    ]);
    if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') throw notPng;
    try {
      // pdfkit reads the image when a letter is drawn; one it cannot read is refused now rather than then.
      await renderPdf({
        language: 'en',
        title: 'check',
        letterhead: [],
        blocks: [],
        signature: { name: 'check', image: png },
        footer: CHECK_FOOTER,
      });
    } catch {
      throw notPng;
    }
    const key = `letters/${eventId}/signature-${randomBytes(6).toString('hex')}.png`;
    await this.storage.put(key, Readable.from([png]));
    const previous = (await this.repository.settings(eventId))?.signature_key;
    await this.repository.setSignatureKey(eventId, key);
    if (previous) await this.storage.delete(previous);
    return this.settings(eventId);
  }

  async deleteSignature(eventId: string) {
    const previous = (await this.repository.settings(eventId))?.signature_key;
    await this.repository.setSignatureKey(eventId, null);
    if (previous) await this.storage.delete(previous);
    return this.settings(eventId);
  }

  // --- the consulate ---

  /** What the verification URL shows; any token but the letter's answers 404, as does a letter never issued. */
  async verification(reference: string, token: string) {
    const { row, event } = await this.verifiable(reference, token);
    await this.repository.logAccess([{ ...this.access(row, null, 'verified'), actorKind: 'consulate' }]);
    return {
      reference: row.reference,
      name: row.passport_name,
      event: {
        title: event.title,
        startsAt: formatInZone(event.startsAt, event.timezone),
        endsAt: formatInZone(event.endsAt, event.timezone),
        venue: event.venue,
      },
      status: row.status === 'approved' ? ('valid' as const) : ('revoked' as const),
      timezone: event.timezone,
    };
  }

  async checkPassport(reference: string, token: string, passportNumber: string): Promise<{ match: boolean }> {
    const { row } = await this.verifiable(reference, token);
    await this.repository.logAccess([{ ...this.access(row, null, 'passport-checked'), actorKind: 'consulate' }]);
    return { match: await passportNumberMatches(passportNumber, row.passport_number_hash) };
  }

  verificationUrl(row: LetterRequestRow): string {
    return `${this.config.publicUrl}/letters/verify/${row.reference}?t=${row.verify_token}`;
  }

  // --- upkeep ---

  /**
   * The `sweep-letters` task: revokes letters whose registration (or event) was cancelled while
   * the domain event was missed, and deletes the requests of events that ended
   * PLENARY_LETTER_DATA_DAYS_AFTER_EVENT days ago.
   */
  async sweep(): Promise<{ revoked: number; deleted: number }> {
    let revoked = 0;
    let after: string | null = null;
    for (;;) {
      const batch = await this.repository.standing(after, 500);
      if (batch.length === 0) break;
      const statuses = await this.registrations.statusesOf(batch.map((r) => r.registration_id));
      for (const row of batch) {
        const status = statuses.get(row.registration_id);
        if (status && !STANDING.has(status) && (await this.revokeWithRegistration(row.registration_id))) revoked += 1;
      }
      after = batch[batch.length - 1].id;
    }
    let deleted = 0;
    const days = this.config.privacy.letterDataDays;
    const cutoff = days > 0 ? Date.now() - days * DAY_MS : -Infinity;
    for (const eventId of await this.repository.eventIds()) {
      const event = await this.events.getEntity(eventId).catch(() => null);
      if (!event) continue;
      if (event.status === 'cancelled') revoked += await this.revokeWithEvent(eventId);
      if (event.endsAt.getTime() >= cutoff) continue;
      deleted += await this.transactions.run(async ({ manager }) => {
        const rows = await this.repository.deleteForEvent(manager, eventId);
        await this.repository.logAccess(
          rows.map((row) => this.access(row, null, 'erased')),
          manager,
        );
        return rows.length;
      });
    }
    if (revoked + deleted > 0)
      this.logger.log(`letters: ${revoked} revoked with their registration or event, ${deleted} deleted after their event`);
    return { revoked, deleted };
  }

  private async revokeWithEvent(eventId: string): Promise<number> {
    const rows = await this.repository.revokeForEvent(eventId, 'The event was cancelled');
    await this.repository.logAccess(rows.map((row) => this.access(row, null, 'revoked')));
    return rows.length;
  }

  private async revokeWithRegistration(registrationId: string): Promise<boolean> {
    const row = await this.repository.revokeForRegistration(registrationId, 'The registration was cancelled');
    if (row) await this.repository.logAccess([this.access(row, null, 'revoked')]);
    return Boolean(row);
  }

  // --- rendering ---

  /** The PDF the approval email attaches, rendered when the email is sent; null once revoked or erased. */
  private async issuedPdf(letterId: string): Promise<Buffer | null> {
    const row = await this.repository.findById(letterId);
    if (!row || row.status !== 'approved') return null;
    await this.repository.logAccess([this.access(row, null, 'emailed')]);
    return (await this.pdf(row)).bytes;
  }

  private async pdf(row: LetterRequestRow): Promise<LetterPdf> {
    const [event, registration, settings] = await Promise.all([
      this.events.getEntity(row.event_id),
      this.registration(row.event_id, row.registration_id),
      this.repository.settings(row.event_id),
    ]);
    const language = mailLanguage(registration.language);
    const image = settings?.signature_key ? await this.readStored(settings.signature_key) : null;
    const bytes = await renderPdf(
      letterDocument({
        language,
        reference: row.reference,
        verificationUrl: this.verificationUrl(row),
        issuedAt: row.decided_at ?? new Date(),
        passportName: row.passport_name,
        nationality: row.nationality,
        passportNumberLast2: row.passport_number_last2,
        passportExpiry: row.passport_expiry,
        dateOfBirth: row.date_of_birth,
        consulateCity: row.consulate_city,
        consulateCountry: row.consulate_country,
        organisation: registration.organisation,
        event: { title: event.title, startsAt: event.startsAt, endsAt: event.endsAt, venue: event.venue, timezone: event.timezone },
        letterhead: settings?.letterhead || event.title,
        signatory: { name: settings?.signatory_name ?? '', title: settings?.signatory_title ?? '', image },
      }),
    );
    return { fileName: `${letterTitle(language)} ${row.reference}.pdf`, bytes };
  }

  private async readStored(key: string): Promise<Buffer | null> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.storage.read(key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    } catch (error) {
      this.logger.warn({ err: error, key }, 'the signature image is missing; letters are drawn without it');
      return null;
    }
  }

  // --- helpers ---

  private async entries(eventId: string, status?: LetterStatus): Promise<LetterEntry[]> {
    const [rows, event] = await Promise.all([this.repository.list(eventId, status), this.events.getEntity(eventId)]);
    // One read of the registrations for the whole list, not one a letter.
    const registrations = await this.registrations.many(eventId, [...new Set(rows.map((row) => row.registration_id))], event.timezone);
    return rows.flatMap((row) => {
      const registration = registrations.get(row.registration_id);
      return registration ? [{ row, registration, timezone: event.timezone }] : [];
    });
  }

  private async verifiable(reference: string, token: string): Promise<{ row: LetterRequestRow; event: Event }> {
    const row = await this.repository.findByReference(reference.trim().toUpperCase());
    const given = Buffer.from(token);
    const unknown = Problem.notFound(`No letter ${reference} with this verification link`);
    if (!row || (row.status !== 'approved' && row.status !== 'revoked') || row.decided_at === null) throw unknown;
    const expected = Buffer.from(row.verify_token);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unknown;
    return { row, event: await this.events.getEntity(row.event_id) };
  }

  /** An organiser's decision in the event's audit log, in the decision's transaction. */
  private async recordAudit(
    manager: EntityManager,
    by: ActedBy | undefined,
    action: 'letter.approved' | 'letter.issued' | 'letter.rejected' | 'letter.revoked',
    row: LetterRequestRow,
    before: LetterStatus,
    details: Record<string, string> = {},
  ): Promise<void> {
    if (!by) return;
    await this.audit.record(
      {
        eventId: row.event_id,
        actor: by.actor,
        action,
        subject: { type: 'letter', id: row.id },
        details: { ...by.details, ...details, reference: row.reference, changes: { status: { from: before, to: row.status } } },
      },
      manager,
    );
  }

  private async entry(row: LetterRequestRow): Promise<LetterEntry> {
    const event = await this.events.getEntity(row.event_id);
    return { row, registration: await this.registration(row.event_id, row.registration_id, event), timezone: event.timezone };
  }

  private async found(eventId: string, letterId: string): Promise<LetterRequestRow> {
    const row = await this.repository.find(eventId, letterId);
    if (!row) throw notFound(letterId);
    return row;
  }

  /**
   * The registration a letter was asked with, read before a decision's transaction: the embedded
   * database serves one connection at a time while a transaction is open, and the registrations
   * module reads on its own connection. A letter keeps its registration for life.
   */
  private async registrationOfLetter(eventId: string, letterId: string, event: Event): Promise<RegistrationView> {
    const row = await this.repository.find(eventId, letterId);
    if (!row) throw notFound(letterId);
    return this.registration(eventId, row.registration_id, event);
  }

  private async registration(eventId: string, registrationId: string, event?: Event): Promise<RegistrationView> {
    const timezone = (event ?? (await this.events.getEntity(eventId))).timezone;
    return this.registrations.one(eventId, registrationId, timezone);
  }

  private access(row: Pick<LetterRequestRow, 'id' | 'event_id'>, actor: LetterActor | null, action: string): LetterAccess {
    const actorKind: LetterActorKind = actor?.kind ?? 'system';
    const actorId = actor === null ? null : actor.kind === 'organiser' ? actor.organiserId : actor.registrationId;
    return { eventId: row.event_id, letterRequestId: row.id, actorKind, actorId, action };
  }
}

export function signatureTooLarge(): Problem {
  return new Problem(HttpStatus.PAYLOAD_TOO_LARGE, `The signature image is over ${SIGNATURE_MAX_BYTES / 1024} KB`, undefined, {
    maxBytes: SIGNATURE_MAX_BYTES,
  });
}

const CHECK_FOOTER = { reference: { label: '', value: '' }, verification: { label: '', url: '' } };

/** The rules a request must meet beyond its schema: a passport valid through the event, a birth date in the past. */
function assertFits(event: Event, input: LetterRequestInput): void {
  const errors = [];
  const lastDay = event.endsAt.toISOString().slice(0, 10);
  if (input.passportExpiry < lastDay)
    errors.push({ field: 'passportExpiry', message: `expected a passport valid until the event ends (${lastDay})` });
  if (input.dateOfBirth >= new Date().toISOString().slice(0, 10))
    errors.push({ field: 'dateOfBirth', message: 'expected a date in the past' });
  if (errors.length > 0) throw Problem.unprocessable('The passport details do not fit the event', errors);
}

function notFound(letterId: string): Problem {
  return Problem.notFound(`No letter request ${letterId} in this event`);
}

function problemDetail(error: Problem): string {
  const body = error.getResponse();
  return typeof body === 'object' && body && 'detail' in body ? String((body as { detail: unknown }).detail) : error.message;
}

/** `VL-<year>-<8 characters>`: short enough to read out, random so references say nothing of how many exist. */
function newReference(startsAt: Date): string {
  const bytes = randomBytes(8);
  const code = [...bytes].map((b) => REFERENCE_ALPHABET[b % 32]).join('');
  return `VL-${startsAt.getUTCFullYear()}-${code}`;
}
