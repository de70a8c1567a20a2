import type { SnapshotSession } from '../agenda/agenda-snapshot';
import { Event } from '../events/event.entity';
import { formatInZone, parseEventTime } from '../platform/time/zoned-time';
import { occurrencesOf } from './reminder-occurrences';
import { ReminderRule } from './reminder-rule.entity';

const ZONE = 'Europe/Brussels';
const DAY = 24 * 60;
/** Brussels wall clock, as organisers type it. */
const at = (wallClock: string) => parseEventTime(wallClock, ZONE);
const local = (instant: Date) => formatInZone(instant, ZONE);

// Summer time begins on 29 March 2026 at 02:00 (clocks jump to 03:00) and ends on 25 October 2026 at 03:00 (back to 02:00).
const event = (startsAt: string, endsAt: string, changes: Partial<Event> = {}): Event =>
  Object.assign(new Event(), {
    id: 'a7c6b7e4-0000-4000-8000-000000000001',
    timezone: ZONE,
    status: 'published',
    startsAt: at(startsAt),
    endsAt: at(endsAt),
    materialsDueAt: null,
    ...changes,
  });

const rule = (anchor: ReminderRule['anchor'], offsetMinutes: number, changes: Partial<ReminderRule> = {}): ReminderRule =>
  Object.assign(new ReminderRule(), {
    id: 'a7c6b7e4-0000-4000-8000-0000000000aa',
    anchor,
    offsetMinutes,
    fixedAt: null,
    audience: 'confirmed',
    enabled: true,
    ...changes,
  });

const session = (id: string, startsAt: string, changes: Partial<SnapshotSession> = {}): SnapshotSession => ({
  id,
  kind: 'presentations',
  title: `Session ${id}`,
  description: '',
  themeId: null,
  roomId: null,
  startsAt: at(startsAt).toISOString(),
  endsAt: new Date(at(startsAt).getTime() + 90 * 60_000).toISOString(),
  hostOrganisation: null,
  capacity: null,
  status: 'scheduled',
  chairs: [],
  presentations: [],
  sequence: 1,
  ...changes,
});

const dueTimes = (...args: Parameters<typeof occurrencesOf>) =>
  occurrencesOf(...args).map((o) => ({ occurrence: o.occurrence, anchorAt: local(o.anchorAt), dueAt: local(o.dueAt) }));

/** Where a rule's reminders fall: the pure rule the scheduler applies to every event. */
describe('reminder occurrences', () => {
  it('puts a reminder before the event start a whole number of hours earlier, so across the spring change the wall clock moves', () => {
    const spring = event('2026-03-29T09:00', '2026-03-30T17:00');

    expect(dueTimes(rule('event_start', -DAY), spring, [])).toEqual([
      { occurrence: 'event', anchorAt: '2026-03-29T09:00:00+02:00', dueAt: '2026-03-28T08:00:00+01:00' },
    ]);
    expect(dueTimes(rule('event_start', -7 * DAY), spring, [])).toEqual([
      { occurrence: 'event', anchorAt: '2026-03-29T09:00:00+02:00', dueAt: '2026-03-22T08:00:00+01:00' },
    ]);
  });

  it('does the same across the autumn change, the other way', () => {
    const autumn = event('2026-10-25T09:00', '2026-10-26T17:00');

    expect(dueTimes(rule('event_start', -DAY), autumn, [])).toEqual([
      { occurrence: 'event', anchorAt: '2026-10-25T09:00:00+01:00', dueAt: '2026-10-24T10:00:00+02:00' },
    ]);
    expect(dueTimes(rule('event_end', 60), autumn, [])).toEqual([
      { occurrence: 'event', anchorAt: '2026-10-26T17:00:00+01:00', dueAt: '2026-10-26T18:00:00+01:00' },
    ]);
  });

  it('gives one reminder per scheduled session, each before its own start, the night of the change included', () => {
    const sessions = [
      session('s1', '2026-03-29T01:30'),
      session('s2', '2026-03-29T03:30'),
      session('s3', '2026-03-29T09:00'),
      session('s4', '2026-03-29T11:00', { status: 'cancelled' }),
    ];

    expect(dueTimes(rule('session_start', -30), event('2026-03-29T01:00', '2026-03-29T18:00'), sessions)).toEqual([
      { occurrence: 's1', anchorAt: '2026-03-29T01:30:00+01:00', dueAt: '2026-03-29T01:00:00+01:00' },
      // Thirty minutes before 03:30 summer time is the instant the clocks jump: 03:00 summer time (02:00 never happens).
      { occurrence: 's2', anchorAt: '2026-03-29T03:30:00+02:00', dueAt: '2026-03-29T03:00:00+02:00' },
      { occurrence: 's3', anchorAt: '2026-03-29T09:00:00+02:00', dueAt: '2026-03-29T08:30:00+02:00' },
    ]);
    expect(occurrencesOf(rule('session_start', -30), event('2026-03-29T01:00', '2026-03-29T18:00'), sessions)[0].sessionId).toBe('s1');
  });

  it('reminds session sign-ups only of sessions that take sign-ups', () => {
    const sessions = [session('open', '2026-03-30T09:00'), session('limited', '2026-03-30T11:00', { capacity: 20 })];

    expect(
      dueTimes(rule('session_start', -60, { audience: 'session_signups' }), event('2026-03-30T09:00', '2026-03-30T18:00'), sessions),
    ).toEqual([{ occurrence: 'limited', anchorAt: '2026-03-30T11:00:00+02:00', dueAt: '2026-03-30T10:00:00+02:00' }]);
  });

  it('sends a fixed reminder at the moment typed, read in the event zone, whatever offset the rule keeps', () => {
    // The API and the dashboard say the offset is not used with a fixed time (one left from another anchor, say).
    const fixed = rule('fixed', -90, { fixedAt: at('2026-10-25T02:30') });

    expect(dueTimes(fixed, event('2026-11-02T09:00', '2026-11-03T17:00'), [])).toEqual([
      // 02:30 that night happens twice; what is typed is read as the first, summer-time one.
      { occurrence: 'fixed', anchorAt: '2026-10-25T02:30:00+02:00', dueAt: '2026-10-25T02:30:00+02:00' },
    ]);
  });

  it('puts a materials reminder before the materials are due, and none when no due date is set', () => {
    const withDue = event('2026-04-20T09:00', '2026-04-21T17:00', { materialsDueAt: at('2026-03-31T12:00') });

    expect(dueTimes(rule('materials_due', -3 * DAY), withDue, [])).toEqual([
      { occurrence: 'materials', anchorAt: '2026-03-31T12:00:00+02:00', dueAt: '2026-03-28T11:00:00+01:00' },
    ]);
    expect(dueTimes(rule('materials_due', -3 * DAY), event('2026-04-20T09:00', '2026-04-21T17:00'), [])).toEqual([]);
  });

  it('gives none for a disabled rule or a cancelled event', () => {
    const spring = event('2026-03-29T09:00', '2026-03-30T17:00');

    expect(occurrencesOf(rule('event_start', -DAY, { enabled: false }), spring, [])).toEqual([]);
    expect(
      occurrencesOf(rule('event_start', -DAY), { ...spring, status: 'cancelled' } as Event, [session('s1', '2026-03-29T09:00')]),
    ).toEqual([]);
  });
});
