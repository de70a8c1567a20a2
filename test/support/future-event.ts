import { TestApp } from './test-app';

/** Local wall-clock `YYYY-MM-DDTHH:mm` some days from now, for events whose registration is open. */
export function daysFromNow(days: number, time = '09:00'): string {
  const date = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${date}T${time}`;
}

/** A published two-day event in Brussels a month from now, open for registration. */
export async function createOpenEvent(http: TestApp['http'], auth: string, body: Record<string, unknown> = {}) {
  const event = await http
    .post('/events')
    .set('Authorization', auth)
    .send({
      title: 'EU–Latin America region-to-region meeting',
      timezone: 'Europe/Brussels',
      startsAt: daysFromNow(30, '09:00'),
      endsAt: daysFromNow(31, '17:30'),
      venue: 'Brussels',
      ...body,
    })
    .expect(201);
  await http.post(`/events/${event.body.id}/publish`).set('Authorization', auth).expect(200);
  return event.body as { id: string; title: string; days: string[]; timezone: string };
}

let counter = 0;

/** A valid public registration body for a fresh address. */
export function attendee(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    name: `Attendee ${counter}`,
    email: `attendee${counter}-${Math.random().toString(36).slice(2, 8)}@region.test`,
    organisation: 'Regional Development Agency',
    organisationType: 'public_authority',
    region: 'Piura',
    countryCode: 'PE',
    ...overrides,
  };
}
