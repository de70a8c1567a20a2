import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { sql } from '../platform/database/sql';
import { StatementRows } from '../platform/database/statement-rows';
import { Problem } from '../platform/http/problem';
import { Page, PageQuery, decodeCursor, toPage } from '../platform/http/pagination';
import { PersonInput } from './dto/person-fields';
import { UpdatePersonInput } from './dto/update-person.dto';
import { Person } from './person.entity';
import { PersonView, personView } from './person.view';

/** A people row as a Person, for statements that bypass the entity manager. */
const PERSON_COLUMNS = `id, event_id AS "eventId", name, email, email_key AS "emailKey", organisation,
  organisation_type AS "organisationType", region, country_code AS "countryCode", title, language,
  erased_at AS "erasedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** What `upsertByEmailPart` needs of each person. */
export type PersonUpsertField =
  'eventId' | 'name' | 'email' | 'organisation' | 'organisationType' | 'region' | 'countryCode' | 'title' | 'language';

export interface PersonContact {
  personId: string;
  name: string;
  email: string;
  language: string | null;
}

/** `upsert`'s one person, from its parameters $1 (event id) to $9. */
const ONE_PERSON: StatementRows<PersonUpsertField> = {
  from: `(VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9))
    AS v(event_id, name, email, organisation, organisation_type, region, country_code, title, language)`,
  fields: {
    eventId: 'v.event_id',
    name: 'v.name',
    email: 'v.email',
    organisation: 'v.organisation',
    organisationType: 'v.organisation_type',
    region: 'v.region',
    countryCode: 'v.country_code',
    title: 'v.title',
    language: 'v.language',
  },
};

/** The event's people; other modules reach them through this service only. */
@Injectable()
export class PeopleService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(eventId: string, input: PersonInput): Promise<PersonView> {
    const person = await this.uniqueEmail(input.email, () =>
      this.db.getRepository(Person).save({ ...input, eventId, emailKey: input.email?.toLowerCase() ?? null }),
    );
    return personView(person);
  }

  async list(eventId: string, page: PageQuery & { q?: string }): Promise<Page<PersonView>> {
    const cursor = decodeCursor(page.cursor);
    const query = this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .where('p.event_id = :eventId', { eventId })
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(page.limit + 1);
    if (page.q) {
      query.andWhere('(p.name ILIKE :q OR p.email ILIKE :q OR p.organisation ILIKE :q OR p.region ILIKE :q)', {
        q: `%${page.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`,
      });
    }
    if (cursor) query.andWhere('(p.created_at, p.id) > (:after::timestamptz, :id::uuid)', cursor);
    return toPage(await query.getMany(), page.limit, personView, (p) => ({ after: p.createdAt.toISOString(), id: p.id }));
  }

  async get(eventId: string, personId: string): Promise<PersonView> {
    return personView(await this.load(this.db.manager, eventId, personId));
  }

  async update(eventId: string, personId: string, input: UpdatePersonInput): Promise<PersonView> {
    const person = await this.load(this.db.manager, eventId, personId);
    Object.assign(person, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
    if (input.email !== undefined) person.emailKey = input.email?.toLowerCase() ?? null;
    return personView(await this.uniqueEmail(person.email, () => this.db.getRepository(Person).save(person)));
  }

  async remove(eventId: string, personId: string): Promise<void> {
    await this.load(this.db.manager, eventId, personId);
    try {
      await this.db.getRepository(Person).delete({ id: personId, eventId });
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
   */
  async upsert(manager: EntityManager, eventId: string, input: PersonInput): Promise<Person> {
    if (input.email) {
      const { rows } = await sql<Person>(manager, this.upsertByEmailPart(ONE_PERSON), [
        eventId,
        input.name,
        input.email,
        input.organisation,
        input.organisationType,
        input.region,
        input.countryCode,
        input.title,
        input.language,
      ]);
      return rows[0];
    }
    // Without an email, the same name at the same organisation is taken to be the same person,
    // so re-sending a presentation's presenters does not duplicate them.
    const repository = manager.getRepository(Person);
    const existing = await repository
      .createQueryBuilder('p')
      .where('p.event_id = :eventId AND lower(p.name) = lower(:name)', { eventId, name: input.name })
      .andWhere('p.organisation IS NOT DISTINCT FROM :organisation', { organisation: input.organisation })
      .getOne();
    if (!existing) return repository.save({ ...input, eventId, emailKey: null });
    for (const [key, value] of Object.entries(input) as Array<[keyof PersonInput, string | null]>) {
      if (value !== null && value !== undefined) (existing as unknown as Record<string, unknown>)[key] = value;
    }
    return repository.save(existing);
  }

  /**
   * The statement behind `upsert` for people with an email, as the part of a
   * larger statement (one CTE) that writes the people of `rows`: a known
   * address is updated with what is given, a new one added. Its rows are the
   * people, as Person (camelCase columns).
   */
  upsertByEmailPart(rows: StatementRows<PersonUpsertField>): string {
    const f = rows.fields;
    return `INSERT INTO people (event_id, name, email, email_key, organisation, organisation_type, region, country_code, title, language)
         SELECT ${f.eventId}, ${f.name}, ${f.email}, lower(${f.email}), ${f.organisation}, ${f.organisationType}, ${f.region},
                ${f.countryCode}, ${f.title}, ${f.language}
           FROM ${rows.from}
         ON CONFLICT (event_id, email_key) WHERE email_key IS NOT NULL DO UPDATE SET
           name = EXCLUDED.name,
           organisation = COALESCE(EXCLUDED.organisation, people.organisation),
           organisation_type = COALESCE(EXCLUDED.organisation_type, people.organisation_type),
           region = COALESCE(EXCLUDED.region, people.region),
           country_code = COALESCE(EXCLUDED.country_code, people.country_code),
           title = COALESCE(EXCLUDED.title, people.title),
           language = COALESCE(EXCLUDED.language, people.language),
           updated_at = now()
         RETURNING ${PERSON_COLUMNS}`;
  }

  /**
   * What a registration says about its person, changed: only the fields
   * given, in the caller's transaction.
   */
  async updateDetails(manager: EntityManager, personId: string, changes: Partial<PersonInput>): Promise<void> {
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(given).length > 0) await manager.update(Person, { id: personId }, given);
  }

  /**
   * Erases what identifies the person and keeps what reports count (region,
   * country, organisation type). Returns the address it had, or null.
   */
  async erase(manager: EntityManager, eventId: string, personId: string): Promise<string | null> {
    const person = await this.load(manager, eventId, personId);
    const address = person.emailKey;
    await manager.update(
      Person,
      { id: personId },
      {
        name: 'Erased person',
        email: null,
        emailKey: null,
        organisation: null,
        title: null,
        language: null,
        erasedAt: new Date(),
      },
    );
    return address;
  }

  /** Loads people of the event by id; a missing one is a 400 naming `field`. */
  async requireAll(manager: EntityManager, eventId: string, ids: string[], field: string): Promise<Person[]> {
    if (ids.length === 0) return [];
    const found = await manager.getRepository(Person).find({ where: { eventId, id: In(ids) } });
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
    return manager.getRepository(Person).findOneByOrFail({ id: personId });
  }

  async byIds(eventId: string, ids: string[], manager: EntityManager = this.db.manager): Promise<Person[]> {
    if (ids.length === 0) return [];
    return manager.getRepository(Person).find({ where: { eventId, id: In(ids) } });
  }

  /**
   * Of these people, a batch of those who can be written to, in id order
   * after `afterPersonId`: how other modules address the people they name.
   */
  async contacts(eventId: string, ids: string[], afterPersonId: string | null, limit: number): Promise<PersonContact[]> {
    if (ids.length === 0) return [];
    const { rows } = await sql<PersonContact>(
      this.db.manager,
      `SELECT id AS "personId", name, email, language FROM people
        WHERE event_id = $1 AND id = ANY($2::uuid[]) AND email IS NOT NULL AND ($3::uuid IS NULL OR id > $3::uuid)
        ORDER BY id LIMIT $4`,
      [eventId, ids, afterPersonId, limit],
    );
    return rows;
  }

  private async load(manager: EntityManager, eventId: string, personId: string): Promise<Person> {
    const person = await manager.getRepository(Person).findOne({ where: { eventId, id: personId } });
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
