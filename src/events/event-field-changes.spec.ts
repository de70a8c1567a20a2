import { Event } from './event.entity';
import { eventFieldChanges, eventValues } from './event-field-changes';

function event(overrides: Partial<Event> = {}): Event {
  return Object.assign(new Event(), {
    title: 'EU–Latin America region-to-region meeting',
    slug: 'eu-lac',
    description: 'Two days.',
    timezone: 'Europe/Brussels',
    venue: 'Brussels',
    startsAt: new Date('2019-10-08T07:00:00Z'),
    endsAt: new Date('2019-10-09T15:30:00Z'),
    capacity: null,
    coOrganisers: [{ name: 'JRC', url: null }],
    registrationOpensAt: null,
    registrationClosesAt: null,
    requiresApproval: false,
    materialsDueAt: null,
    defaultReminders: true,
    ...overrides,
  });
}

/** What an event.updated entry keeps: the values of what changed, the description by name only. */
describe('eventFieldChanges', () => {
  it('finds nothing when nothing changed', () => {
    expect(eventFieldChanges(eventValues(event()), eventValues(event()))).toEqual({ changes: {}, fields: [] });
  });

  it('keeps old and new values, times in the event’s offset, partners by name and address, the description by name', () => {
    const before = eventValues(event());
    const after = eventValues(
      event({
        capacity: 200,
        startsAt: new Date('2019-10-08T06:30:00Z'),
        coOrganisers: [
          { name: 'JRC', url: null },
          { name: 'CoR', url: 'https://cor.europa.eu' },
        ],
        description: 'Two days in Brussels.',
      }),
    );
    expect(eventFieldChanges(before, after)).toEqual({
      changes: {
        capacity: { from: null, to: 200 },
        startsAt: { from: '2019-10-08T09:00:00+02:00', to: '2019-10-08T08:30:00+02:00' },
        coOrganisers: { from: ['JRC'], to: ['JRC', 'CoR (https://cor.europa.eu)'] },
      },
      fields: ['description'],
    });
  });

  it('says a new time zone changes the wall-clock times, which are written in each reading’s own zone', () => {
    const changes = eventFieldChanges(eventValues(event()), eventValues(event({ timezone: 'America/Lima' }))).changes;
    expect(changes).toEqual({
      timezone: { from: 'Europe/Brussels', to: 'America/Lima' },
      startsAt: { from: '2019-10-08T09:00:00+02:00', to: '2019-10-08T02:00:00-05:00' },
      endsAt: { from: '2019-10-09T17:30:00+02:00', to: '2019-10-09T10:30:00-05:00' },
    });
  });
});
