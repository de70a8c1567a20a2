import { Person } from '../people/person.entity';
import { MailLanguage } from '../platform/mail/mail-language';
import { PublicRegistration, PublicRegistrationsRepository } from './public-registrations.repository';
import { Registration } from './registration.entity';
import { registrationWindow } from './registration-window';

export type BatchOutcome =
  | { kind: 'registered'; registration: Registration; person: Person; mailId: string | null; mailStatus: string | null }
  /** The address already has a registration for the event. */
  | { kind: 'duplicate' }
  /** Nothing written for this one: the address is known in the event with another language, which its emails must be in. */
  | { kind: 'relanguage'; language: MailLanguage }
  /** Nothing written: the form changed since it was read, registration closed, or the statement failed as a whole. */
  | { kind: 'unwritten'; error?: unknown };

const MAX_BATCH = 100;

interface Waiting {
  registration: PublicRegistration;
  resolve: (outcome: BatchOutcome) => void;
}

/**
 * Gathers the public registrations of each event that arrive while the
 * event's previous batch is being written, and writes them together: a burst
 * costs one round trip, one lock of the event row and one commit per batch
 * instead of per registration, and a quiet moment costs no wait at all.
 */
export class PublicRegistrationBatches {
  private readonly events = new Map<string, { waiting: Waiting[]; writing: boolean }>();

  constructor(private readonly repository: PublicRegistrationsRepository) {}

  register(registration: PublicRegistration): Promise<BatchOutcome> {
    const eventId = registration.form.event.id;
    let queue = this.events.get(eventId);
    if (!queue) {
      queue = { waiting: [], writing: false };
      this.events.set(eventId, queue);
    }
    const outcome = new Promise<BatchOutcome>((resolve) => queue.waiting.push({ registration, resolve }));
    if (!queue.writing) void this.drain(eventId, queue);
    return outcome;
  }

  private async drain(eventId: string, queue: { waiting: Waiting[]; writing: boolean }): Promise<void> {
    queue.writing = true;
    while (queue.waiting.length > 0) {
      const batch = takeBatch(queue.waiting);
      const outcomes = await this.write(batch.map((w) => w.registration)).catch((error: unknown) =>
        batch.map((): BatchOutcome => ({ kind: 'unwritten', error })),
      );
      batch.forEach((w, i) => w.resolve(outcomes[i]));
    }
    queue.writing = false;
    this.events.delete(eventId);
  }

  private async write(batch: PublicRegistration[]): Promise<BatchOutcome[]> {
    const event = batch[0].form.event;
    const window = registrationWindow(event);
    if (window.state !== 'open' || event.requiresApproval) return batch.map(() => ({ kind: 'unwritten' }));
    const rows = await this.repository.insertBatch(batch, window.closesAt);
    if (rows.length === 0) return batch.map(() => ({ kind: 'unwritten' }));
    const byOrd = new Map(rows.map((row) => [row.ord, row]));
    return batch.map((_, i): BatchOutcome => {
      const row = byOrd.get(i);
      if (row?.mailLanguage) return { kind: 'relanguage', language: row.mailLanguage };
      if (!row?.registration || !row.person) return { kind: 'duplicate' };
      return { kind: 'registered', registration: row.registration, person: row.person, mailId: row.mailId, mailStatus: row.mailStatus };
    });
  }
}

/**
 * The next batch: up to MAX_BATCH registrations checked against the same form,
 * each address once (a second submission of an address waits for the next
 * batch, where it finds the first one registered).
 */
function takeBatch(waiting: Waiting[]): Waiting[] {
  const key = waiting[0].registration.form.key;
  const addresses = new Set<string>();
  const batch: Waiting[] = [];
  for (let i = 0; i < waiting.length && batch.length < MAX_BATCH;) {
    const registration = waiting[i].registration;
    const address = registration.input.email.toLowerCase();
    if (registration.form.key !== key || addresses.has(address)) {
      i += 1;
      continue;
    }
    addresses.add(address);
    batch.push(...waiting.splice(i, 1));
  }
  return batch;
}
