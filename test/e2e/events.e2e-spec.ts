import { randomUUID } from 'node:crypto';
import { DomainEventBus } from '../../src/platform/domain-events/domain-event-bus';
import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';
import { waitFor } from '../support/wait-for';

const SEED = {
  title: 'EU–Latin America region-to-region meeting',
  venue: 'Brussels',
  timezone: 'Europe/Brussels',
  startsAt: '2019-10-08T09:00',
  endsAt: '2019-10-09T17:30',
};

const DOMAIN_EVENTS = ['event.rescheduled', 'event.cancelled', 'event.capacity-changed', 'event.published'] as const;

interface Announced {
  name: (typeof DOMAIN_EVENTS)[number];
  payload: { eventId: string } & Record<string, unknown>;
}

interface Organiser {
  id: string;
  auth: string;
}

describe('events', () => {
  const ctx = useTestApp();
  let admin: string;
  let ana: Organiser;
  let eve: Organiser;
  const announced: Announced[] = [];

  async function organiser(email: string, name: string): Promise<Organiser> {
    const password = `${name.toLowerCase()}-password-1`;
    const created = await ctx.app.http.post('/organisers').set('Authorization', admin).send({ email, name, password }).expect(201);
    return { id: created.body.id as string, auth: await login(ctx.app.http, email, password) };
  }

  async function createEvent(who: Organiser, body: Record<string, unknown>) {
    const response = await ctx.app.http.post('/events').set('Authorization', who.auth).send(body).expect(201);
    return response.body as Record<string, unknown> & { id: string; title: string };
  }

  async function eventCount(): Promise<number> {
    const [row] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    return row.n;
  }

  async function storedTimes(eventId: string): Promise<{ startsAt: string; endsAt: string }> {
    const [row] = await ctx.db.query<{ starts_at: Date; ends_at: Date }>('SELECT starts_at, ends_at FROM events WHERE id = $1', [eventId]);
    return { startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString() };
  }

  const announcedFor = (eventId: string) => announced.filter((a) => a.payload.eventId === eventId);
  const fields = (body: { errors?: Array<{ field: string }> }) => (body.errors ?? []).map((e) => e.field).sort();

  beforeAll(async () => {
    admin = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    ana = await organiser('ana@region.test', 'Ana');
    eve = await organiser('eve@elsewhere.test', 'Eve');
    const bus = ctx.app.plenary.app.get(DomainEventBus);
    for (const name of DOMAIN_EVENTS) {
      bus.on(name, (payload) => {
        announced.push({ name, payload: payload as Announced['payload'] });
      });
    }
  });

  describe('creating', () => {
    it('creates the seed meeting from wall-clock times in Europe/Brussels, answering with +02:00, local days, a slug and the creator as owner', async () => {
      const response = await ctx.app.http.post('/events').set('Authorization', ana.auth).send(SEED).expect(201);
      expect(response.body).toMatchObject({
        title: SEED.title,
        venue: 'Brussels',
        timezone: 'Europe/Brussels',
        startsAt: '2019-10-08T09:00:00+02:00',
        endsAt: '2019-10-09T17:30:00+02:00',
        days: ['2019-10-08', '2019-10-09'],
        slug: 'eu-latin-america-region-to-region-meeting',
        status: 'draft',
        myRole: 'owner',
      });
      const id = response.body.id as string;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      // Summer time in Brussels is UTC+2.
      expect(await storedTimes(id)).toEqual({ startsAt: '2019-10-08T07:00:00.000Z', endsAt: '2019-10-09T15:30:00.000Z' });
      const members = await ctx.db.query<{ organiser_id: string; role: string }>(
        'SELECT organiser_id, role FROM event_members WHERE event_id = $1',
        [id],
      );
      expect(members).toEqual([{ organiser_id: ana.id, role: 'owner' }]);

      const fetched = await ctx.app.http.get(`/events/${id}`).set('Authorization', ana.auth).expect(200);
      expect(fetched.body).toMatchObject({
        id,
        startsAt: '2019-10-08T09:00:00+02:00',
        endsAt: '2019-10-09T17:30:00+02:00',
        myRole: 'owner',
      });
      expect(JSON.stringify(fetched.body)).not.toMatch(/\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z"/);
    });

    it("honours an explicit offset in the input and answers in the event's own offset", async () => {
      const event = await createEvent(ana, {
        title: 'Offsets given',
        timezone: 'Europe/Brussels',
        startsAt: '2019-10-08T07:00:00Z',
        endsAt: '2019-10-08T12:00:00-03:00',
      });
      expect(event).toMatchObject({ startsAt: '2019-10-08T09:00:00+02:00', endsAt: '2019-10-08T17:00:00+02:00', days: ['2019-10-08'] });
      expect(await storedTimes(event.id)).toEqual({ startsAt: '2019-10-08T07:00:00.000Z', endsAt: '2019-10-08T15:00:00.000Z' });
    });

    it('shows each time with the offset in force at that moment across the October DST change', async () => {
      const event = await createEvent(ana, {
        title: 'Across the clock change',
        timezone: 'Europe/Brussels',
        startsAt: '2019-10-26T10:00',
        endsAt: '2019-10-28T12:00',
      });
      expect(event).toMatchObject({
        startsAt: '2019-10-26T10:00:00+02:00',
        endsAt: '2019-10-28T12:00:00+01:00',
        days: ['2019-10-26', '2019-10-27', '2019-10-28'],
      });
      // The night is an hour longer: 50 wall-clock hours are 51 real ones.
      expect(await storedTimes(event.id)).toEqual({ startsAt: '2019-10-26T08:00:00.000Z', endsAt: '2019-10-28T11:00:00.000Z' });
    });

    it('reads a wall-clock time that happens twice (autumn overlap) as its first occurrence', async () => {
      const event = await createEvent(ana, {
        title: 'In the repeated hour',
        timezone: 'Europe/Brussels',
        startsAt: '2019-10-27T02:30',
        endsAt: '2019-10-27T04:00',
      });
      expect(event.startsAt).toBe('2019-10-27T02:30:00+02:00');
      expect(event.endsAt).toBe('2019-10-27T04:00:00+01:00');
      expect(await storedTimes(event.id)).toEqual({ startsAt: '2019-10-27T00:30:00.000Z', endsAt: '2019-10-27T03:00:00.000Z' });
    });

    it("counts days in the event's zone when it is far from UTC (Pacific/Auckland)", async () => {
      const event = await createEvent(ana, {
        title: 'Wellington partner day',
        timezone: 'Pacific/Auckland',
        startsAt: '2019-10-08T08:00',
        endsAt: '2019-10-09T11:00',
      });
      // New Zealand is on daylight time (UTC+13) from late September, so both
      // instants fall on the previous UTC day.
      expect(event).toMatchObject({
        startsAt: '2019-10-08T08:00:00+13:00',
        endsAt: '2019-10-09T11:00:00+13:00',
        days: ['2019-10-08', '2019-10-09'],
      });
      expect(await storedTimes(event.id)).toEqual({ startsAt: '2019-10-07T19:00:00.000Z', endsAt: '2019-10-08T22:00:00.000Z' });
    });

    it('answers invalid input with 400 problem+json naming each field, and writes nothing', async () => {
      const before = await eventCount();

      const many = await ctx.app.http
        .post('/events')
        .set('Authorization', ana.auth)
        .send({ timezone: 'Mars/Olympus', startsAt: '8 October 2019, 9am', endsAt: '2019-10-09T17:30' })
        .expect(400);
      expect(many.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(many.body).toMatchObject({ status: 400, title: 'Bad Request' });
      expect(fields(many.body)).toEqual(['startsAt', 'timezone', 'title']);

      // Well-formed, but no such day.
      const noSuchDay = await ctx.app.http
        .post('/events')
        .set('Authorization', ana.auth)
        .send({ ...SEED, title: 'February the thirtieth', startsAt: '2019-02-30T09:00', endsAt: '2019-03-01T17:00' })
        .expect(400);
      expect(fields(noSuchDay.body)).toEqual(['startsAt']);

      const backwards = await ctx.app.http
        .post('/events')
        .set('Authorization', ana.auth)
        .send({ ...SEED, title: 'Ends before it starts', startsAt: '2019-10-09T09:00', endsAt: '2019-10-08T17:30' })
        .expect(400);
      expect(fields(backwards.body)).toEqual(['endsAt']);

      const extra = await ctx.app.http
        .post('/events')
        .set('Authorization', ana.auth)
        .send({ ...SEED, title: 'With a surprise', surprise: true })
        .expect(400);
      expect(extra.body.errors).toEqual([{ field: 'surprise', message: 'is not a known field' }]);

      expect(await eventCount()).toBe(before);
    });

    it('answers text that Postgres cannot store (a NUL character) with 400 naming the field, not 500, and writes nothing', async () => {
      const before = await eventCount();
      const created = await ctx.app.http
        .post('/events')
        .set('Authorization', ana.auth)
        .send({ ...SEED, coOrganisers: [{ name: 'Partner\u0000institution' }] })
        .expect(400);
      expect(fields(created.body)).toEqual(['coOrganisers[0].name']);
      expect(await eventCount()).toBe(before);

      const event = await createEvent(ana, { ...SEED, title: 'Clean text' });
      const patched = await ctx.app.http
        .patch(`/events/${event.id}`)
        .set('Authorization', ana.auth)
        .send({ title: 'Not\u0000clean' })
        .expect(400);
      expect(fields(patched.body)).toEqual(['title']);
      const cancelled = await ctx.app.http
        .post(`/events/${event.id}/cancel`)
        .set('Authorization', ana.auth)
        .send({ reason: 'Because\u0000' })
        .expect(400);
      expect(fields(cancelled.body)).toEqual(['reason']);
      const fetched = await ctx.app.http.get(`/events/${event.id}`).set('Authorization', ana.auth).expect(200);
      expect(fetched.body).toMatchObject({ title: 'Clean text', status: 'draft' });
    });

    it('refuses a wall-clock time in the spring DST gap with 422 naming startsAt, and writes nothing', async () => {
      const before = await eventCount();
      const response = await ctx.app.http
        .post('/events')
        .set('Authorization', ana.auth)
        .send({ ...SEED, title: 'In the missing hour', startsAt: '2019-03-31T02:30', endsAt: '2019-03-31T10:00' })
        .expect(422);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.status).toBe(422);
      expect(fields(response.body)).toEqual(['startsAt']);
      expect(await eventCount()).toBe(before);

      // The same wall-clock time with an explicit offset is an instant, not a gap.
      const withOffset = await createEvent(ana, {
        ...SEED,
        title: 'Just after the clocks jump',
        startsAt: '2019-03-31T02:30:00+01:00',
        endsAt: '2019-03-31T10:00',
      });
      expect(withOffset.startsAt).toBe('2019-03-31T03:30:00+02:00');
    });

    it('refuses a slug that is already used with 409, and gives a repeated title a slug of its own', async () => {
      const first = await createEvent(ana, { ...SEED, title: 'Region pairings', slug: 'region-pairings-2019' });
      expect(first.slug).toBe('region-pairings-2019');
      const before = await eventCount();
      const clash = await ctx.app.http
        .post('/events')
        .set('Authorization', ana.auth)
        .send({ ...SEED, title: 'Another meeting', slug: 'region-pairings-2019' })
        .expect(409);
      expect(clash.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(await eventCount()).toBe(before);

      const again = await createEvent(ana, { ...SEED, title: 'Region pairings' });
      const third = await createEvent(ana, { ...SEED, title: 'Region pairings' });
      expect(again.slug).toBe('region-pairings');
      expect(third.slug).toMatch(/^region-pairings-[a-z0-9]+$/);
      expect(new Set([first.slug, again.slug, third.slug]).size).toBe(3);

      const patched = await ctx.app.http
        .patch(`/events/${again.id}`)
        .set('Authorization', ana.auth)
        .send({ slug: 'region-pairings-2019' })
        .expect(409);
      expect(patched.body.status).toBe(409);
      const [row] = await ctx.db.query<{ slug: string }>('SELECT slug FROM events WHERE id = $1', [again.id]);
      expect(row.slug).toBe(again.slug);
    });

    it('gives events with one title created at the same moment a slug each, not a 409', async () => {
      // Holding back their inserts makes every one of them find the derived slug free first.
      await ctx.db.query('BEGIN');
      let together: Array<{ status: number; body: { slug?: string } }>;
      try {
        await ctx.db.query('LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE');
        const pending = Promise.all(
          [1, 2, 3].map(() =>
            ctx.app.http
              .post('/events')
              .set('Authorization', ana.auth)
              .send({ ...SEED, title: 'Joint results' }),
          ),
        );
        await waitFor('three inserts waiting for the lock', async () => {
          // Activity statistics are snapshotted per transaction, and this one stays open.
          await ctx.db.query('SELECT pg_stat_clear_snapshot()');
          const [row] = await ctx.db.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "events"%'`,
          );
          return row.n === 3;
        });
        await ctx.db.query('COMMIT');
        together = await pending;
      } catch (error) {
        await ctx.db.query('ROLLBACK');
        throw error;
      }
      expect(together.map((r) => r.status)).toEqual([201, 201, 201]);
      const slugs = together.map((r) => r.body.slug);
      expect(new Set(slugs).size).toBe(3);
      expect(slugs).toContain('joint-results');
    });
  });

  describe('listing', () => {
    it("pages through the caller's events with a cursor, without repeats", async () => {
      const paula = await organiser('paula@region.test', 'Paula');
      const created = [];
      for (const n of [1, 2, 3]) created.push(await createEvent(paula, { ...SEED, title: `Paula's meeting ${n}` }));

      const first = await ctx.app.http.get('/events?limit=2').set('Authorization', paula.auth).expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(typeof first.body.nextCursor).toBe('string');
      const second = await ctx.app.http
        .get('/events')
        .query({ limit: 2, cursor: first.body.nextCursor })
        .set('Authorization', paula.auth)
        .expect(200);
      expect(second.body.items).toHaveLength(1);
      expect(second.body.nextCursor).toBeNull();

      const seen = [...first.body.items, ...second.body.items].map((e: { id: string }) => e.id);
      expect(new Set(seen).size).toBe(3);
      expect([...seen].sort()).toEqual(created.map((e) => e.id).sort());
      for (const item of [...first.body.items, ...second.body.items]) {
        expect(item).toMatchObject({ myRole: 'owner', startsAt: '2019-10-08T09:00:00+02:00' });
      }

      const all = await ctx.app.http.get('/events').set('Authorization', paula.auth).expect(200);
      expect(all.body.items).toHaveLength(3);
      expect(all.body.nextCursor).toBeNull();
    });

    it('answers a cursor it never issued, or a bad limit, with 400', async () => {
      const forged = Buffer.from('["not a date","6f1c1a52-61a4-4b8e-9d5e-3f1f2f2f2f2f"]').toString('base64url');
      for (const query of [
        'cursor=not-a-cursor',
        `cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
        `cursor=${forged}`,
        'limit=0',
        'limit=many',
      ]) {
        const response = await ctx.app.http.get(`/events?${query}`).set('Authorization', ana.auth).expect(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    });
  });

  describe('changing', () => {
    it("updates fields with PATCH and reads offset-less times in the event's zone, the new one if it changes", async () => {
      const event = await createEvent(ana, { ...SEED, title: 'To be edited' });
      const edited = await ctx.app.http
        .patch(`/events/${event.id}`)
        .set('Authorization', ana.auth)
        .send({ title: 'Edited', venue: 'Committee of the Regions, Brussels', capacity: 120, description: 'Two themes' })
        .expect(200);
      expect(edited.body).toMatchObject({
        title: 'Edited',
        venue: 'Committee of the Regions, Brussels',
        capacity: 120,
        description: 'Two themes',
        startsAt: '2019-10-08T09:00:00+02:00',
        endsAt: '2019-10-09T17:30:00+02:00',
        slug: event.slug,
      });

      const moved = await ctx.app.http
        .patch(`/events/${event.id}`)
        .set('Authorization', ana.auth)
        .send({ startsAt: '2019-10-08T10:00' })
        .expect(200);
      expect(moved.body).toMatchObject({ startsAt: '2019-10-08T10:00:00+02:00', endsAt: '2019-10-09T17:30:00+02:00' });

      const rezoned = await ctx.app.http
        .patch(`/events/${event.id}`)
        .set('Authorization', ana.auth)
        .send({ timezone: 'America/Bogota', startsAt: '2019-10-08T09:00', endsAt: '2019-10-09T17:30' })
        .expect(200);
      expect(rezoned.body).toMatchObject({
        timezone: 'America/Bogota',
        startsAt: '2019-10-08T09:00:00-05:00',
        endsAt: '2019-10-09T17:30:00-05:00',
        days: ['2019-10-08', '2019-10-09'],
      });
      expect(await storedTimes(event.id)).toEqual({ startsAt: '2019-10-08T14:00:00.000Z', endsAt: '2019-10-09T22:30:00.000Z' });

      const fetched = await ctx.app.http.get(`/events/${event.id}`).set('Authorization', ana.auth).expect(200);
      expect(fetched.body).toMatchObject({
        title: 'Edited',
        capacity: 120,
        timezone: 'America/Bogota',
        startsAt: '2019-10-08T09:00:00-05:00',
      });
    });

    it('refuses a PATCH that would leave the event out of order or in a DST gap, and changes nothing', async () => {
      const event = await createEvent(ana, { ...SEED, title: 'Not to be broken' });
      const late = await ctx.app.http
        .patch(`/events/${event.id}`)
        .set('Authorization', ana.auth)
        .send({ title: 'Broken', startsAt: '2019-10-10T09:00' })
        .expect(400);
      expect(fields(late.body)).toEqual(['endsAt']);
      const gap = await ctx.app.http
        .patch(`/events/${event.id}`)
        .set('Authorization', ana.auth)
        .send({ title: 'Broken', startsAt: '2019-03-31T02:00' })
        .expect(422);
      expect(fields(gap.body)).toEqual(['startsAt']);
      const unknown = await ctx.app.http
        .patch(`/events/${event.id}`)
        .set('Authorization', ana.auth)
        .send({ status: 'published' })
        .expect(400);
      expect(unknown.body.errors).toHaveLength(1);

      const fetched = await ctx.app.http.get(`/events/${event.id}`).set('Authorization', ana.auth).expect(200);
      expect(fetched.body).toMatchObject({ title: 'Not to be broken', status: 'draft', startsAt: '2019-10-08T09:00:00+02:00' });
    });

    it('publishes, postpones and cancels; a cancelled event refuses further changes with 409', async () => {
      const event = await createEvent(ana, { ...SEED, title: 'Lifecycle' });

      const published = await ctx.app.http.post(`/events/${event.id}/publish`).set('Authorization', ana.auth).expect(200);
      expect(published.body.status).toBe('published');
      expect(published.body.publishedAt).toMatch(/[+-]\d{2}:\d{2}$/);

      // November is winter time in Brussels (UTC+1).
      const postponed = await ctx.app.http
        .post(`/events/${event.id}/postpone`)
        .set('Authorization', ana.auth)
        .send({ startsAt: '2019-11-12T09:00', endsAt: '2019-11-13T17:30' })
        .expect(200);
      expect(postponed.body).toMatchObject({
        status: 'published',
        startsAt: '2019-11-12T09:00:00+01:00',
        endsAt: '2019-11-13T17:30:00+01:00',
        days: ['2019-11-12', '2019-11-13'],
      });
      expect(postponed.body.postponedAt).not.toBeNull();

      await ctx.app.http
        .post(`/events/${event.id}/postpone`)
        .set('Authorization', ana.auth)
        .send({ startsAt: '2019-11-13T09:00', endsAt: '2019-11-12T17:30' })
        .expect(400);

      const cancelled = await ctx.app.http
        .post(`/events/${event.id}/cancel`)
        .set('Authorization', ana.auth)
        .send({ reason: 'Venue unavailable' })
        .expect(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Venue unavailable' });
      expect(cancelled.body.cancelledAt).not.toBeNull();

      await ctx.app.http.patch(`/events/${event.id}`).set('Authorization', ana.auth).send({ title: 'Revived' }).expect(409);
      await ctx.app.http.post(`/events/${event.id}/publish`).set('Authorization', ana.auth).expect(409);
      await ctx.app.http
        .post(`/events/${event.id}/postpone`)
        .set('Authorization', ana.auth)
        .send({ startsAt: '2019-12-10T09:00', endsAt: '2019-12-11T17:30' })
        .expect(409);

      const fetched = await ctx.app.http.get(`/events/${event.id}`).set('Authorization', ana.auth).expect(200);
      expect(fetched.body).toMatchObject({ title: 'Lifecycle', status: 'cancelled', startsAt: '2019-11-12T09:00:00+01:00' });
    });
  });

  describe('domain events', () => {
    it('announces a PATCH that moves the start as exactly one event.rescheduled with the previous and new times', async () => {
      const event = await createEvent(ana, { ...SEED, title: 'Rescheduled' });
      expect(announcedFor(event.id)).toEqual([]);

      await ctx.app.http.patch(`/events/${event.id}`).set('Authorization', ana.auth).send({ startsAt: '2019-10-08T11:00' }).expect(200);
      expect(announcedFor(event.id)).toEqual([
        {
          name: 'event.rescheduled',
          payload: {
            eventId: event.id,
            previous: { startsAt: '2019-10-08T07:00:00.000Z', endsAt: '2019-10-09T15:30:00.000Z' },
            startsAt: '2019-10-08T09:00:00.000Z',
            endsAt: '2019-10-09T15:30:00.000Z',
            postponed: false,
          },
        },
      ]);

      // The same instants written another way are no move at all.
      await ctx.app.http
        .patch(`/events/${event.id}`)
        .set('Authorization', ana.auth)
        .send({ title: 'Rescheduled, renamed', startsAt: '2019-10-08T09:00:00Z' })
        .expect(200);
      expect(announcedFor(event.id)).toHaveLength(1);
    });

    it('announces a capacity change, and nothing for a rejected PATCH', async () => {
      const event = await createEvent(ana, { ...SEED, title: 'Capacity' });
      await ctx.app.http.patch(`/events/${event.id}`).set('Authorization', ana.auth).send({ capacity: 80 }).expect(200);
      expect(announcedFor(event.id)).toEqual([
        { name: 'event.capacity-changed', payload: { eventId: event.id, previous: null, capacity: 80 } },
      ]);

      await ctx.app.http
        .patch(`/events/${event.id}`)
        .set('Authorization', ana.auth)
        .send({ capacity: 200, startsAt: '2019-10-10T09:00' })
        .expect(400);
      await ctx.app.http
        .patch(`/events/${event.id}`)
        .set('Authorization', ana.auth)
        .send({ capacity: 200, startsAt: '2019-03-31T02:15', endsAt: '2019-03-31T12:00' })
        .expect(422);
      await ctx.app.http.patch(`/events/${event.id}`).set('Authorization', ana.auth).send({ capacity: 0 }).expect(400);
      expect(announcedFor(event.id)).toHaveLength(1);

      await ctx.app.http.patch(`/events/${event.id}`).set('Authorization', ana.auth).send({ capacity: null }).expect(200);
      expect(announcedFor(event.id).slice(1)).toEqual([
        { name: 'event.capacity-changed', payload: { eventId: event.id, previous: 80, capacity: null } },
      ]);
    });

    it('announces publishing, postponing and cancelling once each', async () => {
      const event = await createEvent(ana, { ...SEED, title: 'Announced lifecycle' });
      await ctx.app.http.post(`/events/${event.id}/publish`).set('Authorization', ana.auth).expect(200);
      await ctx.app.http.post(`/events/${event.id}/publish`).set('Authorization', ana.auth).expect(200);
      await ctx.app.http
        .post(`/events/${event.id}/postpone`)
        .set('Authorization', ana.auth)
        .send({ startsAt: '2019-11-12T09:00', endsAt: '2019-11-13T17:30' })
        .expect(200);
      await ctx.app.http.post(`/events/${event.id}/cancel`).set('Authorization', ana.auth).send({ reason: 'Strike' }).expect(200);
      await ctx.app.http.post(`/events/${event.id}/cancel`).set('Authorization', ana.auth).send({}).expect(200);

      expect(announcedFor(event.id)).toEqual([
        { name: 'event.published', payload: { eventId: event.id } },
        {
          name: 'event.rescheduled',
          payload: {
            eventId: event.id,
            previous: { startsAt: '2019-10-08T07:00:00.000Z', endsAt: '2019-10-09T15:30:00.000Z' },
            startsAt: '2019-11-12T08:00:00.000Z',
            endsAt: '2019-11-13T16:30:00.000Z',
            postponed: true,
          },
        },
        { name: 'event.cancelled', payload: { eventId: event.id, reason: 'Strike' } },
      ]);
    });
  });

  describe('authorisation', () => {
    let secret: { id: string; title: string };
    let anaMemberId: string;

    beforeAll(async () => {
      secret = await createEvent(ana, { ...SEED, title: 'Confidential pairing of Andalusia and Antioquia' });
      const members = await ctx.app.http.get(`/events/${secret.id}/members`).set('Authorization', ana.auth).expect(200);
      anaMemberId = members.body.items[0].id as string;
    });

    const attempts = (eventId: string, memberId: string) =>
      [
        { method: 'get', path: `/events/${eventId}` },
        { method: 'patch', path: `/events/${eventId}`, body: { title: 'Hijacked' } },
        { method: 'post', path: `/events/${eventId}/publish` },
        { method: 'post', path: `/events/${eventId}/cancel`, body: {} },
        { method: 'post', path: `/events/${eventId}/postpone`, body: { startsAt: '2019-12-10T09:00', endsAt: '2019-12-11T17:30' } },
        { method: 'get', path: `/events/${eventId}/members` },
        { method: 'post', path: `/events/${eventId}/members`, body: { email: 'eve@elsewhere.test', role: 'owner' } },
        { method: 'get', path: `/events/${eventId}/members/${memberId}` },
        { method: 'delete', path: `/events/${eventId}/members/${memberId}` },
        { method: 'get', path: `/events/${eventId}/emails` },
      ] as const;

    function send(auth: string | null, attempt: { method: 'get' | 'patch' | 'post' | 'delete'; path: string; body?: object }) {
      const req = ctx.app.http[attempt.method](attempt.path);
      if (auth) req.set('Authorization', auth);
      return attempt.body ? req.send(attempt.body) : req;
    }

    it('answers an organiser who is not a member with the same 404 as for no event at all, revealing nothing', async () => {
      const nowhere = randomUUID();
      const controls = attempts(nowhere, anaMemberId);
      for (const [i, attempt] of attempts(secret.id, anaMemberId).entries()) {
        const response = await send(eve.auth, attempt);
        expect({ attempt: `${attempt.method} ${attempt.path}`, status: response.status }).toEqual({
          attempt: `${attempt.method} ${attempt.path}`,
          status: 404,
        });
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(JSON.stringify(response.body)).not.toContain('Confidential');
        expect(JSON.stringify(response.body)).not.toContain('ana@region.test');

        const control = await send(eve.auth, controls[i]);
        expect(control.status).toBe(404);
        expect(response.body.detail.replace(secret.id, '<id>')).toBe(control.body.detail.replace(nowhere, '<id>'));
      }

      const after = await ctx.app.http.get(`/events/${secret.id}`).set('Authorization', ana.auth).expect(200);
      expect(after.body).toMatchObject({ title: secret.title, status: 'draft', startsAt: '2019-10-08T09:00:00+02:00' });
      const members = await ctx.app.http.get(`/events/${secret.id}/members`).set('Authorization', ana.auth).expect(200);
      expect(members.body.items.map((m: { email: string }) => m.email)).toEqual(['ana@region.test']);
    });

    it('gives an administrator who is not a member the same 404', async () => {
      const response = await ctx.app.http.get(`/events/${secret.id}`).set('Authorization', admin).expect(404);
      expect(JSON.stringify(response.body)).not.toContain('Confidential');
    });

    it('answers an event id that is not a UUID with 404, not 500', async () => {
      for (const path of ['/events/not-a-uuid', '/events/1', '/events/not-a-uuid/members', '/events/not-a-uuid/emails']) {
        const response = await ctx.app.http.get(path).set('Authorization', ana.auth);
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
      }
      await ctx.app.http.patch('/events/not-a-uuid').set('Authorization', ana.auth).send({ title: 'x' }).expect(404);
      await ctx.app.http.post(`/events/${secret.id}x/publish`).set('Authorization', ana.auth).expect(404);
    });

    it('answers 401 without a token', async () => {
      await ctx.app.http.post('/events').send(SEED).expect(401);
      await ctx.app.http.get('/events').expect(401);
      for (const attempt of attempts(secret.id, anaMemberId)) {
        const response = await send(null, attempt);
        expect({ attempt: `${attempt.method} ${attempt.path}`, status: response.status }).toEqual({
          attempt: `${attempt.method} ${attempt.path}`,
          status: 401,
        });
        expect(JSON.stringify(response.body)).not.toContain('Confidential');
      }
    });

    it("lists only the caller's own events", async () => {
      const before = await ctx.app.http.get('/events?limit=200').set('Authorization', eve.auth).expect(200);
      expect(before.body).toEqual({ items: [], nextCursor: null });

      const own = await createEvent(eve, { ...SEED, title: "Eve's own meeting" });
      const after = await ctx.app.http.get('/events?limit=200').set('Authorization', eve.auth).expect(200);
      expect(after.body.items.map((e: { id: string }) => e.id)).toEqual([own.id]);

      const anas = await ctx.app.http.get('/events?limit=200').set('Authorization', ana.auth).expect(200);
      const ids = anas.body.items.map((e: { id: string }) => e.id);
      expect(ids).toContain(secret.id);
      expect(ids).not.toContain(own.id);
    });
  });
});
