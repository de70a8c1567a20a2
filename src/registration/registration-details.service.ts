import { Injectable } from '@nestjs/common';
import { ActedBy, AuditJson, AuditService } from '../audit/audit.service';
import { TransactionService } from '../platform/database/transaction.service';
import { PeopleService } from '../people/people.service';
import { Problem } from '../platform/http/problem';
import { validateAnswers } from './answers';
import { UpdateRegistrationInput } from './dto/update-registration.dto';
import { QuestionsService } from './questions.service';
import { RegistrationsRepository } from './registrations.repository';

const KEPT_AFTER_ERASURE = ['organisationType', 'region', 'countryCode', 'language'] as const;

/** Changes to what a registration says about its person; seats are not touched here. */
@Injectable()
export class RegistrationDetailsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly questions: QuestionsService,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
    private readonly registrations: RegistrationsRepository,
  ) {}

  /**
   * `by`: an organiser's edit, recorded with the fields it touched. Only the
   * fields that outlive an erasure (what reports count) keep their values in
   * the log; the others are named, so the log holds no one's name.
   */
  async update(eventId: string, registrationId: string, input: UpdateRegistrationInput, by?: ActedBy): Promise<void> {
    await this.transactions.run(async ({ manager }) => {
      const registration = await this.registrations.lock(manager, eventId, registrationId);
      if (!registration) throw Problem.notFound(`No registration ${registrationId} in this event`);
      const { consents, answers, ...personFields } = input;
      if (consents) registration.consents = { ...registration.consents, ...consents };
      if (answers) {
        const merged = { ...registration.answers, ...answers };
        registration.answers = validateAnswers(await this.questions.forEvent(eventId, manager), merged, false);
      }
      await this.registrations.save(manager, registration);
      const before = by && (await this.people.getEntity(manager, registration.personId));
      await this.people.updateDetails(manager, registration.personId, personFields);
      if (!by || !before) return;
      const after = await this.people.getEntity(manager, registration.personId);
      const changes: Record<string, { from: AuditJson; to: AuditJson }> = {};
      for (const field of KEPT_AFTER_ERASURE) {
        if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
      }
      const fields = Object.keys(input).filter((field) => !(KEPT_AFTER_ERASURE as readonly string[]).includes(field));
      await this.audit.record(
        {
          eventId,
          actor: by.actor,
          action: 'registration.updated',
          subject: { type: 'registration', id: registrationId },
          details: { ...by.details, changes, fields: fields.sort() },
        },
        manager,
      );
    });
  }
}
