import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkingAgendaService } from '../agenda/working-agenda.service';
import { ActedBy, AuditService } from '../audit/audit.service';
import { MagicLinkService } from '../auth/magic-link.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { PeopleService } from '../people/people.service';
import { TransactionService } from '../platform/database/transaction.service';
import { Problem } from '../platform/http/problem';
import { OutboxService } from '../platform/mail/outbox.service';
import { RegistrationErasureRepository } from './registration-erasure.repository';

const DAY_MS = 86_400_000;

/**
 * A downstream module's part of an erasure, run in its transaction: what it holds of the
 * registration goes with the registration's personal data, or neither does.
 */
export type ErasurePart = (
  manager: EntityManager,
  registration: { eventId: string; registrationId: string; personId: string },
) => Promise<void>;

/**
 * Erasure of an attendee's personal data, on request or automatically some
 * days after the event. Statuses, check-ins, region, country and organisation
 * type stay, so every count in the report still adds up.
 */
@Injectable()
export class RegistrationErasureService {
  private readonly logger = new Logger(RegistrationErasureService.name);
  private readonly parts: ErasurePart[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: TransactionService,
    private readonly repository: RegistrationErasureRepository,
    private readonly people: PeopleService,
    private readonly agenda: WorkingAgendaService,
    private readonly magicLinks: MagicLinkService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Registered at boot by modules downstream of registration (letters, surveys, certificates), which registration cannot import. */
  alsoErase(part: ErasurePart): void {
    this.parts.push(part);
  }

  /** `by`: an organiser's erasure, recorded; the automatic one after the event is not an organiser's action. */
  async erase(eventId: string, registrationId: string, by?: ActedBy): Promise<void> {
    await this.transactions.run(async ({ manager }) => {
      const registration = await this.repository.lock(manager, eventId, registrationId);
      if (!registration) throw Problem.notFound(`No registration ${registrationId} in this event`);
      if (await this.agenda.takesPart(manager, registration.personId)) {
        throw Problem.conflict('This person chairs or presents in the agenda; take them out of it before erasing them');
      }
      await this.repository.clearAnswers(manager, registrationId);
      for (const part of this.parts) await part(manager, { eventId, registrationId, personId: registration.personId });
      await this.magicLinks.revokeAll({ type: 'registration', id: registrationId }, manager);
      const address = await this.people.erase(manager, eventId, registration.personId);
      if (address) await this.outbox.eraseRecipient(manager, eventId, address);
      if (by) {
        await this.audit.record(
          {
            eventId,
            actor: by.actor,
            action: 'registration.erased',
            subject: { type: 'registration', id: registrationId },
            details: by.details,
          },
          manager,
        );
      }
    });
  }

  /** Erases the attendees of events that ended more than the configured number of days ago. */
  async eraseEndedEvents(): Promise<{ erased: number }> {
    const cutoff = new Date(Date.now() - this.config.privacy.anonymiseAfterDays * DAY_MS);
    const rows = await this.repository.dueForErasure(cutoff);
    for (const row of rows) await this.erase(row.event_id, row.id);
    if (rows.length > 0) this.logger.log(`erased the personal data of ${rows.length} attendee(s) of past events`);
    return { erased: rows.length };
  }
}
