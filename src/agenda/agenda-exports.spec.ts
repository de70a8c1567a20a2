import ICAL from 'ical.js';
import { AgendaExportSource } from './agenda-export-source';
import { AgendaSnapshot, SnapshotSession } from './agenda-snapshot';
import { NO_ROOM, buildFrabSchedule, frabAcronym, frabCode, frabId } from './frab-schedule';
import { buildFrabScheduleXml } from './frab-schedule-xml';
import { buildAgendaIcs } from './agenda-ics';
import { buildPublicAgenda } from './public-agenda-document';

const ROOM = '11111111-1111-4111-8111-111111111111';
const THEME = '22222222-2222-4222-8222-222222222222';
const ANA = {
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Ana Moreau',
  organisation: 'IUC-LAC',
  region: 'Brussels-Capital',
  countryCode: 'BE',
  title: null,
};
const IGNACIO = {
  id: '44444444-4444-4444-8444-444444444444',
  name: 'Ignacio Tello',
  organisation: null,
  region: "O'Higgins",
  countryCode: 'CL',
  title: 'Governor',
};

function session(id: string, startsAt: string, endsAt: string, extra: Partial<SnapshotSession> = {}): SnapshotSession {
  return {
    id,
    kind: 'presentations',
    title: `Session ${id.slice(0, 4)}`,
    description: '',
    themeId: null,
    roomId: null,
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
    hostOrganisation: null,
    capacity: null,
    status: 'scheduled',
    chairs: [],
    presentations: [],
    sequence: 0,
    ...extra,
  };
}

/** A Brussels event across the end of summer time (27 October 2019, 03:00 → 02:00), its last day empty. */
function dstSource(status: 'published' | 'cancelled' = 'published'): AgendaExportSource {
  const snapshot: AgendaSnapshot = {
    rooms: [{ id: ROOM, name: 'Plenary hall', capacity: 200 }],
    themes: [{ id: THEME, name: 'Industry, modernisation', colour: null }],
    sessions: [
      session('bbbbbbbb-0000-4000-8000-000000000002', '2019-10-27T10:00:00+01:00', '2019-10-27T11:15:00+01:00', {
        chairs: [{ ...ANA, role: 'moderator' }],
        presentations: [
          { id: 'p2', title: 'Second', abstract: '', themeId: null, position: 2, sections: {}, presenters: [{ ...ANA, role: 'co' }] },
          { id: 'p1', title: 'First', abstract: '', themeId: null, position: 1, sections: {}, presenters: [{ ...IGNACIO, role: 'lead' }] },
        ],
        sequence: 2,
      }),
      session('aaaaaaaa-0000-4000-8000-000000000001', '2019-10-26T10:00:00+02:00', '2019-10-26T11:00:00+02:00', {
        roomId: ROOM,
        themeId: THEME,
      }),
      session('cccccccc-0000-4000-8000-000000000003', '2019-10-27T12:00:00+01:00', '2019-10-27T13:00:00+01:00', {
        status: 'cancelled',
        sequence: 1,
      }),
    ],
  };
  return {
    event: {
      id: '55555555-5555-4555-8555-555555555555',
      title: 'Autumn meeting',
      slug: 'autumn-meeting',
      description: '',
      timezone: 'Europe/Brussels',
      venue: 'Brussels',
      startsAt: new Date('2019-10-26T09:00:00+02:00'),
      endsAt: new Date('2019-10-28T17:00:00+01:00'),
      coOrganisers: [],
      status,
    },
    version: { id: 'v', number: 3, note: '', publishedAt: new Date('2019-10-01T12:00:00Z'), snapshot },
    publicUrl: 'https://plenary.example',
  };
}

describe('public agenda documents', () => {
  it('groups by local day across a DST change and writes each time with its own offset', () => {
    const agenda = buildPublicAgenda(dstSource());
    expect(agenda.days.map((d) => [d.date, d.sessions.map((s) => s.startsAt)])).toEqual([
      ['2019-10-26', ['2019-10-26T10:00:00+02:00']],
      ['2019-10-27', ['2019-10-27T10:00:00+01:00', '2019-10-27T12:00:00+01:00']],
      ['2019-10-28', []],
    ]);
    const [, day2] = agenda.days;
    expect(day2.sessions[0].presentations.map((p) => p.title)).toEqual(['First', 'Second']);
    expect(day2.sessions[0].presentations[0].presenters[0]).toEqual({
      id: IGNACIO.id,
      name: 'Ignacio Tello',
      title: 'Governor',
      organisation: null,
      region: "O'Higgins",
      country: 'Chile',
      countryCode: 'CL',
      biography: null,
      role: 'lead',
    });
    expect(day2.sessions[1].status).toBe('cancelled');
    expect(agenda.version).toEqual({ number: 3, note: '', publishedAt: '2019-10-01T14:00:00+02:00' });
  });

  it('groups a far-from-UTC event by its own local day, not by the UTC date', () => {
    const source = dstSource();
    source.event = {
      ...source.event,
      timezone: 'Pacific/Auckland',
      startsAt: new Date('2019-10-08T08:00:00+13:00'),
      endsAt: new Date('2019-10-08T18:00:00+13:00'),
    };
    source.version.snapshot = {
      ...source.version.snapshot,
      sessions: [session('dddddddd-0000-4000-8000-000000000004', '2019-10-08T08:30:00+13:00', '2019-10-08T09:00:00+13:00')],
    };
    const agenda = buildPublicAgenda(source);
    expect(agenda.days.map((d) => [d.date, d.sessions.map((s) => s.startsAt)])).toEqual([['2019-10-08', ['2019-10-08T08:30:00+13:00']]]);
    const frab = buildFrabSchedule(source).schedule.conference;
    expect(frab.days[0]).toMatchObject({ date: '2019-10-08', day_start: '2019-10-08T08:30:00+13:00' });
    expect(frab.days[0].rooms[NO_ROOM][0]).toMatchObject({ start: '08:30', date: '2019-10-08T08:30:00+13:00', duration: '00:30' });
  });

  it("writes UTC instants, the version's SEQUENCE and STATUS in the calendar", () => {
    const text = buildAgendaIcs(dstSource());
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    const byUid = new Map(events.map((e) => [e.getFirstPropertyValue('uid') as string, e]));
    expect(events).toHaveLength(3);
    const moderated = byUid.get('bbbbbbbb-0000-4000-8000-000000000002@plenary')!;
    expect(text).toContain('DTSTART:20191027T090000Z');
    expect(Number(moderated.getFirstPropertyValue('sequence'))).toBe(2);
    expect(moderated.getFirstPropertyValue('description')).toBe(
      'Moderated by Ana Moreau (IUC-LAC)\n\n1. First\n   Ignacio Tello\n2. Second\n   Ana Moreau (IUC-LAC)',
    );
    expect(moderated.getFirstPropertyValue('location')).toBe('Brussels');
    expect(byUid.get('cccccccc-0000-4000-8000-000000000003@plenary')!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(byUid.get('aaaaaaaa-0000-4000-8000-000000000001@plenary')!.getFirstProperty('categories')!.getValues()).toEqual([
      'Industry, modernisation',
    ]);
    expect(text).toContain('DTSTAMP:20191001T120000Z');
    // The same version always gives the same bytes.
    expect(buildAgendaIcs(dstSource())).toBe(text);
  });

  it('writes the frab schedule without cancelled sessions, roomless ones under "(no room)", each person once', () => {
    const conference = buildFrabSchedule(dstSource()).schedule.conference;
    expect(conference.rooms.map((r) => r.name)).toEqual(['Plenary hall', NO_ROOM]);
    expect(conference).toMatchObject({ start: '2019-10-26', end: '2019-10-28', daysCount: 3 });
    const [day1, day2, day3] = conference.days;
    expect(day1.rooms['Plenary hall'].map((e) => e.guid)).toEqual(['aaaaaaaa-0000-4000-8000-000000000001']);
    expect(day1.rooms['Plenary hall'][0].track).toBe('Industry, modernisation');
    expect(day2.rooms[NO_ROOM].map((e) => e.guid)).toEqual(['bbbbbbbb-0000-4000-8000-000000000002']);
    expect(day2.rooms[NO_ROOM][0]).toMatchObject({
      start: '10:00',
      duration: '01:15',
      date: '2019-10-27T10:00:00+01:00',
      id: frabId('bbbbbbbb-0000-4000-8000-000000000002'),
    });
    expect(day2.rooms[NO_ROOM][0].persons.map((p) => p.public_name)).toEqual(['Ana Moreau', 'Ignacio Tello']);
    expect(day2).toMatchObject({ day_start: '2019-10-27T10:00:00+01:00', day_end: '2019-10-27T11:15:00+01:00' });
    expect(day3).toMatchObject({ date: '2019-10-28', day_start: '2019-10-28T00:00:00+01:00', day_end: '2019-10-28T23:59:00+01:00' });
    expect(frabId('ffffffff-ffff-4fff-8fff-ffffffffffff')).toBeGreaterThanOrEqual(1);
    expect(frabId('00000000-0000-4000-8000-000000000000')).toBe(1);
  });

  it('cancels every session of a cancelled event, one SEQUENCE higher, and empties the frab schedule', () => {
    const source = dstSource('cancelled');
    const events = new ICAL.Component(ICAL.parse(buildAgendaIcs(source))).getAllSubcomponents('vevent');
    expect(events.map((e) => [e.getFirstPropertyValue('status'), Number(e.getFirstPropertyValue('sequence'))])).toEqual([
      ['CANCELLED', 1],
      ['CANCELLED', 3],
      ['CANCELLED', 2],
    ]);
    expect(buildPublicAgenda(source).days.flatMap((d) => d.sessions.map((s) => s.status))).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const frab = buildFrabSchedule(source).schedule.conference;
    expect(frab.days.flatMap((d) => Object.values(d.rooms).flat())).toEqual([]);
  });

  it('makes acronyms and codes of the form c3voc schedules require', () => {
    expect(frabAcronym('eu-lac-r2r-2019', '2019')).toBe('eu_lac_r2r_2019');
    expect(frabAcronym('r2r', '2019')).toBe('r2r_2019');
    expect(frabAcronym('r2r-x', '2019')).toBe('r2r_x');
    for (const uuid of ['00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-4fff-8fff-ffffffffffff', ANA.id]) {
      expect(frabCode(uuid)).toMatch(/^[0-9A-Z]{6}$/);
    }
    expect(frabCode(ANA.id)).not.toBe(frabCode(IGNACIO.id));
  });

  it('escapes the XML schedule and drops characters XML cannot carry', () => {
    const source = dstSource();
    const frab = buildFrabSchedule(source);
    const [event] = frab.schedule.conference.days[0].rooms['Plenary hall'];
    event.title = 'R&D <in> "regions"\u0001';
    const xml = buildFrabScheduleXml(frab);
    expect(xml).toContain('<title>R&amp;D &lt;in&gt; &quot;regions&quot;</title>');
    expect(xml).not.toContain('\u0001');
  });
});
