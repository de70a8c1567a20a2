import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Question } from './question.entity';

/** The `questions` table's SQL: only QuestionsService uses this. */
@Injectable()
export class QuestionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  count(eventId: string): Promise<number> {
    return this.db.getRepository(Question).count({ where: { eventId } });
  }

  save(question: Partial<Question>): Promise<Question> {
    return this.db.getRepository(Question).save(question);
  }

  findOne(eventId: string, questionId: string): Promise<Question | null> {
    return this.db.getRepository(Question).findOne({ where: { eventId, id: questionId } });
  }

  /** The event's questions in the order the form asks them. */
  forEvent(manager: EntityManager, eventId: string): Promise<Question[]> {
    return manager.find(Question, { where: { eventId }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  async setPosition(manager: EntityManager, questionId: string, position: number): Promise<void> {
    await manager.update(Question, { id: questionId }, { position });
  }

  /** Whether a question was there to delete. */
  async delete(eventId: string, questionId: string): Promise<boolean> {
    const result = await this.db.getRepository(Question).delete({ eventId, id: questionId });
    return Boolean(result.affected);
  }
}
