import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { StatementRows } from '../platform/database/statement-rows';
import { Problem } from '../platform/http/problem';
import { Page, PageQuery, decodeCursor, toPage } from '../platform/http/pagination';
import { PersonInput } from './dto/person-fields';
import { UpdatePersonInput } from './dto/update-person.dto';
import { PeopleRepository, PersonContact, PersonUpsertField } from './people.repository';
import { Person } from './person.entity';
import { PersonView, personView } from './person.view';

export type { PersonContact, PersonUpsertField } from './people.repository';

/** The event's people; other modules reach them through this service only. */
@Injectable()
export class PeopleService {
  constructor(private readonly repository: PeopleRepository) {}

  async create(eventId: string, input: PersonInput): Promise<PersonView> {
    const person = await this.uniqueEmail(input.email, () => this.repository.insert(eventId, input));
    return personView(person);
  }

  async list(eventId: string, page: PageQuery & { q?: string }): Promise<Page<PersonView>> {
    const rows = await this.repository.page(eventId, page.limit, page.q, decodeCursor(page.cursor));
    return toPage(rows, page.limit, personView, (p) => ({ after: p.createdAt.toISOString(), id: p.id }));
  }

  /** Every person of the event not erased, by name: what a page offers to pick chairs from. */
  async choices(eventId: string): Promise<Array<{ id: string; name: string; organisation: string | null }>> {
    return this.repository.choices(eventId);
  }

  async get(eventId: string, personId: string): Promise<PersonView> {
    return personView(await this.load(this.repository.manager, eventId, personId));
  }

  async update(eventId: string, personId: string, input: UpdatePersonInput): Promise<PersonView> {
    const person = await this.load(this.repository.manager, eventId, personId);
    Object.assign(person, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
    if (input.email !== undefined) person.emailKey = input.email?.toLowerCase() ?? null;
    return personView(await this.uniqueEmail(person.email, () => this.repository.save(person)));
  }

  /** A person's own biography; `null` clears it. The stamp tells the public exports to rebuild. */
  async setBiography(eventId: string, personId: string, biography: string | null): Promise<string | null> {
    await this.load(this.repository.manager, eventId, personId);
    await this.repository.update(this.repository.manager, personId, { biography, biographyUpdatedAt: new Date() });
    return biography;
  }

  async biography(eventId: string, personId: string): Promise<string | null> {
    return (await this.load(this.repository.manager, eventId, personId)).biography ?? null;
  }

  async remove(eventId: string, personId: string): Promise<void> {
    await this.load(this.repository.manager, eventId, personId);
    try {
      await this.repository.delete(eventId, personId);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23503') {
        throw Problem.conflict('This person chairs or presents in the agenda; remove them there first');
      }
      throw error;
    }
  }

  /**
   * The person with this email in the event, updated with what is given, or a
   * new person: how presenters and attendees join the event's people once.
   * One statement for the email case, since every registration comes this way.
   * Without an email, the same name at the same organisation is taken to be
   * the same person, so re-sending a presentation's presenters does not
   * duplicate them.
   */
  upsert(manager: EntityManager, eventId: string, input: PersonInput): Promise<Person> {
    return input.email
      ? this.repository.upsertByEmail(manager, eventId, input)
      : this.repository.upsertWithoutEmail(manager, eventId, input);
  }

  /**
   * The statement behind `upsert` for people with an email, as the part of a
   * larger statement (one CTE) that writes the people of `rows`: a known
   * address is updated with what is given, a new one added. Its rows are the
   * people, as Person (camelCase columns).
   */
  upsertByEmailPart(rows: StatementRows<PersonUpsertField>): string {
    return this.repository.upsertByEmailPart(rows);
  }

  /**
   * What a registration says about its person, changed: only the fields
   * given, in the caller's transaction.
   */
  async updateDetails(manager: EntityManager, personId: string, changes: Partial<PersonInput>): Promise<void> {
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(given).length > 0) await this.repository.update(manager, personId, given);
  }

  /**
   * Erases what identifies the person and keeps what reports count (region,
   * country, organisation type). Returns the address it had, or null.
   */
  async erase(manager: EntityManager, eventId: string, personId: string): Promise<string | null> {
    const person = await this.load(manager, eventId, personId);
    const address = person.emailKey;
    await this.repository.update(manager, personId, {
      name: 'Erased person',
      email: null,
      emailKey: null,
      organisation: null,
      title: null,
      language: null,
      biography: null,
      biographyUpdatedAt: new Date(),
      erasedAt: new Date(),
    });
    return address;
  }

  /** Loads people of the event by id; a missing one is a 400 naming `field`. */
  async requireAll(manager: EntityManager, eventId: string, ids: string[], field: string): Promise<Person[]> {
    if (ids.length === 0) return [];
    const found = await this.repository.findByIds(manager, eventId, ids);
    const missing = ids.map((id, i) => [id, i] as const).filter(([id]) => !found.some((p) => p.id === id));
    if (missing.length > 0) {
      throw Problem.badRequest(
        'Some people are not in this event',
        missing.map(([, i]) => ({ field: `${field}[${i}]`, message: 'no such person in this event' })),
      );
    }
    return ids.map((id) => found.find((p) => p.id === id) as Person);
  }

  /** A person known to exist (a registration's, a presentation's), in the caller's transaction. */
  getEntity(manager: EntityManager, personId: string): Promise<Person> {
    return this.repository.getById(manager, personId);
  }

  async byIds(eventId: string, ids: string[], manager: EntityManager = this.repository.manager): Promise<Person[]> {
    if (ids.length === 0) return [];
    return this.repository.findByIds(manager, eventId, ids);
  }

  /**
   * Of these people, a batch of those who can be written to, in id order
   * after `afterPersonId`: how other modules address the people they name.
   */
  async contacts(eventId: string, ids: string[], afterPersonId: string | null, limit: number): Promise<PersonContact[]> {
    if (ids.length === 0) return [];
    return this.repository.contacts(eventId, ids, afterPersonId, limit);
  }

  private async load(manager: EntityManager, eventId: string, personId: string): Promise<Person> {
    const person = await this.repository.find(manager, eventId, personId);
    if (!person) throw Problem.notFound(`No person ${personId} in this event`);
    return person;
  }

  private async uniqueEmail<T>(email: string | null, save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw Problem.conflict(`Another person in this event already uses ${email}`);
      }
      throw error;
    }
  }
}
