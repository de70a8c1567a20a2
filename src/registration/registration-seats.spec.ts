import { EventsService } from '../events/events.service';
import { ServiceModule, createServiceModule } from '../../test/support/service-module';
import { RegistrationModule } from './registration.module';
import { RegistrationsService } from './registrations.service';

const DAY = 86_400_000;

/** Seats and the waitlist, through RegistrationsService against a real Postgres, without HTTP. */
describe('RegistrationsService seats against Postgres', () => {
  let services: ServiceModule;
  let registrations: RegistrationsService;
  let events: EventsService;
  let slugs = 0;

  beforeAll(async () => {
    services = await createServiceModule([RegistrationModule]);
    registrations = services.get(RegistrationsService);
    events = services.get(EventsService);
  });

  afterAll(async () => {
    await services?.close();
  });

  /** A published event whose registration is open now. */
  const openEvent = async (capacity: number): Promise<string> => {
    const startsAt = new Date(Date.now() + 30 * DAY);
    const [{ id }] = await services.db.query<{ id: string }>(
      `INSERT INTO events (slug, title, timezone, starts_at, ends_at, capacity, status, published_at)
       VALUES ($1, 'Seats', 'Europe/Brussels', $2, $3, $4, 'published', now() - interval '1 day') RETURNING id`,
      [`seats-${++slugs}`, startsAt, new Date(startsAt.getTime() + DAY), capacity],
    );
    return id;
  };

  const attendee = (n: number) => ({
    name: `Attendee ${n}`,
    email: `attendee${n}@region.test`,
    organisation: 'Regional Agency',
    organisationType: 'public_authority' as const,
    region: 'Norte',
    countryCode: 'PT',
    consents: {},
    answers: {},
  });

  const statuses = (eventId: string) =>
    services.db.query<{ email: string; status: string }>(
      `SELECT p.email, r.status FROM registrations r JOIN people p ON p.id = r.person_id
        WHERE r.event_id = $1 ORDER BY r.waitlisted_at NULLS FIRST, r.created_at, r.id`,
      [eventId],
    );

  const count = (rows: Array<{ status: string }>, status: string) => rows.filter((r) => r.status === status).length;

  it('never gives more seats than the capacity to public registrations that arrive together; the waitlist takes the rest', async () => {
    const eventId = await openEvent(5);

    const outcomes = await Promise.all(Array.from({ length: 24 }, (_, n) => registrations.registerPublic(eventId, attendee(n))));

    expect(
      count(
        outcomes.map((o) => o.registration),
        'confirmed',
      ),
    ).toBe(5);
    expect(
      count(
        outcomes.map((o) => o.registration),
        'waitlisted',
      ),
    ).toBe(19);
    const rows = await statuses(eventId);
    expect(rows).toHaveLength(24);
    expect(count(rows, 'confirmed')).toBe(5);
    expect(count(rows, 'waitlisted')).toBe(19);
    expect((await events.getEntity(eventId)).confirmedCount).toBe(5);
  });

  it('never gives more seats than the capacity to organisers registering people at the same time', async () => {
    const eventId = await openEvent(3);
    const event = await events.getEntity(eventId);

    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, n) => registrations.registerByOrganiser(event, { ...attendee(n), notify: false })),
    );

    expect(
      count(
        outcomes.map((o) => o.registration),
        'confirmed',
      ),
    ).toBe(3);
    expect(count(await statuses(eventId), 'confirmed')).toBe(3);
    expect(count(await statuses(eventId), 'waitlisted')).toBe(9);
  });

  describe('waitlist promotion', () => {
    let eventId: string;
    const ids = new Map<string, string>();

    beforeAll(async () => {
      eventId = await openEvent(2);
      // One after the other, so the waitlist's order is the order of arrival.
      for (let n = 0; n < 6; n++) {
        const { registration } = await registrations.registerPublic(eventId, attendee(n));
        ids.set(attendee(n).email, registration.id);
      }
    });

    const statusOf = async () => Object.fromEntries((await statuses(eventId)).map((r) => [r.email, r.status]));

    it('gives a cancelled seat to the first person on the waitlist, and tells them', async () => {
      expect(await statusOf()).toEqual({
        'attendee0@region.test': 'confirmed',
        'attendee1@region.test': 'confirmed',
        'attendee2@region.test': 'waitlisted',
        'attendee3@region.test': 'waitlisted',
        'attendee4@region.test': 'waitlisted',
        'attendee5@region.test': 'waitlisted',
      });

      await registrations.cancel(eventId, ids.get('attendee0@region.test')!);

      expect(await statusOf()).toEqual({
        'attendee0@region.test': 'cancelled',
        'attendee1@region.test': 'confirmed',
        'attendee2@region.test': 'confirmed',
        'attendee3@region.test': 'waitlisted',
        'attendee4@region.test': 'waitlisted',
        'attendee5@region.test': 'waitlisted',
      });
      const promoted = await registrations.load(eventId, ids.get('attendee2@region.test')!);
      expect(promoted.promotedAt).toBeInstanceOf(Date);
      const mails = await services.db.query<{ to_address: string }>(
        `SELECT to_address FROM emails WHERE event_id = $1 AND dedupe_key LIKE 'registration-promoted:%'`,
        [eventId],
      );
      expect(mails).toEqual([{ to_address: 'attendee2@region.test' }]);
    });

    it('frees no seat when a waitlisted person cancels: nobody is promoted', async () => {
      await registrations.cancel(eventId, ids.get('attendee4@region.test')!);

      expect(await statusOf()).toMatchObject({
        'attendee3@region.test': 'waitlisted',
        'attendee4@region.test': 'cancelled',
        'attendee5@region.test': 'waitlisted',
      });
      expect((await events.getEntity(eventId)).confirmedCount).toBe(2);
    });

    it('promotes as many as now fit, in order, when the capacity is raised', async () => {
      await registrations.registerPublic(eventId, attendee(6));

      await events.update(eventId, { capacity: 4 }, 'owner');

      expect(await statusOf()).toEqual({
        'attendee0@region.test': 'cancelled',
        'attendee1@region.test': 'confirmed',
        'attendee2@region.test': 'confirmed',
        'attendee3@region.test': 'confirmed',
        'attendee4@region.test': 'cancelled',
        'attendee5@region.test': 'confirmed',
        'attendee6@region.test': 'waitlisted',
      });
      expect((await events.getEntity(eventId)).confirmedCount).toBe(4);
      expect(await registrations.fillFreedSeats(eventId)).toBe(0);
    });
  });
});
