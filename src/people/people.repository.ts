import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { sql } from '../platform/database/sql';
import { StatementRows } from '../platform/database/statement-rows';
import { PersonInput } from './dto/person-fields';
import { Person } from './person.entity';

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

/**
 * The `people` table's SQL, all of it: only PeopleService uses this; other
 * modules reach people through that service (design.md "Layout").
 */
@Injectable()
export class PeopleRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  insert(eventId: string, input: PersonInput): Promise<Person> {
    return this.db.getRepository(Person).save({ ...input, eventId, emailKey: input.email?.toLowerCase() ?? null });
  }

  /** Every person of the event not erased, by name. */
  choices(eventId: string): Promise<Array<{ id: string; name: string; organisation: string | null }>> {
    return this.db.getRepository(Person).find({
      where: { eventId, erasedAt: IsNull() },
      select: { id: true, name: true, organisation: true },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  /** A page of the event's people in creation order after `after`, one more than `limit` to tell whether more follow. */
  page(eventId: string, limit: number, q: string | undefined, after: { after: string; id: string } | null): Promise<Person[]> {
    const query = this.db
      .getRepository(Person)
      .createQueryBuilder('p')
      .where('p.event_id = :eventId', { eventId })
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit + 1);
    if (q) {
      query.andWhere('(p.name ILIKE :q OR p.email ILIKE :q OR p.organisation ILIKE :q OR p.region ILIKE :q)', {
        q: `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`,
      });
    }
    if (after) query.andWhere('(p.created_at, p.id) > (:after::timestamptz, :id::uuid)', after);
    return query.getMany();
  }

  find(manager: EntityManager, eventId: string, personId: string): Promise<Person | null> {
    return manager.getRepository(Person).findOne({ where: { eventId, id: personId } });
  }

  save(person: Person): Promise<Person> {
    return this.db.getRepository(Person).save(person);
  }

  async delete(eventId: string, personId: string): Promise<void> {
    await this.db.getRepository(Person).delete({ id: personId, eventId });
  }

  async upsertByEmail(manager: EntityManager, eventId: string, input: PersonInput): Promise<Person> {
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

  /** Without an email, the same name at the same organisation is taken to be the same person. */
  async upsertWithoutEmail(manager: EntityManager, eventId: string, input: PersonInput): Promise<Person> {
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

  async update(manager: EntityManager, personId: string, changes: Partial<Person>): Promise<void> {
    await manager.update(Person, { id: personId }, changes);
  }

  findByIds(manager: EntityManager, eventId: string, ids: string[]): Promise<Person[]> {
    return manager.getRepository(Person).find({ where: { eventId, id: In(ids) } });
  }

  getById(manager: EntityManager, personId: string): Promise<Person> {
    return manager.getRepository(Person).findOneByOrFail({ id: personId });
  }

  async contacts(eventId: string, ids: string[], afterPersonId: string | null, limit: number): Promise<PersonContact[]> {
    const { rows } = await sql<PersonContact>(
      this.db.manager,
      `SELECT id AS "personId", name, email, language FROM people
        WHERE event_id = $1 AND id = ANY($2::uuid[]) AND email IS NOT NULL AND ($3::uuid IS NULL OR id > $3::uuid)
        ORDER BY id LIMIT $4`,
      [eventId, ids, afterPersonId, limit],
    );
    return rows;
  }
}
