import type { PublicAgenda, PublicSession } from '../agenda/public-agenda-document';
import { agendaFilterFrom, filterAgenda, filterChoices } from './public-agenda-filter';

const theme = (id: string, name: string) => ({ id, name, colour: null });

function session(id: string, extra: Partial<PublicSession>): PublicSession {
  return {
    id,
    kind: 'presentations',
    title: `Session ${id}`,
    description: '',
    startsAt: '2019-10-08T09:30:00+02:00',
    endsAt: '2019-10-08T11:00:00+02:00',
    status: 'scheduled',
    room: null,
    theme: null,
    hostOrganisation: null,
    capacity: null,
    chairs: [],
    presentations: [],
    ...extra,
  };
}

const presenter = {
  id: 'p1',
  name: 'Ignacio Tello',
  title: null,
  organisation: 'Gobierno Regional',
  region: "O'Higgins",
  country: 'Chile',
  countryCode: 'CL',
  biography: null,
  role: 'lead',
};

const days: PublicAgenda['days'] = [
  {
    date: '2019-10-08',
    sessions: [
      session('a', {
        room: { id: 'r1', name: 'Plenary hall' },
        presentations: [
          {
            id: 'x',
            title: 'Internationalising a strategy',
            abstract: '',
            position: 1,
            theme: theme('t2', 'Industry'),
            sections: {},
            presenters: [presenter],
          },
        ],
      }),
      session('b', { title: 'Región de Piura', theme: theme('t1', 'Sustainability'), room: { id: 'r2', name: 'Room B' } }),
    ],
  },
  { date: '2019-10-09', sessions: [session('c', { title: 'JRC visit', hostOrganisation: 'Joint Research Centre' })] },
];

const ids = (result: PublicAgenda['days']) => result.flatMap((d) => d.sessions.map((s) => s.id));

describe('the public programme filter', () => {
  it('finds words anywhere in a session, blind to case, accents and apostrophes', () => {
    expect(ids(filterAgenda(days, agendaFilterFrom({ q: 'ohiggins' })))).toEqual(['a']);
    expect(ids(filterAgenda(days, agendaFilterFrom({ q: 'region piura' })))).toEqual(['b']);
    expect(ids(filterAgenda(days, agendaFilterFrom({ q: 'joint research' })))).toEqual(['c']);
    expect(ids(filterAgenda(days, agendaFilterFrom({ q: 'chile piura' })))).toEqual([]);
  });

  it('keeps a day, a room, or a theme of the session or of one of its presentations', () => {
    expect(ids(filterAgenda(days, agendaFilterFrom({ day: '2019-10-09' })))).toEqual(['c']);
    expect(ids(filterAgenda(days, agendaFilterFrom({ room: 'r2' })))).toEqual(['b']);
    expect(ids(filterAgenda(days, agendaFilterFrom({ theme: 't2' })))).toEqual(['a']);
    expect(ids(filterAgenda(days, agendaFilterFrom({ kind: 'break' })))).toEqual([]);
  });

  it('ignores query values that are not plain strings, and offers only what the agenda has', () => {
    expect(agendaFilterFrom({ q: ['a', 'b'], day: { x: 1 } })).toEqual({ q: '', day: '', themeId: '', roomId: '', kind: '' });
    expect(filterChoices(days)).toEqual({
      days: ['2019-10-08', '2019-10-09'],
      themes: [
        { id: 't2', name: 'Industry' },
        { id: 't1', name: 'Sustainability' },
      ],
      rooms: [
        { id: 'r1', name: 'Plenary hall' },
        { id: 'r2', name: 'Room B' },
      ],
      kinds: [{ kind: 'presentations', label: 'public.kind.presentations' }],
    });
  });
});
