import type { PublicSession } from '../agenda/public-agenda-document';
import { programmeGrid, themeStylesheet } from './programme-grid';

function session(id: string, start: string, end: string, room: string | null, extra: Partial<PublicSession> = {}): PublicSession {
  return {
    id,
    kind: 'presentations',
    title: `Session ${id}`,
    description: '',
    startsAt: `2019-10-08T${start}:00+02:00`,
    endsAt: `2019-10-08T${end}:00+02:00`,
    status: 'scheduled',
    room: room ? { id: room, name: `Room ${room}` } : null,
    theme: null,
    hostOrganisation: null,
    capacity: null,
    chairs: [],
    presentations: [],
    ...extra,
  };
}

describe('programmeGrid', () => {
  it('spans a long session over the rows its neighbours open, and leaves covered slots out of later rows', () => {
    const [day] = programmeGrid([
      {
        date: '2019-10-08',
        sessions: [session('long', '09:00', '12:00', 'A'), session('a', '09:00', '10:00', 'B'), session('b', '10:00', '12:00', 'B')],
      },
    ]);
    expect(day.rooms).toEqual([
      { id: 'A', name: 'Room A', lanes: 1 },
      { id: 'B', name: 'Room B', lanes: 1 },
    ]);
    expect(day.rows.map((r) => r.startsAt.slice(11, 16))).toEqual(['09:00', '10:00']);
    expect(day.rows[0].cells.map((c) => ('session' in c ? [c.session.id, c.rowspan] : 'empty'))).toEqual([
      ['long', 2],
      ['a', 1],
    ]);
    expect(day.rows[1].cells.map((c) => ('session' in c ? c.session.id : 'empty'))).toEqual(['b']);
  });

  it('gives a room a second lane when a cancelled session and its replacement overlap, and puts room-less sessions last', () => {
    const [day] = programmeGrid([
      {
        date: '2019-10-08',
        sessions: [
          session('old', '09:00', '10:00', 'A', { status: 'cancelled' }),
          session('new', '09:30', '10:30', 'A'),
          session('coffee', '10:30', '11:00', null, { kind: 'break' }),
        ],
      },
    ]);
    expect(day.rooms).toEqual([
      { id: 'A', name: 'Room A', lanes: 2 },
      { id: null, name: null, lanes: 1 },
    ]);
    expect(day.rows).toHaveLength(4);
    for (const row of day.rows) expect(row.cells.length).toBeLessThanOrEqual(3);
    expect(day.rows[3].cells.map((c) => ('session' in c ? c.session.id : 'empty'))).toEqual(['empty', 'empty', 'coffee']);
  });

  it('leaves out days without sessions, and writes one rule per theme colour, ignoring anything not a colour', () => {
    const themed = session('t', '09:00', '10:00', 'A', { theme: { id: 't1', name: 'Green', colour: '#2E7D32' } });
    const odd = session('o', '10:00', '11:00', 'A', { theme: { id: 't2', name: 'Odd', colour: 'red;}body{display:none' } });
    const days = [
      { date: '2019-10-08', sessions: [themed, odd] },
      { date: '2019-10-09', sessions: [] },
    ];
    expect(programmeGrid(days).map((d) => d.date)).toEqual(['2019-10-08']);
    expect(programmeGrid(days)[0].rows[0].cells[0]).toMatchObject({ themeClass: 'theme-2e7d32' });
    expect(themeStylesheet(days)).toBe('.programme-grid td.theme-2e7d32 { border-left-color: #2e7d32; }');
  });
});
