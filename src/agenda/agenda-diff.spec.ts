import { AgendaSnapshot, SnapshotSession } from './agenda-snapshot';
import { diffAgenda } from './agenda-diff';

const session = (id: string, overrides: Partial<SnapshotSession> = {}): SnapshotSession => ({
  id,
  kind: 'presentations',
  title: `Session ${id}`,
  description: '',
  themeId: null,
  roomId: 'room-1',
  startsAt: '2019-10-08T07:30:00.000Z',
  endsAt: '2019-10-08T09:00:00.000Z',
  hostOrganisation: null,
  capacity: null,
  status: 'scheduled',
  chairs: [],
  presentations: [],
  sequence: 0,
  ...overrides,
});

const agenda = (...sessions: SnapshotSession[]): AgendaSnapshot => ({ rooms: [], themes: [], sessions });

/** What a jsonb round trip does to an object: same content, keys in another order. */
function reorderKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reorderKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reorderKeys(v)]),
    ) as T;
  }
  return value;
}

describe('diffAgenda', () => {
  it('raises SEQUENCE only for sessions that changed, whatever the key order of the stored snapshot', () => {
    const first = diffAgenda(null, agenda(session('a'), session('b')), 'Europe/Brussels').snapshot;
    const next = diffAgenda(reorderKeys(first), agenda(session('a'), session('b', { title: 'Renamed' })), 'Europe/Brussels');
    expect(next.snapshot.sessions.map((s) => [s.id, s.sequence])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    expect(next.changes).toEqual({
      added: [],
      moved: [],
      cancelled: [],
      changed: [expect.objectContaining({ sessionId: 'b', title: 'Renamed' })],
    });
  });

  it('reports a room change as a move, with times in the event zone', () => {
    const first = diffAgenda(null, agenda(session('a')), 'Europe/Brussels').snapshot;
    const { changes } = diffAgenda(first, agenda(session('a', { roomId: 'room-2' })), 'Europe/Brussels');
    expect(changes.moved).toEqual([
      {
        sessionId: 'a',
        title: 'Session a',
        from: {
          sessionId: 'a',
          title: 'Session a',
          startsAt: '2019-10-08T09:30:00+02:00',
          endsAt: '2019-10-08T11:00:00+02:00',
          roomId: 'room-1',
        },
        to: {
          sessionId: 'a',
          title: 'Session a',
          startsAt: '2019-10-08T09:30:00+02:00',
          endsAt: '2019-10-08T11:00:00+02:00',
          roomId: 'room-2',
        },
      },
    ]);
  });

  it('leaves out a session cancelled before it was ever published', () => {
    const { changes, snapshot } = diffAgenda(null, agenda(session('a', { status: 'cancelled' })), 'UTC');
    expect(changes.added).toEqual([]);
    expect(snapshot.sessions).toEqual([]);
  });

  it('announces a cancellation once, and a reinstated session as added', () => {
    const v1 = diffAgenda(null, agenda(session('a')), 'UTC').snapshot;
    const v2 = diffAgenda(v1, agenda(session('a', { status: 'cancelled' })), 'UTC');
    expect(v2.changes.cancelled.map((s) => s.sessionId)).toEqual(['a']);
    const v3 = diffAgenda(v2.snapshot, agenda(session('a', { status: 'cancelled' })), 'UTC');
    expect(v3.changes.cancelled).toEqual([]);
    const v4 = diffAgenda(v3.snapshot, agenda(session('a')), 'UTC');
    expect(v4.changes.added.map((s) => s.sessionId)).toEqual(['a']);
    expect(v4.snapshot.sessions[0].sequence).toBe(2);
  });
});
