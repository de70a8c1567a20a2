import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { mailLanguage } from '../platform/mail/mail-language';
import { PersonalDataSections } from '../registration/personal-data-sections';
import { RegistrationErasureService } from '../registration/registration-erasure.service';
import { certificatePersonalDataResponse } from './certificate.response';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService } from './certificates.service';

/**
 * An attendee's certificates as their personal data: listed in their download, and deleted
 * with their erasure (a certificate exists to name someone; the name is what erasure removes).
 */
@Injectable()
export class CertificatePersonalDataService implements OnModuleInit {
  constructor(
    private readonly repository: CertificatesRepository,
    private readonly certificates: CertificatesService,
    private readonly events: EventsService,
    private readonly sections: PersonalDataSections,
    private readonly erasure: RegistrationErasureService,
  ) {}

  onModuleInit(): void {
    this.sections.register({
      key: 'certificates',
      schema: certificatePersonalDataResponse,
      read: ({ eventId, registrationId, personId }) => this.ownCertificates(eventId, registrationId, personId),
    });
    this.erasure.alsoErase((manager, { eventId, registrationId, personId }) =>
      this.repository.deleteOfAttendee(manager, eventId, registrationId, personId),
    );
  }

  private async ownCertificates(eventId: string, registrationId: string, personId: string) {
    const rows = await this.repository.ofAttendee(eventId, registrationId, personId);
    if (rows.length === 0) return [];
    const event = await this.events.getEntity(eventId);
    return rows.map((row) => {
      const { id, kind, code, presentation, days, language, issuedAt, revokedAt, links } = this.certificates.view(row, event, undefined);
      return { id, kind, code, presentation, days, language: mailLanguage(language), issuedAt, revokedAt, links };
    });
  }
}
