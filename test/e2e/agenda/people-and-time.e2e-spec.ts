import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

describe('people and agenda times', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  const createEvent = async (body: object) =>
    (await ctx.app.http.post('/events').set('Authorization', auth).send(body).expect(201)).body as { id: string };

  describe('people', () => {
    let base: string;

    beforeAll(async () => {
      const event = await createEvent({
        title: 'People test',
        timezone: 'Europe/Brussels',
        startsAt: '2019-10-08T09:00',
        endsAt: '2019-10-09T17:00',
      });
      base = `/events/${event.id}`;
    });

    it('stores regions trimmed, NFC and with plain apostrophes, and countries upper-cased', async () => {
      const person = await ctx.app.http
        .post(`${base}/people`)
        .set('Authorization', auth)
        .send({
          name: 'Ignacio Tello',
          email: 'Ignacio@OHiggins.test',
          region: '  O’Higgins   Region ',
          countryCode: 'cl',
          organisationType: 'public_authority',
        })
        .expect(201);
      expect(person.body).toMatchObject({
        region: "O'Higgins Region",
        countryCode: 'CL',
        country: 'Chile',
        email: 'Ignacio@OHiggins.test',
      });
      const decomposed = await ctx.app.http
        .post(`${base}/people`)
        .set('Authorization', auth)
        .send({ name: 'Renata', region: 'Parana\u0301', countryCode: 'BR' })
        .expect(201);
      expect(decomposed.body.region).toBe('Paran\u00e1');
    });

    it('keeps emails unique per event, case-insensitively', async () => {
      const duplicate = await ctx.app.http
        .post(`${base}/people`)
        .set('Authorization', auth)
        .send({ name: 'Someone else', email: 'IGNACIO@ohiggins.TEST' })
        .expect(409);
      expect(duplicate.body.detail).toContain('IGNACIO@ohiggins.TEST');
    });

    it('refuses unknown countries, organisation types and bad addresses, naming each field', async () => {
      const response = await ctx.app.http
        .post(`${base}/people`)
        .set('Authorization', auth)
        .send({ name: '', email: 'nope', countryCode: 'XX', organisationType: 'club' })
        .expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'countryCode',
        'email',
        'name',
        'organisationType',
      ]);
      const count = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
      expect(count[0].n).toBe(2);
    });

    it('names the presenter field at fault', async () => {
      const response = await ctx.app.http
        .post(`${base}/presentations`)
        .set('Authorization', auth)
        .send({
          title: 'Pairing',
          presenters: [
            { name: 'A', email: 'a@x.test', countryCode: 'CL' },
            { name: 'B', email: 'not-an-email' },
          ],
        })
        .expect(400);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/^presenters\[1\]/) })]),
      );
    });
  });

  it('handles sessions across the October DST change in Brussels, including the repeated hour', async () => {
    const event = await createEvent({
      title: 'Autumn school',
      timezone: 'Europe/Brussels',
      startsAt: '2019-10-26T09:00',
      endsAt: '2019-10-27T18:00',
    });
    const base = `/events/${event.id}`;
    const saturday = await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Saturday', kind: 'other', startsAt: '2019-10-26T10:00', endsAt: '2019-10-26T11:00' })
      .expect(201);
    expect(saturday.body.startsAt).toBe('2019-10-26T10:00:00+02:00');
    const night = await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Night walk', kind: 'networking', startsAt: '2019-10-27T02:30', endsAt: '2019-10-27T04:00' })
      .expect(201);
    // 02:30 happens twice that night; the first one (summer time) is meant.
    expect(night.body.startsAt).toBe('2019-10-27T02:30:00+02:00');
    expect(night.body.endsAt).toBe('2019-10-27T04:00:00+01:00');
    const sunday = await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Sunday', kind: 'other', startsAt: '2019-10-27T10:00', endsAt: '2019-10-27T11:00' })
      .expect(201);
    expect(sunday.body.startsAt).toBe('2019-10-27T10:00:00+01:00');
  });

  it('refuses a session time that the spring change skips, with 422', async () => {
    const event = await createEvent({
      title: 'Spring school',
      timezone: 'Europe/Brussels',
      startsAt: '2019-03-30T09:00',
      endsAt: '2019-03-31T18:00',
    });
    const response = await ctx.app.http
      .post(`/events/${event.id}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Too early', kind: 'other', startsAt: '2019-03-31T02:30', endsAt: '2019-03-31T04:00' })
      .expect(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'startsAt' })]);
  });

  it('uses the local days of a zone far from UTC', async () => {
    const event = await createEvent({
      title: 'Pacific forum',
      timezone: 'Pacific/Auckland',
      startsAt: '2019-10-08T09:00',
      endsAt: '2019-10-09T17:00',
    });
    const base = `/events/${event.id}`;
    // 08:00 on 9 October in Auckland is still 8 October in UTC.
    const early = await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Breakfast', kind: 'networking', startsAt: '2019-10-09T08:00', endsAt: '2019-10-09T09:00' })
      .expect(201);
    expect(early.body.startsAt).toBe('2019-10-09T08:00:00+13:00');
    await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Before the first day', kind: 'other', startsAt: '2019-10-07T23:00:00+13:00', endsAt: '2019-10-08T01:00:00+13:00' })
      .expect(422);
    await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Given in UTC', kind: 'other', startsAt: '2019-10-08T20:00:00Z', endsAt: '2019-10-08T21:00:00Z' })
      .expect(201)
      .expect((r) => expect(r.body.startsAt).toBe('2019-10-09T09:00:00+13:00'));
  });
});
