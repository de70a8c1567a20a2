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

/** Long enough to carry a burst; the key check keeps even an old entry honest. */
const TTL_MS = 30_000;
const MAX_EVENTS = 1_000;

/**
 * Events' public forms kept in memory for a short while, so a burst of
 * registrations does not read the same event and questions for every one.
 * Only a shortcut: the registration window and seats are checked in the
 * statement that writes, and a stale form makes that statement write nothing.
 */
export class RegistrationFormCache {
  private readonly forms = new Map<string, { read: Promise<RegistrationForm | null>; until: number }>();

  constructor(private readonly db: DataSource) {}

  /**
   * The cached form, or a fresh read of it; null when there is no such event.
   * A burst that finds none waits for one read instead of each making its own.
   */
  async get(eventId: string, fresh = false): Promise<RegistrationForm | null> {
    const entry = this.forms.get(eventId);
    if (!fresh && entry && entry.until > Date.now()) {
      const form = await entry.read;
      return form && { ...form, cached: true };
    }
    if (this.forms.size >= MAX_EVENTS) this.forms.clear();
    const read = this.read(eventId);
    this.forms.set(eventId, { read, until: Date.now() + TTL_MS });
    try {
      const form = await read;
      if (!form) this.forget(eventId, read);
      return form;
    } catch (error) {
      this.forget(eventId, read);
      throw error;
    }
  }

  /** Drops the event's form (only the one from `read`, when given, so a newer read stays). */
  forget(eventId: string, read?: Promise<RegistrationForm | null>): void {
    if (!read || this.forms.get(eventId)?.read === read) this.forms.delete(eventId);
  }

  /** Event, questions and key in one statement, so the key belongs to exactly what was read. */
  private async read(eventId: string): Promise<RegistrationForm | null> {
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
