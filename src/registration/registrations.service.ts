import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { ActedBy, AuditService } from '../audit/audit.service';
import { MagicLinkService } from '../auth/magic-link.service';
import { Event } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import { DomainEventBus } from '../platform/domain-events/domain-event-bus';
import { Tx, TransactionService } from '../platform/database/transaction.service';
import { OutboxService } from '../platform/mail/outbox.service';
import { Problem } from '../platform/http/problem';
import { formatInZone } from '../platform/time/zoned-time';
import { validateAnswers } from './answers';
import { newCheckInCode } from './check-in-code';
import { OrganiserRegisterInput, RegisterInput } from './dto/register.dto';
import { QuestionsService } from './questions.service';
import { PublicRegistrationBatches } from './public-registration-batches';
import { PublicRegistrationsRepository } from './public-registrations.repository';
import { registrationWindow } from './registration-window';
import './registration-domain-events';
import { RegistrationFormCache } from './registration-form-cache';
import { RegistrationForm, RegistrationFormsRepository } from './registration-forms.repository';
import { RegistrationMailService } from './registration-mail.service';
import { SessionSignupsService } from './session-signups.service';
import { Registration, RegistrationSource, RegistrationStatus } from './registration.entity';
import { RegistrationsRepository } from './registrations.repository';
import '../events/event-domain-events';

export interface RegistrationOutcome {
  registration: Registration;
  person: Person;
  event: Event;
}

/**
 * Registrations and seats. Every change that takes or frees a seat locks the
 * event row first, so seats are counted one change at a time; a trigger on
 * the table refuses a confirmed registration beyond capacity as a backstop.
 */
@Injectable()
export class RegistrationsService implements OnModuleInit {
  private readonly logger = new Logger(RegistrationsService.name);
  private readonly forms: RegistrationFormCache;
  private readonly batches: PublicRegistrationBatches;

  constructor(
    private readonly repository: RegistrationsRepository,
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly people: PeopleService,
    private readonly mail: RegistrationMailService,
    private readonly magicLinks: MagicLinkService,
    private readonly bus: DomainEventBus,
    private readonly questions: QuestionsService,
    private readonly signups: SessionSignupsService,
    private readonly outbox: OutboxService,
    forms: RegistrationFormsRepository,
    publicRegistrations: PublicRegistrationsRepository,
    private readonly audit: AuditService,
  ) {
    this.forms = new RegistrationFormCache(forms);
    this.batches = new PublicRegistrationBatches(publicRegistrations);
  }

  onModuleInit(): void {
    this.bus.on('event.capacity-changed', async ({ eventId }) => {
      await this.fillFreedSeats(eventId);
    });
  }

  /**
   * The public form: only while registration is open. Usually written in a
   * batch checked against a cached form (see `registerInBatch`); events that
   * need approval, or whose form changed meanwhile, take the general path.
   */
  async registerPublic(eventId: string, input: RegisterInput): Promise<RegistrationOutcome> {
    let form = await this.forms.get(eventId);
    let answers: Record<string, unknown>;
    try {
      answers = this.admit(eventId, form, input);
    } catch (error) {
      // A refusal never rests on a cached form: the event may have opened, or its questions changed, since.
      if (!form?.cached) throw error;
      form = await this.forms.get(eventId, true);
      answers = this.admit(eventId, form, input);
    }
    if (form && !form.event.requiresApproval) {
      const outcome = await this.registerInBatch(form, { ...input, answers });
      if (outcome) return outcome;
      this.forms.forget(eventId);
    }
    const event = await this.events.getEntity(eventId);
    if (event.status === 'draft') throw Problem.notFound(`No event ${eventId}`);
    this.assertOpen(event);
    answers = validateAnswers(await this.questions.forEvent(eventId), input.answers, true);
    return this.register(event, { ...input, answers }, 'public', undefined, true);
  }

  /** Organisers: any time, also after the event; may choose the waitlist or approval. */
  async registerByOrganiser(
    event: Event,
    input: OrganiserRegisterInput,
    source: RegistrationSource = 'organiser',
  ): Promise<RegistrationOutcome> {
    const { status, notify, ...details } = input;
    const answers = validateAnswers(await this.questions.forEvent(event.id), input.answers, false);
    return this.register(event, { ...details, answers }, source, status, notify);
  }

  private async register(
    event: Event,
    input: Omit<OrganiserRegisterInput, 'status' | 'notify'>,
    source: RegistrationSource,
    wanted: 'confirmed' | 'waitlisted' | 'pending' | undefined,
    notify: boolean,
  ): Promise<RegistrationOutcome> {
    const { consents, answers, ...personInput } = input;
    try {
      return await this.transactions.run(async (tx) => {
        const person = await this.people.upsert(tx.manager, event.id, {
          name: personInput.name,
          email: personInput.email,
          organisation: personInput.organisation ?? null,
          organisationType: personInput.organisationType ?? null,
          region: personInput.region ?? null,
          countryCode: personInput.countryCode ?? null,
          title: personInput.title ?? null,
          language: personInput.language ?? null,
        });
        const seats = await this.repository.peekSeats(tx.manager, event.id);
        if (!seats) throw Problem.notFound(`No event ${event.id}`);
        const status: RegistrationStatus =
          wanted === 'waitlisted' || wanted === 'pending'
            ? wanted
            : seats.requiresApproval && wanted === undefined
              ? 'pending'
              : seats.free
                ? 'confirmed'
                : 'waitlisted';
        const registration = await this.repository.insert(tx.manager, {
          eventId: event.id,
          personId: person.id,
          status,
          source,
          consents,
          answers,
        });
        if (notify) await this.mail.send(tx, registration.status, event, registration, person);
        return { registration, person, event };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw await this.alreadyRegistered(event.id, personInput.email, source);
      throw error;
    }
  }

  /**
   * A new public registration written with the others of its burst (see
   * `PublicRegistrationBatches`): the link's token and both possible emails
   * (confirmed, waitlisted) are made here, and the statement keeps the one that
   * matches the seat it got. Null when nothing was written: the form changed
   * since it was read, registration just closed, or the batch failed as a whole.
   */
  private async registerInBatch(form: RegistrationForm, input: RegisterInput): Promise<RegistrationOutcome | null> {
    const { event } = form;
    const registrationId = randomUUID();
    const checkInCode = newCheckInCode();
    const { token, tokenHash, expiresAt } = this.magicLinks.prepare(event.endsAt);
    const attempt = async (language: string | null | undefined) => {
      const [confirmed, waitlisted] = (
        await this.mail.renderOutcomes(
          ['confirmed', 'waitlisted'],
          event,
          { id: registrationId, checkInCode, updatedAt: new Date() },
          { ...input, language },
          token,
        )
      ).map((mail) => ({ ...mail, attachments: JSON.stringify(mail.attachments) }));
      return this.batches.register({
        form,
        input,
        registrationId,
        checkInCode,
        tokenHash,
        tokenExpiresAt: expiresAt,
        mailId: randomUUID(),
        mailLanguage: confirmed.language,
        mailHeaders: JSON.stringify(confirmed.headers),
        mails: { confirmed, waitlisted },
      });
    };
    let outcome = await attempt(input.language);
    // The address is known with its own language (a presenter, say) and named none now: its emails speak that one.
    if (outcome.kind === 'relanguage') outcome = await attempt(outcome.language);
    if (outcome.kind === 'duplicate') throw await this.alreadyRegistered(event.id, input.email, 'public');
    if (outcome.kind === 'relanguage') return null;
    if (outcome.kind === 'unwritten') {
      if (outcome.error) this.logger.warn({ err: outcome.error }, 'a batch of public registrations failed; each is registered on its own');
      return null;
    }
    if (outcome.mailId && outcome.mailStatus === 'queued') {
      await this.outbox.dispatch(outcome.mailId).catch((error: unknown) => {
        // The registration stands; the outbox sweep enqueues the email's job later.
        this.logger.error({ err: error }, 'enqueueing a registration email failed; the maintenance sweep will heal it');
      });
    }
    return { registration: outcome.registration, person: outcome.person, event };
  }

  /** The same address again: the public learns only that it is registered, and the address gets its link. */
  private async alreadyRegistered(eventId: string, email: string, source: RegistrationSource): Promise<Problem> {
    if (source === 'public') await this.resendLink(eventId, email);
    return Problem.conflict(
      source === 'public'
        ? 'This address is already registered for this event; a link to the registration is on its way to it'
        : `${email} is already registered for this event`,
    );
  }

  /** Cancels; a freed seat goes to the first person on the waitlist in the same transaction. */
  async cancel(eventId: string, registrationId: string, by?: ActedBy): Promise<RegistrationOutcome> {
    return this.transactions.run(async (tx) => {
      const event = await this.events.lock(tx.manager, eventId);
      const registration = await this.loadForChange(tx.manager, eventId, registrationId);
      const person = await this.people.getEntity(tx.manager, registration.personId);
      if (registration.status === 'cancelled' || registration.status === 'rejected') return { registration, person, event };
      const before = registration.status;
      const freedSeat = registration.status === 'confirmed';
      registration.status = 'cancelled';
      registration.cancelledAt = new Date();
      await this.repository.save(tx.manager, registration);
      await this.recordDecision(tx, by, 'registration.cancelled', registration, before);
      await this.signups.releaseAll(tx.manager, eventId, registration.id);
      await this.mail.send(tx, 'cancelled', event, registration, person);
      if (freedSeat) await this.promote(tx, event);
      tx.publish('registration.cancelled', { eventId, registrationId: registration.id });
      return { registration, person, event };
    });
  }

  /** Approves a pending registration: a seat if one is free, else the waitlist. */
  async approve(eventId: string, registrationId: string, by?: ActedBy): Promise<RegistrationOutcome> {
    return this.transactions.run(async (tx) => {
      const event = await this.events.lock(tx.manager, eventId);
      const registration = await this.loadForChange(tx.manager, eventId, registrationId);
      if (registration.status !== 'pending') throw Problem.conflict(`The registration is ${registration.status}, not pending`);
      const person = await this.people.getEntity(tx.manager, registration.personId);
      const now = new Date();
      registration.decidedAt = now;
      if ((await this.freeSeats(tx.manager, event)) > 0) {
        registration.status = 'confirmed';
        registration.confirmedAt = now;
      } else {
        registration.status = 'waitlisted';
        registration.waitlistedAt = now;
      }
      await this.repository.save(tx.manager, registration);
      await this.recordDecision(tx, by, 'registration.approved', registration, 'pending');
      await this.mail.send(tx, registration.status as 'confirmed' | 'waitlisted', event, registration, person);
      return { registration, person, event };
    });
  }

  async reject(eventId: string, registrationId: string, by?: ActedBy): Promise<RegistrationOutcome> {
    return this.transactions.run(async (tx) => {
      const event = await this.events.lock(tx.manager, eventId);
      const registration = await this.loadForChange(tx.manager, eventId, registrationId);
      if (registration.status !== 'pending' && registration.status !== 'waitlisted') {
        throw Problem.conflict(`The registration is ${registration.status}; only pending or waitlisted ones can be rejected`);
      }
      const person = await this.people.getEntity(tx.manager, registration.personId);
      const before = registration.status;
      registration.status = 'rejected';
      registration.decidedAt = new Date();
      await this.repository.save(tx.manager, registration);
      await this.recordDecision(tx, by, 'registration.rejected', registration, before);
      await this.mail.send(tx, 'rejected', event, registration, person);
      return { registration, person, event };
    });
  }

  /**
   * Emails a fresh link to the address's active registration, at most once a
   * minute; silent when the address has none, so the answer reveals nothing.
   */
  async resendLink(eventId: string, email: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const registration = await this.repository.findActiveByEmail(tx.manager, eventId, email);
      if (!registration) return;
      if (!(await this.magicLinks.claimResend({ type: 'registration', id: registration.id }, tx.manager))) return;
      const event = await this.events.getEntity(eventId, tx.manager);
      const person = await this.people.getEntity(tx.manager, registration.personId);
      await this.mail.send(tx, 'link', event, registration, person);
    });
  }

  /** After capacity rose (or on demand): gives every free seat to the waitlist, first come first served. */
  async fillFreedSeats(eventId: string): Promise<number> {
    return this.transactions.run(async (tx) => this.promote(tx, await this.events.lock(tx.manager, eventId)));
  }

  /** An organiser's decision in the audit log, in the decision's transaction. */
  private async recordDecision(
    tx: Tx,
    by: ActedBy | undefined,
    action: 'registration.approved' | 'registration.rejected' | 'registration.cancelled',
    registration: Registration,
    before: RegistrationStatus,
  ): Promise<void> {
    if (!by) return;
    await this.audit.record(
      {
        eventId: registration.eventId,
        actor: by.actor,
        action,
        subject: { type: 'registration', id: registration.id },
        details: { ...by.details, changes: { status: { from: before, to: registration.status } } },
      },
      tx.manager,
    );
  }

  async load(eventId: string, registrationId: string): Promise<Registration> {
    const registration = await this.repository.findOne(eventId, registrationId);
    if (!registration) throw Problem.notFound(`No registration ${registrationId} in this event`);
    return registration;
  }

  private async promote(tx: Tx, event: Event): Promise<number> {
    const free = await this.freeSeats(tx.manager, event);
    if (free <= 0) return 0;
    const waiting = await this.repository.lockWaitlist(tx.manager, event.id, Number.isFinite(free) ? free : undefined);
    const now = new Date();
    for (const registration of waiting) {
      registration.status = 'confirmed';
      registration.confirmedAt = now;
      registration.promotedAt = now;
      await this.repository.save(tx.manager, registration);
      const person = await this.people.getEntity(tx.manager, registration.personId);
      await this.mail.send(tx, 'promoted', event, registration, person);
    }
    return waiting.length;
  }

  private async freeSeats(manager: EntityManager, event: Event): Promise<number> {
    if (event.capacity === null) return Number.POSITIVE_INFINITY;
    return event.capacity - (await this.repository.countConfirmed(manager, event.id));
  }

  private async loadForChange(manager: EntityManager, eventId: string, registrationId: string): Promise<Registration> {
    const registration = await this.repository.lock(manager, eventId, registrationId);
    if (!registration) throw Problem.notFound(`No registration ${registrationId} in this event`);
    return registration;
  }

  /** The checks of the public form that need no database: the event is public, open, and the answers fit its questions. */
  private admit(eventId: string, form: RegistrationForm | null, input: RegisterInput): Record<string, unknown> {
    if (!form || form.event.status === 'draft') throw Problem.notFound(`No event ${eventId}`);
    this.assertOpen(form.event);
    return validateAnswers(form.questions, input.answers, true);
  }

  private assertOpen(event: Event): void {
    const window = registrationWindow(event);
    switch (window.state) {
      case 'open':
        return;
      case 'cancelled':
        throw Problem.unprocessable('The event is cancelled; registration is closed');
      case 'not-yet':
        throw Problem.unprocessable(`Registration opens at ${formatInZone(window.opensAt, event.timezone)}`);
      case 'closed':
        throw Problem.unprocessable('Registration is closed');
    }
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}
