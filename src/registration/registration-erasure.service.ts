import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkingAgendaService } from '../agenda/working-agenda.service';
import { MagicLinkService } from '../auth/magic-link.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { PeopleService } from '../people/people.service';
import { TransactionService } from '../platform/database/transaction.service';
import { sql } from '../platform/database/sql';
import { Problem } from '../platform/http/problem';
import { OutboxService } from '../platform/mail/outbox.service';
import { Registration } from './registration.entity';

const DAY_MS = 86_400_000;

/**
 * A downstream module's part of an erasure, run in its transaction: what it holds of the
 * registration goes with the registration's personal data, or neither does.
 */
export type ErasurePart = (manager: EntityManager, registration: { eventId: string; registrationId: string }) => Promise<void>;

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
    private readonly people: PeopleService,
    private readonly agenda: WorkingAgendaService,
    private readonly magicLinks: MagicLinkService,
    private readonly outbox: OutboxService,
  ) {}

  /** Registered at boot by modules downstream of registration (letters), which registration cannot import. */
  alsoErase(part: ErasurePart): void {
    this.parts.push(part);
  }

  async erase(eventId: string, registrationId: string): Promise<void> {
    await this.transactions.run(async ({ manager }) => {
      const registration = await manager.findOne(Registration, {
        where: { eventId, id: registrationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!registration) throw Problem.notFound(`No registration ${registrationId} in this event`);
      if (await this.agenda.takesPart(manager, registration.personId)) {
        throw Problem.conflict('This person chairs or presents in the agenda; take them out of it before erasing them');
      }
      await manager.update(Registration, { id: registrationId }, { answers: {}, consents: {} });
      for (const part of this.parts) await part(manager, { eventId, registrationId });
      await this.magicLinks.revokeAll({ type: 'registration', id: registrationId }, manager);
      const address = await this.people.erase(manager, eventId, registration.personId);
      if (address) await this.outbox.eraseRecipient(manager, eventId, address);
    });
  }

  /** Erases the attendees of events that ended more than the configured number of days ago. */
  async eraseEndedEvents(): Promise<{ erased: number }> {
    const cutoff = new Date(Date.now() - this.config.privacy.anonymiseAfterDays * DAY_MS);
    const { rows } = await this.transactions.run(({ manager }) =>
      sql<{ event_id: string; id: string }>(
        manager,
        `SELECT r.event_id, r.id FROM registrations r
           JOIN events e ON e.id = r.event_id JOIN people p ON p.id = r.person_id
          WHERE e.ends_at < $1 AND p.erased_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM session_chairs c WHERE c.person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM presentation_presenters pp WHERE pp.person_id = p.id)
          LIMIT 1000`,
        [cutoff],
      ),
    );
    for (const row of rows) await this.erase(row.event_id, row.id);
    if (rows.length > 0) this.logger.log(`erased the personal data of ${rows.length} attendee(s) of past events`);
    return { erased: rows.length };
  }
}
