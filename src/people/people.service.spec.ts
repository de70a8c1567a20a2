import { DataSource } from 'typeorm';
import { TestDatabase, createTestDatabase } from '../../test/support/test-database';
import { createDataSource } from '../data-source';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';

/** People's own statements against a real Postgres, without HTTP: what other modules' statements build on. */
describe('PeopleService against Postgres', () => {
  let db: TestDatabase;
  let data: DataSource;
  let people: PeopleService;
  let eventId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    data = await createDataSource(db.url).initialize();
    people = new PeopleService(new PeopleRepository(data));
    [{ id: eventId }] = await db.query<{ id: string }>(
      `INSERT INTO events (slug, title, timezone, starts_at, ends_at)
       VALUES ('people-spec', 'People', 'Europe/Brussels', '2019-10-08T07:00Z', '2019-10-09T15:30Z') RETURNING id`,
    );
  });

  afterAll(async () => {
    await data?.destroy();
    await db?.drop();
  });

  it('writes the people of a larger statement as its part: new addresses added, known ones updated with what is given', async () => {
    const known = await people.upsert(data.manager, eventId, {
      name: 'Ana Costa',
      email: 'ana@region.test',
      organisation: 'Regional Agency',
      organisationType: 'public_authority',
      region: 'Norte',
      countryCode: 'PT',
      title: null,
      language: 'pt',
    });
    const statement = `WITH input AS (
        SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS i(name, email, region, country_code)
      ), person AS (${people.upsertByEmailPart({
        from: 'input i',
        fields: {
          eventId: '$1::uuid',
          name: 'i.name',
          email: 'i.email',
          organisation: 'NULL',
          organisationType: 'NULL',
          region: 'i.region',
          countryCode: 'i.country_code',
          title: 'NULL',
          language: 'NULL',
        },
      })})
      SELECT * FROM person ORDER BY "emailKey"`;
    const rows = await db.query<Record<string, unknown>>(statement, [
      eventId,
      ['Ana M. Costa', 'Luis Ramírez'],
      ['ANA@region.test', 'luis@piura.test'],
      ['Norte', 'Piura'],
      ['PT', 'PE'],
    ]);

    expect(rows).toEqual([
      expect.objectContaining({
        id: known.id,
        eventId,
        name: 'Ana M. Costa',
        emailKey: 'ana@region.test',
        organisation: 'Regional Agency',
        organisationType: 'public_authority',
        language: 'pt',
      }),
      expect.objectContaining({
        eventId,
        name: 'Luis Ramírez',
        email: 'luis@piura.test',
        emailKey: 'luis@piura.test',
        region: 'Piura',
        countryCode: 'PE',
      }),
    ]);
    const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE event_id = $1`, [eventId]);
    expect(count[0].n).toBe(2);
  });

  it('changes only the details given, and reads a person back', async () => {
    const person = await people.upsert(data.manager, eventId, {
      name: 'Bo Jensen',
      email: 'bo@region.test',
      organisation: 'University',
      organisationType: 'university_research',
      region: 'Midtjylland',
      countryCode: 'DK',
      title: null,
      language: null,
    });
    await people.updateDetails(data.manager, person.id, { organisation: 'Aarhus University', region: undefined });
    const after = await people.getEntity(data.manager, person.id);
    expect(after).toMatchObject({ organisation: 'Aarhus University', region: 'Midtjylland', name: 'Bo Jensen' });
  });

  it('gives contacts of the people named, in id order after a cursor, leaving out those without an address', async () => {
    const unreachable = await people.upsert(data.manager, eventId, {
      name: 'No Address',
      email: null,
      organisation: 'Somewhere',
      organisationType: null,
      region: null,
      countryCode: null,
      title: null,
      language: null,
    });
    const all = await db.query<{ id: string }>(`SELECT id FROM people WHERE event_id = $1 ORDER BY id`, [eventId]);
    const ids = all.map((p) => p.id);
    const first = await people.contacts(eventId, ids, null, 2);
    expect(first.map((c) => c.personId)).toEqual(ids.filter((id) => id !== unreachable.id).slice(0, 2));
    const rest = await people.contacts(eventId, ids, first[1].personId, 10);
    expect(rest.every((c) => c.email && c.personId > first[1].personId)).toBe(true);
    expect([...first, ...rest].map((c) => c.personId)).not.toContain(unreachable.id);
  });
});
