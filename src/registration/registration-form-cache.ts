import { RegistrationForm, RegistrationFormsRepository } from './registration-forms.repository';

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

  constructor(private readonly repository: RegistrationFormsRepository) {}

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
    const read = this.repository.read(eventId);
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
}
