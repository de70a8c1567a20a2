import { Injectable } from '@nestjs/common';
import { TransactionService } from '../platform/database/transaction.service';
import { Person } from '../people/person.entity';
import { Problem } from '../platform/http/problem';
import { validateAnswers } from './answers';
import { UpdateRegistrationInput } from './dto/update-registration.dto';
import { QuestionsService } from './questions.service';
import { Registration } from './registration.entity';

/** Changes to what a registration says about its person; seats are not touched here. */
@Injectable()
export class RegistrationDetailsService {
  constructor(
    private readonly transactions: TransactionService,
    private readonly questions: QuestionsService,
  ) {}

  async update(eventId: string, registrationId: string, input: UpdateRegistrationInput): Promise<void> {
    await this.transactions.run(async ({ manager }) => {
      const registration = await manager.findOne(Registration, {
        where: { eventId, id: registrationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!registration) throw Problem.notFound(`No registration ${registrationId} in this event`);
      const { consents, answers, ...personFields } = input;
      if (consents) registration.consents = { ...registration.consents, ...consents };
      if (answers) {
        const merged = { ...registration.answers, ...answers };
        registration.answers = validateAnswers(await this.questions.forEvent(eventId, manager), merged, false);
      }
      await manager.save(registration);
      const changes = Object.fromEntries(Object.entries(personFields).filter(([, v]) => v !== undefined));
      if (Object.keys(changes).length > 0) await manager.update(Person, { id: registration.personId }, changes);
    });
  }
}
