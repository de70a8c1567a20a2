import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Event } from '../events/event.entity';
import { Question } from './question.entity';

/** What the public form needs of an event, and the key that says it is still current. */
export interface RegistrationForm {
  event: Event;
  questions: Question[];
  /** `registrationFormKey` when this was read; a write compares it with the key then. */
  key: string;
  /** Taken from the cache rather than just read. */
  cached: boolean;
}

/**
 * A digest of everything the public registration path takes from the event
 * row (`alias`) and its questions. A statement that writes a registration
 * from a cached form checks it, so a form changed since it was cached is
 * never used: the statement writes nothing and the caller reads afresh.
 */
export function registrationFormKey(alias: string): string {
  return `md5(row(${alias}.title, ${alias}.venue, ${alias}.starts_at, ${alias}.ends_at, ${alias}.timezone, ${alias}.slug, ${alias}.status,
      ${alias}.requires_approval, ${alias}.updated_at)::text
    || coalesce((SELECT json_agg(q ORDER BY q.id)::text FROM registration_questions q WHERE q.event_id = ${alias}.id), ''))`;
}

const QUESTIONS_JSON = `coalesce((SELECT json_agg(json_build_object('id', q.id, 'eventId', q.event_id, 'key', q.key, 'label', q.label,
    'type', q.type, 'required', q.required, 'options', q.options, 'position', q.position, 'createdAt', q.created_at)
    ORDER BY q.position, q.created_at) FROM registration_questions q WHERE q.event_id = e.id), '[]')`;

/** The public form's read of an event and its questions: only RegistrationsService (through its form cache) uses this. */
@Injectable()
export class RegistrationFormsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Event, questions and key in one statement, so the key belongs to exactly what was read; null when there is no such event. */
  async read(eventId: string): Promise<RegistrationForm | null> {
    const { entities, raw } = await this.db
      .createQueryBuilder(Event, 'e')
      .addSelect(registrationFormKey('e'), 'form_key')
      .addSelect(QUESTIONS_JSON, 'form_questions')
      .where('e.id = :eventId', { eventId })
      .getRawAndEntities<{ form_key: string; form_questions: Array<Question & { createdAt: string }> }>();
    if (entities.length === 0) return null;
    const questions = raw[0].form_questions.map((q) => ({ ...q, createdAt: new Date(q.createdAt) }));
    return { event: entities[0], questions, key: raw[0].form_key, cached: false };
  }
}
