import { Injectable } from '@nestjs/common';
import { TransactionService } from '../platform/database/transaction.service';
import { PeopleService } from '../people/people.service';
import { Problem } from '../platform/http/problem';
import { validateAnswers } from './answers';
import { UpdateRegistrationInput } from './dto/update-registration.dto';
import { QuestionsService } from './questions.service';
import { RegistrationsRepository } from './registrations.repository';

/** Changes to what a registration says about its person; seats are not touched here. */
@Injectable()
export class RegistrationDetailsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly questions: QuestionsService,
    private readonly people: PeopleService,
    private readonly registrations: RegistrationsRepository,
  ) {}

  async update(eventId: string, registrationId: string, input: UpdateRegistrationInput): Promise<void> {
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
      await this.people.updateDetails(manager, registration.personId, personFields);
    });
  }
}
