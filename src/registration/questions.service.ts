import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { Problem } from '../platform/http/problem';
import { CreateQuestionInput, UpdateQuestionInput } from './dto/question.dto';
import { Question } from './question.entity';
import { QuestionsRepository } from './questions.repository';

const view = (q: Question) => ({
  id: q.id,
  key: q.key,
  label: q.label,
  type: q.type,
  required: q.required,
  options: q.options,
  position: q.position,
});

/** The event's custom registration questions. */
@Injectable()
export class QuestionsService {
  constructor(private readonly repository: QuestionsRepository) {}

  async create(eventId: string, input: CreateQuestionInput) {
    const position = input.position ?? (await this.repository.count(eventId));
    try {
      return view(await this.repository.save({ ...input, position, eventId }));
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw Problem.conflict(`This event already has a question with the key "${input.key}"`);
      }
      throw error;
    }
  }

  async one(eventId: string, questionId: string) {
    const question = await this.repository.findOne(eventId, questionId);
    if (!question) throw Problem.notFound(`No question ${questionId} in this event`);
    return view(question);
  }

  async list(eventId: string) {
    return { items: (await this.forEvent(eventId)).map(view), nextCursor: null };
  }

  async update(eventId: string, questionId: string, input: UpdateQuestionInput) {
    const question = await this.repository.findOne(eventId, questionId);
    if (!question) throw Problem.notFound(`No question ${questionId} in this event`);
    Object.assign(question, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
    if ((question.type === 'choice' || question.type === 'multi_choice') && question.options.length < 2) {
      throw Problem.badRequest('A choice question needs at least two options', [{ field: 'options', message: 'at least two options' }]);
    }
    return view(await this.repository.save(question));
  }

  /**
   * Swaps the question with its neighbour above or below, numbering the whole
   * list afresh (positions given by the API may repeat or leave gaps) in one
   * transaction, so the form never shows two questions in one place.
   */
  async move(eventId: string, questionId: string, direction: 'up' | 'down'): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const questions = await this.forEvent(eventId, manager);
      const index = questions.findIndex((q) => q.id === questionId);
      if (index < 0) throw Problem.notFound(`No question ${questionId} in this event`);
      const other = direction === 'up' ? index - 1 : index + 1;
      if (other < 0 || other >= questions.length) return;
      [questions[index], questions[other]] = [questions[other], questions[index]];
      for (const [position, question] of questions.entries()) {
        if (question.position !== position) await this.repository.setPosition(manager, question.id, position);
      }
    });
  }

  /** Answers already given stay in registrations; they are simply no longer asked. */
  async remove(eventId: string, questionId: string): Promise<void> {
    if (!(await this.repository.delete(eventId, questionId))) throw Problem.notFound(`No question ${questionId} in this event`);
  }

  forEvent(eventId: string, manager: EntityManager = this.repository.manager): Promise<Question[]> {
    return this.repository.forEvent(manager, eventId);
  }
}
