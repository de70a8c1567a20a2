import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgendaVersionsService } from '../agenda/agenda-versions.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { Event } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import { Page, decodeCursor, toPage } from '../platform/http/pagination';
import { Problem } from '../platform/http/problem';
import { MailLanguage, mailLanguage } from '../platform/mail/mail-language';
import { streamPdf } from '../platform/pdf/pdf-document';
import { formatInZone, localDate, localDatesBetween } from '../platform/time/zoned-time';
import { AttendanceRow, CheckInsService } from '../registration/check-ins.service';
import { CertificateFacts, certificateDocument } from './certificate-document';
import { Certificate, CertificateSettings } from './certificate.entity';

import { CertificatesRepository } from './certificates.repository';
import { CertificateListQuery, CertificateSettingsInput } from './dto/certificate-settings.dto';

/** A presenter of a presentation in a session the latest published agenda holds (not cancelled). */
export interface PublishedPresenter {
  personId: string;
  presentationId: string;
  title: string;
}

export interface AttendancePage {
  rows: AttendanceRow[];
  people: Map<string, Person>;
}

/** What the verification page may show: the name, the event, the days or presentation, and whether it stands. */
export interface CertificateVerification {
  language: MailLanguage;
  kind: Certificate['kind'];
  name: string;
  eventTitle: string;
  days: string[];
  presentationTitle: string | null;
  valid: boolean;
}

const DEFAULT_SETTINGS = { intro: null, signatoryName: null, signatoryTitle: null, issueMode: 'after_event' } as const;

/**
 * Certificates of attendance and of presenting: who gets one (the check-ins,
 * through registration's service; the published agenda, through the agenda's),
 * issuing them, drawing the PDF when asked, and what verification shows.
 */
@Injectable()
export class CertificatesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: CertificatesRepository,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly checkIns: CheckInsService,
    private readonly agenda: AgendaVersionsService,
  ) {}

  async settings(eventId: string): Promise<Omit<CertificateSettings, 'event' | 'updatedAt'>> {
    return (await this.repository.settings(eventId)) ?? { eventId, ...DEFAULT_SETTINGS };
  }

  async saveSettings(eventId: string, input: CertificateSettingsInput) {
    return this.repository.saveSettings({ eventId, ...input });
  }

  /**
   * 422 while the event's certificates do not exist yet: before its end in
   * `after_event` mode, or for a cancelled event.
   */
  async assertIssuable(event: Event, settings: { issueMode: string }): Promise<void> {
    const refusal = this.refusal(event, settings);
    if (refusal) throw refusal;
  }

  eventOf(eventId: string): Promise<Event> {
    return this.events.getEntity(eventId);
  }

  /** Whether the event's certificates exist now (the pages show their download links only then). */
  async available(event: Event): Promise<boolean> {
    return this.refusal(event, await this.settings(event.id)) === null;
  }

  private refusal(event: Event, settings: { issueMode: string }): Problem | null {
    if (event.status === 'cancelled') return Problem.unprocessable('The event was cancelled: it has no certificates');
    if (settings.issueMode === 'after_event' && event.endsAt.getTime() > Date.now()) {
      return Problem.unprocessable(
        `Certificates are issued once the event has ended (${formatInZone(event.endsAt, event.timezone)}); ` +
          `set issueMode to on_check_in to issue them from the first check-in`,
        [{ field: 'issueMode', message: 'after_event: the event has not ended yet' }],
      );
    }
    return null;
  }

  /** Presenters of the latest published agenda, one entry per person and presentation, in a stable order. */
  async publishedPresenters(eventId: string): Promise<PublishedPresenter[]> {
    const version = await this.agenda.latest(eventId);
    if (!version) return [];
    const seen = new Map<string, PublishedPresenter>();
    for (const session of version.snapshot.sessions) {
      if (session.status === 'cancelled') continue;
      for (const presentation of session.presentations) {
        for (const presenter of presentation.presenters) {
          seen.set(`${presenter.id}/${presentation.id}`, {
            personId: presenter.id,
            presentationId: presentation.id,
            title: presentation.title,
          });
        }
      }
    }
    return [...seen.values()].sort((a, b) => (a.personId + a.presentationId).localeCompare(b.personId + b.presentationId));
  }

  /** How many certificates a run would issue now. */
  async eligibleCount(eventId: string): Promise<number> {
    return (await this.checkIns.countAttended(eventId)) + (await this.publishedPresenters(eventId)).length;
  }

  /**
   * A page of who attended, with their people: read before the transaction
   * that issues them (the embedded database serves one connection at a time
   * while a transaction is open).
   */
  async attendancePage(eventId: string, afterRegistrationId: string | null, limit: number): Promise<AttendancePage> {
    const rows = await this.checkIns.attendance(eventId, afterRegistrationId, limit);
    return {
      rows,
      people: await this.peopleOf(
        eventId,
        rows.map((r) => r.personId),
      ),
    };
  }

  /** Issues (or brings up to date) these attendees' certificates in the caller's transaction; revoked ones are left out. */
  issueAttendance(manager: EntityManager, eventId: string, page: AttendancePage): Promise<Certificate[]> {
    return this.repository.issueAttendance(
      manager,
      eventId,
      page.rows
        .filter((r) => present(page.people.get(r.personId)))
        .map((r) => ({ ...r, language: mailLanguage(page.people.get(r.personId)?.language) })),
    );
  }

  peopleOfPresenters(eventId: string, presenters: PublishedPresenter[]): Promise<Map<string, Person>> {
    return this.peopleOf(
      eventId,
      presenters.map((p) => p.personId),
    );
  }

  issuePresenters(
    manager: EntityManager,
    eventId: string,
    presenters: PublishedPresenter[],
    people: Map<string, Person>,
  ): Promise<Certificate[]> {
    return this.repository.issuePresenter(
      manager,
      eventId,
      presenters
        .filter((p) => present(people.get(p.personId)))
        .map((p) => ({
          personId: p.personId,
          presentationId: p.presentationId,
          presentationTitle: p.title,
          language: mailLanguage(people.get(p.personId)?.language),
        })),
    );
  }

  /** The attendee's certificate, issued now if they have checked in; 404 when they never did. */
  async forRegistration(eventId: string, registrationId: string): Promise<Certificate> {
    const event = await this.events.getEntity(eventId);
    await this.assertIssuable(event, await this.settings(eventId));
    const attendance = await this.checkIns.attendanceOf(eventId, registrationId);
    if (!attendance) throw Problem.notFound('No certificate: the registration was never checked in at the event');
    const page = { rows: [attendance], people: await this.peopleOf(eventId, [attendance.personId]) };
    const certificates = await this.issueAttendance(this.repository.manager, eventId, page);
    if (certificates.length === 0) throw Problem.notFound('The certificate of this registration was revoked');
    return certificates[0];
  }

  /** The presenter's certificate for one presentation of the published agenda; 404 when they do not present it there. */
  async forPresenter(eventId: string, personId: string, presentationId: string): Promise<Certificate> {
    const event = await this.events.getEntity(eventId);
    await this.assertIssuable(event, await this.settings(eventId));
    const presenter = (await this.publishedPresenters(eventId)).find((p) => p.personId === personId && p.presentationId === presentationId);
    if (!presenter) throw Problem.notFound(`No certificate: you present no presentation ${presentationId} in the published agenda`);
    const people = await this.peopleOfPresenters(eventId, [presenter]);
    const certificates = await this.issuePresenters(this.repository.manager, eventId, [presenter], people);
    if (certificates.length === 0) throw Problem.notFound('This certificate was revoked');
    return certificates[0];
  }

  /** The presenter's presentations that have (or would have) a certificate. */
  async presentationsOf(eventId: string, personId: string): Promise<PublishedPresenter[]> {
    return (await this.publishedPresenters(eventId)).filter((p) => p.personId === personId);
  }

  byCode(code: string): Promise<Certificate | null> {
    return this.repository.byCode(normaliseCode(code));
  }

  /** The PDF of a certificate as a stream of its bytes, drawn now from its row. */
  async pdf(certificate: Certificate): Promise<Readable> {
    return streamPdf(certificateDocument(await this.facts(certificate)));
  }

  /** What the certificate prints, read now: a name corrected (or erased) since it was issued shows as it is. */
  async facts(certificate: Certificate): Promise<CertificateFacts> {
    const event = await this.events.getEntity(certificate.eventId);
    const settings = await this.settings(certificate.eventId);
    const person = (await this.peopleOf(certificate.eventId, [certificate.personId])).get(certificate.personId);
    // An erased person's certificate would name nobody: it is no longer there.
    if (!present(person)) throw Problem.notFound('No certificate has this code');
    return {
      kind: certificate.kind,
      code: certificate.code,
      language: mailLanguage(certificate.language),
      name: person.name,
      event: {
        title: event.title,
        venue: event.venue,
        days: localDatesBetween(event.startsAt, event.endsAt, event.timezone),
        coOrganisers: event.coOrganisers.map((c) => c.name),
      },
      days: certificate.days,
      presentationTitle: certificate.presentationTitle,
      issuedOn: localDate(new Date(certificate.issuedAt), event.timezone),
      settings,
      verificationUrl: this.verificationUrl(certificate.code),
    };
  }

  verificationUrl(code: string): string {
    return `${this.config.publicUrl}/c/${code}`;
  }

  pdfUrl(code: string): string {
    return `${this.config.publicUrl}/c/${code}/certificate.pdf`;
  }

  /** What `/c/:code` shows, or null for a code no certificate has. */
  async verify(code: string): Promise<CertificateVerification | null> {
    const certificate = await this.byCode(code);
    if (!certificate) return null;
    const facts = await this.facts(certificate).catch((error: unknown) => {
      if (error instanceof Problem && error.getStatus() === 404) return null;
      throw error;
    });
    if (!facts) return null;
    return {
      language: facts.language,
      kind: certificate.kind,
      name: facts.name,
      eventTitle: facts.event.title,
      days: certificate.days,
      presentationTitle: certificate.presentationTitle,
      valid: certificate.revokedAt === null,
    };
  }

  async list(eventId: string, query: CertificateListQuery): Promise<Page<CertificateView>> {
    const event = await this.events.getEntity(eventId);
    const cursor = decodeCursor(query.cursor);
    const rows = await this.repository.page(eventId, query.limit, cursor && { issuedAt: cursor.after, id: cursor.id }, query.kind);
    const people = await this.peopleOf(
      eventId,
      rows.map((r) => r.personId),
    );
    return toPage(
      rows,
      query.limit,
      (c) => this.view(c, event, people.get(c.personId)),
      (c) => ({ after: new Date(c.issuedAt).toISOString(), id: c.id }),
    );
  }

  async revoke(eventId: string, certificateId: string): Promise<CertificateView> {
    const event = await this.events.getEntity(eventId);
    const certificate = await this.repository.revoke(eventId, certificateId);
    if (!certificate) throw Problem.notFound(`No certificate ${certificateId} in this event`);
    const people = await this.peopleOf(eventId, [certificate.personId]);
    return this.view(certificate, event, people.get(certificate.personId));
  }

  view(c: Certificate, event: Event, person: Person | undefined) {
    return {
      id: c.id,
      kind: c.kind,
      code: c.code,
      personId: c.personId,
      name: person?.name ?? '',
      registrationId: c.registrationId,
      presentation: c.presentationId ? { id: c.presentationId, title: c.presentationTitle ?? '' } : null,
      days: c.days,
      language: c.language,
      issuedAt: formatInZone(new Date(c.issuedAt), event.timezone),
      revokedAt: c.revokedAt ? formatInZone(new Date(c.revokedAt), event.timezone) : null,
      links: { verify: this.verificationUrl(c.code), pdf: this.pdfUrl(c.code) },
    };
  }

  private async peopleOf(eventId: string, ids: string[]): Promise<Map<string, Person>> {
    if (ids.length === 0) return new Map();
    const people = await this.people.byIds(eventId, [...new Set(ids)]);
    return new Map(people.map((p) => [p.id, p]));
  }
}

export type CertificateView = ReturnType<CertificatesService['view']>;

/** A person the certificate may name: one that exists and was not erased. */
function present(person: Person | undefined): person is Person {
  return person !== undefined && person.erasedAt === null;
}

/** Codes are printed upper case; one typed from the paper may come in lower case or with spaces. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}
