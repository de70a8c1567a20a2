import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { MagicLinkService } from '../auth/magic-link.service';
import { Tx, TransactionService } from '../platform/database/transaction.service';
import { FieldError, Problem } from '../platform/http/problem';
import { Page, PageQuery, decodeCursor, toPage } from '../platform/http/pagination';
import { CancelEventInput, PostponeEventInput } from './dto/postpone-event.dto';
import { CreateEventInput } from './dto/create-event.dto';
import { UpdateEventInput } from './dto/update-event.dto';
import { Event } from './event.entity';
import { EventRole } from './event-member.entity';
import { EventMembersRepository } from './event-members.repository';
import { EventsRepository } from './events.repository';
import { slugify } from '../platform/text/slugify';
import { parseEventTimes } from './event-times';
import { EventView, eventView } from './event.view';
import { ChangedBy, EventChanges } from './event-changes';
import { eventFieldChanges, eventValues } from './event-field-changes';
import './event-domain-events';

const TIME_FIELDS = ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt', 'materialsDueAt'] as const;

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly members: EventMembersRepository,
    private readonly transactions: TransactionService,
    private readonly magicLinks: MagicLinkService,
    private readonly changes: EventChanges,
  ) {}

  async create(organiserId: string, input: CreateEventInput): Promise<EventView> {
    const times = parseEventTimes(pick(input, TIME_FIELDS), input.timezone);
    const values = {
      title: input.title,
      description: input.description,
      timezone: input.timezone,
      venue: input.venue ?? null,
      capacity: input.capacity ?? null,
      coOrganisers: input.coOrganisers,
      requiresApproval: input.requiresApproval,
      defaultReminders: input.defaultReminders,
      startsAt: times.startsAt as Date,
      endsAt: times.endsAt as Date,
      registrationOpensAt: times.registrationOpensAt ?? null,
      registrationClosesAt: times.registrationClosesAt ?? null,
      materialsDueAt: times.materialsDueAt ?? null,
    };
    checkOrder(values);
    const insert = () =>
      this.transactions.run(async ({ manager, publish }) => {
        const slug = input.slug ?? (await this.freeSlug(manager, input.title));
        const saved = await this.saveUniqueSlug(() => this.events.insert(manager, { ...values, slug }), slug);
        await this.members.insertOwner(manager, saved.id, organiserId);
        publish('event.created', { eventId: saved.id, defaultReminders: saved.defaultReminders });
        return saved;
      });
    const event = await insert().catch((error: unknown) => {
      // Events with the same title created at once all find the derived slug free; by
      // the retry the winner has committed it, so freeSlug picks a suffixed one.
      if (input.slug === undefined && error instanceof Problem && error.getStatus() === 409) return insert();
      throw error;
    });
    return eventView(event, 'owner');
  }

  async get(eventId: string, role?: EventRole): Promise<EventView> {
    return eventView(await this.load(this.events.manager, eventId), role);
  }

  /** The event itself, for modules downstream (agenda, registration) that need its zone and days. */
  getEntity(eventId: string, manager: EntityManager = this.events.manager): Promise<Event> {
    return this.load(manager, eventId);
  }

  /** The organiser's role in the event, or null when they are not a member. */
  /** A published (or since cancelled) event by its slug, for public pages; drafts are not found. */
  async findPublicBySlug(slug: string): Promise<Event | null> {
    const event = await this.events.findBySlug(slug);
    return event && event.status !== 'draft' ? event : null;
  }

  async roleOf(eventId: string, organiserId: string): Promise<EventRole | null> {
    return this.members.roleOf(eventId, organiserId);
  }

  /** The events the organiser is a member of, soonest last-created first. */
  async listFor(organiserId: string, page: PageQuery): Promise<Page<EventView>> {
    const cursor = decodeCursor(page.cursor);
    const rows = await this.events.pageFor(organiserId, page.limit, cursor);
    return toPage(
      rows,
      page.limit,
      (r) => eventView(r.event, r.role),
      (r) => ({ after: r.event.createdAt.toISOString(), id: r.event.id }),
    );
  }

  async update(eventId: string, input: UpdateEventInput, role: EventRole, by?: ChangedBy): Promise<EventView> {
    const event = await this.transactions.run(async (tx) => {
      const event = await this.loadForChange(tx.manager, eventId);
      const values = eventValues(event);
      const timezone = input.timezone ?? event.timezone;
      const times = parseEventTimes(pick(input, TIME_FIELDS), timezone);
      const before = { startsAt: event.startsAt, endsAt: event.endsAt, capacity: event.capacity };
      const { startsAt, endsAt, registrationOpensAt, registrationClosesAt, materialsDueAt, ...plain } = input;
      Object.assign(event, definedOnly(plain), definedOnly(times));
      checkOrder(event);
      const saved = await this.saveUniqueSlug(() => this.events.save(tx.manager, event), event.slug);
      await this.followChanges(tx, saved, before, false);
      const { changes, fields } = eventFieldChanges(values, eventValues(saved));
      if (Object.keys(changes).length > 0 || fields.length > 0) {
        await this.changes.tell(tx.manager, eventId, { kind: 'updated', changes, fields }, by);
      }
      return saved;
    });
    return eventView(event, role);
  }

  async publish(eventId: string, role: EventRole, by?: ChangedBy): Promise<EventView> {
    const event = await this.transactions.run(async (tx) => {
      const event = await this.loadForChange(tx.manager, eventId);
      if (event.status === 'published') return event;
      event.status = 'published';
      event.publishedAt = new Date();
      tx.publish('event.published', { eventId });
      await this.changes.tell(tx.manager, eventId, { kind: 'published' }, by);
      return this.events.save(tx.manager, event);
    });
    return eventView(event, role);
  }

  async cancel(eventId: string, input: CancelEventInput, role: EventRole, by?: ChangedBy): Promise<EventView> {
    const event = await this.transactions.run(async (tx) => {
      const event = await this.load(tx.manager, eventId, true);
      if (event.status === 'cancelled') return event;
      event.status = 'cancelled';
      event.cancelledAt = new Date();
      event.cancellationReason = input.reason ?? null;
      tx.publish('event.cancelled', { eventId, reason: event.cancellationReason });
      await this.changes.tell(tx.manager, eventId, { kind: 'cancelled', reason: event.cancellationReason }, by);
      return this.events.save(tx.manager, event);
    });
    return eventView(event, role);
  }

  /** Moves the whole event to new dates; everything anchored on them follows the domain event. */
  async postpone(eventId: string, input: PostponeEventInput, role: EventRole, by?: ChangedBy): Promise<EventView> {
    const event = await this.transactions.run(async (tx) => {
      const event = await this.loadForChange(tx.manager, eventId);
      const values = eventValues(event);
      const times = parseEventTimes(input, event.timezone);
      const before = { startsAt: event.startsAt, endsAt: event.endsAt, capacity: event.capacity };
      event.startsAt = times.startsAt as Date;
      event.endsAt = times.endsAt as Date;
      event.postponedAt = new Date();
      checkOrder(event);
      const saved = await this.events.save(tx.manager, event);
      await this.followChanges(tx, saved, before, true);
      const { changes } = eventFieldChanges(values, eventValues(saved));
      await this.changes.tell(tx.manager, eventId, { kind: 'postponed', changes }, by);
      return saved;
    });
    return eventView(event, role);
  }

  /**
   * In the change's transaction, the links of the event's people move with its
   * end (a link sent for the old dates must still open after the new ones);
   * the rest follows the domain events announced after commit.
   */
  private async followChanges(
    tx: Tx,
    event: Event,
    before: { startsAt: Date; endsAt: Date; capacity: number | null },
    postponed: boolean,
  ): Promise<void> {
    if (before.endsAt.getTime() !== event.endsAt.getTime()) await this.magicLinks.followEvent(tx.manager, event.id, event.endsAt);
    if (before.startsAt.getTime() !== event.startsAt.getTime() || before.endsAt.getTime() !== event.endsAt.getTime()) {
      tx.publish('event.rescheduled', {
        eventId: event.id,
        previous: { startsAt: before.startsAt.toISOString(), endsAt: before.endsAt.toISOString() },
        startsAt: event.startsAt.toISOString(),
        endsAt: event.endsAt.toISOString(),
        postponed,
      });
    }
    if (before.capacity !== event.capacity) {
      tx.publish('event.capacity-changed', { eventId: event.id, previous: before.capacity, capacity: event.capacity });
    }
  }

  /** The event, its row locked until the transaction ends: another module's changes to it (seats, publishing) are ordered by that lock. */
  lock(manager: EntityManager, eventId: string): Promise<Event> {
    return this.load(manager, eventId, true);
  }

  private async load(manager: EntityManager, eventId: string, lock = false): Promise<Event> {
    const event = await this.events.find(manager, eventId, lock);
    if (!event) throw Problem.notFound(`No event ${eventId}`);
    return event;
  }

  private async loadForChange(manager: EntityManager, eventId: string): Promise<Event> {
    const event = await this.load(manager, eventId, true);
    if (event.status === 'cancelled') throw Problem.conflict(`Event ${eventId} is cancelled and can no longer change`);
    return event;
  }

  private async freeSlug(manager: EntityManager, title: string): Promise<string> {
    const base = slugify(title, 'event');
    const taken = await this.events.slugTaken(manager, base);
    return !taken && base.length >= 3 ? base : `${base}-${randomBytes(3).toString('hex')}`;
  }

  private async saveUniqueSlug<T>(save: () => Promise<T>, slug: string): Promise<T> {
    try {
      return await save();
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw Problem.conflict(`The slug "${slug}" is already used by another event`);
      }
      throw error;
    }
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (key in source) out[key] = source[key];
  return out;
}

function definedOnly<T extends object>(source: T): Partial<T> {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkOrder(e: { startsAt: Date; endsAt: Date; registrationOpensAt: Date | null; registrationClosesAt: Date | null }): void {
  const errors: FieldError[] = [];
  if (e.endsAt <= e.startsAt) errors.push({ field: 'endsAt', message: 'must be after startsAt' });
  if (e.registrationOpensAt && e.registrationClosesAt && e.registrationClosesAt <= e.registrationOpensAt) {
    errors.push({ field: 'registrationClosesAt', message: 'must be after registrationOpensAt' });
  }
  if (errors.length > 0) throw Problem.badRequest("The event's times are out of order", errors);
}
