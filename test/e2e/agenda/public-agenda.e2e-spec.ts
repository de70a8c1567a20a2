import ICAL from 'ical.js';
import { SaxesParser } from 'saxes';
import type { Response } from 'supertest';
import { ADMIN, login } from '../../support/test-app';
import { createSeedMeeting } from '../../support/seed-meeting';
import { useTestApp } from '../../support/use-test-app';

type Seed = Awaited<ReturnType<typeof createSeedMeeting>>;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;
const SEED_EMAILS = [
  'ana.moreau@iuc.test',
  'ignacio.tello@ohiggins.test',
  'marta.ruiz@andalucia.test',
  'javier.bereche@piura.test',
  'luca.bianchi@emilia.test',
  'carla.souza@parana.test',
  'jan.devries@gelderland.test',
];

interface AgendaSession {
  id: string;
  title: string;
  kind: string;
  startsAt: string;
  endsAt: string;
  status: string;
  room: { id: string; name: string } | null;
  theme: { id: string; name: string; colour: string | null } | null;
  hostOrganisation: string | null;
  chairs: Array<Record<string, unknown>>;
  presentations: Array<{ title: string; position: number; presenters: Array<Record<string, unknown>> }>;
}

/** The VEVENTs of an .ics body, through a real iCalendar parser. */
function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => ({
    uid: vevent.getFirstPropertyValue('uid') as string,
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    status: vevent.getFirstPropertyValue('status') as string,
    summary: vevent.getFirstPropertyValue('summary') as string,
    description: vevent.getFirstPropertyValue('description') as string,
    location: vevent.getFirstPropertyValue('location') as string,
    categories: vevent.getFirstPropertyValue('categories') as string | null,
    start: (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    end: (vevent.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
    stamp: (vevent.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString(),
  }));
  return { calendar, events, byUid: new Map(events.map((e) => [e.uid, e])) };
}

const instant = (withOffset: string) => new Date(withOffset).toISOString();

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** A whole XML document as a tree, through a conforming parser (which throws on anything not well-formed). */
function parseXml(source: string): XmlNode {
  const parser = new SaxesParser();
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const open: XmlNode[] = [root];
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    open[open.length - 1].children.push(node);
    open.push(node);
  });
  parser.on('text', (value) => (open[open.length - 1].text += value));
  parser.on('closetag', () => open.pop());
  parser.write(source).close();
  return root.children[0];
}

function child(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${node.name}> has no <${name}>`);
  return found;
}

const text = (node: XmlNode) => node.text.trim();

describe('public agenda: JSON, iCalendar and frab schedule of the latest published version', () => {
  const ctx = useTestApp();
  let auth: string;
  let seed: Seed;
  const paths = () => [`${seed.base}/agenda`, `${seed.base}/agenda.ics`, `${seed.base}/schedule.json`, `${seed.base}/schedule.xml`];
  const get = (path: string) => ctx.app.http.get(path).buffer(true).parse(rawText);

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    seed = await createSeedMeeting(ctx.app.http, auth);
  });

  it('answers 404 problem+json before the event is published and before a first version', async () => {
    for (const path of [...paths(), '/events/00000000-0000-4000-8000-000000000000/agenda', '/events/not-a-uuid/agenda.ics']) {
      const response = await get(path).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.text)).toMatchObject({ status: 404 });
    }
    // A version alone is not enough while the event is a draft.
    await ctx.app.http.post(`${seed.base}/agenda/versions`).set('Authorization', auth).send({ note: 'First programme' }).expect(201);
    for (const path of paths()) await get(path).expect(404);

    // A published event without any version is not enough either.
    const other = await ctx.app.http
      .post('/events')
      .set('Authorization', auth)
      .send({ title: 'Follow-up webinar', timezone: 'America/Santiago', startsAt: '2019-11-05T10:00', endsAt: '2019-11-05T12:00' })
      .expect(201);
    await ctx.app.http
      .post(`/events/${other.body.id}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Results so far', kind: 'presentations', startsAt: '2019-11-05T10:00', endsAt: '2019-11-05T11:00' })
      .expect(201);
    await ctx.app.http.post(`/events/${other.body.id}/publish`).set('Authorization', auth).expect(200);
    for (const suffix of ['agenda', 'agenda.ics', 'schedule.json']) await get(`/events/${other.body.id}/${suffix}`).expect(404);
  });

  it('serves the published agenda by local day, with +02:00 times and presentations in order, to anyone', async () => {
    await ctx.app.http.post(`${seed.base}/publish`).set('Authorization', auth).expect(200);
    const response = await get(`${seed.base}/agenda`).expect(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    expect(response.headers.etag).toMatch(/^"[^"]+"$/);
    const agenda = JSON.parse(response.text);

    expect(agenda.event).toMatchObject({
      id: seed.event.id,
      title: 'IUC region-to-region meeting',
      slug: seed.event.slug,
      timezone: 'Europe/Brussels',
      venue: 'Brussels',
      startsAt: '2019-10-08T09:00:00+02:00',
      endsAt: '2019-10-09T17:30:00+02:00',
      coOrganisers: [{ name: "European Commission's Joint Research Centre", url: 'https://joint-research-centre.ec.europa.eu' }],
    });
    expect(agenda.version).toMatchObject({ number: 1, note: 'First programme', publishedAt: expect.stringMatching(/[+-]\d{2}:\d{2}$/) });
    expect(agenda.days.map((d: { date: string }) => d.date)).toEqual(['2019-10-08', '2019-10-09']);
    const [day1, day2] = agenda.days as Array<{ sessions: AgendaSession[] }>;
    expect(day1.sessions.map((s) => [s.title, s.startsAt, s.endsAt])).toEqual([
      ['Pairings: sustainability and natural resources', '2019-10-08T09:30:00+02:00', '2019-10-08T11:00:00+02:00'],
      ['Coffee break', '2019-10-08T11:00:00+02:00', '2019-10-08T11:30:00+02:00'],
      ['Pairings: industry modernisation', '2019-10-08T11:30:00+02:00', '2019-10-08T13:00:00+02:00'],
      ['Future innovation in the regions', '2019-10-08T14:30:00+02:00', '2019-10-08T16:00:00+02:00'],
    ]);
    expect(day2.sessions).toEqual([
      expect.objectContaining({
        id: seed.sessions.day2.id,
        kind: 'workshop',
        hostOrganisation: "European Commission's Joint Research Centre",
        room: { id: seed.rooms.plenary.id, name: 'Plenary hall' },
        status: 'scheduled',
      }),
    ]);

    const pairings = day1.sessions[0];
    expect(pairings.theme).toEqual({
      id: seed.themes.sustainability.id,
      name: 'Sustainability and innovation in natural resource management',
      colour: '#2e7d32',
    });
    expect(pairings.chairs).toEqual([
      expect.objectContaining({
        name: 'Ana Moreau',
        organisation: 'IUC-LAC',
        region: 'Brussels-Capital',
        countryCode: 'BE',
        country: 'Belgium',
        role: 'chair',
      }),
    ]);
    expect(pairings.presentations.map((p) => [p.position, p.title])).toEqual([
      [1, seed.presentations.ohiggins.title],
      [2, seed.presentations.piura.title],
    ]);
    expect(pairings.presentations[0]).toMatchObject({ sections: { purpose: 'Internationalise the regional development strategy.' } });
    expect(pairings.presentations[0].presenters).toEqual([
      expect.objectContaining({
        name: 'Ignacio Tello',
        organisation: "O'Higgins Regional Government",
        region: "O'Higgins",
        countryCode: 'CL',
        country: 'Chile',
        role: 'lead',
      }),
      expect.objectContaining({
        name: 'Marta Ruiz',
        organisation: 'Junta de Andalucía',
        region: 'Andalucía',
        countryCode: 'ES',
        country: 'Spain',
        role: 'co',
      }),
    ]);
    expect(day1.sessions[1]).toMatchObject({ kind: 'break', room: null, theme: null, chairs: [], presentations: [] });
  });

  it('never shows an email address in any public document', async () => {
    for (const path of paths()) {
      const { text } = await get(path).expect(200);
      expect(text).not.toMatch(EMAIL);
      expect(text).not.toContain('@iuc.test');
      for (const email of SEED_EMAILS) expect(text.toLowerCase()).not.toContain(email);
    }
  });

  it("writes agenda.ics that a real iCalendar parser reads: one VEVENT per session at the sessions' instants", async () => {
    const response = await get(`${seed.base}/agenda.ics`).expect(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = response.text;
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);

    const { calendar, events, byUid } = parseIcs(text);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('IUC region-to-region meeting');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Brussels');

    const sessions = Object.values(seed.sessions);
    expect(events).toHaveLength(sessions.length);
    for (const session of sessions) {
      const vevent = byUid.get(`${session.id}@plenary`);
      expect(vevent).toMatchObject({
        summary: session.title,
        sequence: 0,
        status: 'CONFIRMED',
        start: instant(session.startsAt),
        end: instant(session.endsAt),
      });
    }
    const pairings = byUid.get(`${seed.sessions.session1.id}@plenary`)!;
    expect(pairings.location).toBe('Plenary hall, Brussels');
    expect(pairings.categories).toBe('Sustainability and innovation in natural resource management');
    expect(pairings.description).toContain("1. O'Higgins and its European partner: internationalising a development strategy");
    expect(pairings.description).toContain("Ignacio Tello (O'Higgins Regional Government), Marta Ruiz (Junta de Andalucía)");
    expect(pairings.description).toContain('Chaired by Ana Moreau (IUC-LAC)');
    expect(byUid.get(`${seed.sessions.coffee.id}@plenary`)!.location).toBe('Brussels');
    expect(byUid.get(`${seed.sessions.day2.id}@plenary`)!.description).toContain("Hosted by European Commission's Joint Research Centre");
  });

  it('writes schedule.json in the frab shape conference apps read', async () => {
    const response = await get(`${seed.base}/schedule.json`).expect(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const document = JSON.parse(response.text);
    expect(document.$schema).toBe('https://c3voc.de/schedule/schema.json');
    const { schedule } = document;
    expect(schedule.version).toBe('1');
    expect(typeof schedule.base_url).toBe('string');
    expect(schedule.url).toBe(`http://plenary.test/e/${seed.event.slug}`);
    expect(schedule.conference).toMatchObject({
      acronym: seed.event.slug.replace(/-/g, '_'),
      url: `http://plenary.test/e/${seed.event.slug}`,
      title: 'IUC region-to-region meeting',
      start: '2019-10-08',
      end: '2019-10-09',
      daysCount: 2,
      timeslot_duration: '00:15',
      time_zone_name: 'Europe/Brussels',
    });
    expect(schedule.conference.rooms.map((r: { name: string }) => r.name)).toEqual(['Plenary hall', 'Room B', '(no room)']);
    for (const room of schedule.conference.rooms) expect(room.guid).toMatch(/^[0-9a-f-]{36}$/);
    expect(schedule.conference.days.map((d: { index: number; date: string }) => [d.index, d.date])).toEqual([
      [1, '2019-10-08'],
      [2, '2019-10-09'],
    ]);
    const [day1, day2] = schedule.conference.days;
    expect(day1.day_start).toBe('2019-10-08T09:30:00+02:00');
    expect(day1.day_end).toBe('2019-10-08T16:00:00+02:00');
    const plenary = day1.rooms['Plenary hall'];
    expect(plenary.map((e: { title: string }) => e.title)).toEqual([
      'Pairings: sustainability and natural resources',
      'Pairings: industry modernisation',
    ]);
    expect(plenary[0]).toMatchObject({
      guid: seed.sessions.session1.id,
      id: expect.any(Number),
      code: expect.stringMatching(/^[0-9A-Z]{6}$/),
      logo: null,
      url: `http://plenary.test/e/${seed.event.slug}#session-${seed.sessions.session1.id}`,
      date: '2019-10-08T09:30:00+02:00',
      end: '2019-10-08T11:00:00+02:00',
      start: '09:30',
      duration: '01:30',
      room: 'Plenary hall',
      slug: expect.stringMatching(/^[a-z0-9_-]+[a-z0-9]$/),
      title: 'Pairings: sustainability and natural resources',
      track: 'Sustainability and innovation in natural resource management',
      type: 'presentations',
      language: 'en',
      links: [],
      attachments: [],
    });
    expect(plenary[0].persons.map((p: { public_name: string }) => p.public_name)).toEqual([
      'Ana Moreau',
      'Ignacio Tello',
      'Marta Ruiz',
      'Javier Bereche',
      'Luca Bianchi',
    ]);
    // c3voc's schema takes a person as frab's (id + public_name) or pretalx's (name), exactly one of the two.
    for (const person of plenary[0].persons) {
      expect(person).toEqual({
        guid: expect.any(String),
        code: expect.stringMatching(/^[0-9A-Z]+$/),
        name: person.public_name,
        public_name: expect.any(String),
        biography: expect.any(String),
        avatar: null,
        url: `http://plenary.test/e/${seed.event.slug}/speakers/${person.guid}`,
      });
    }
    expect(plenary[0].persons.find((p: { name: string }) => p.name === 'Javier Bereche').biography).toContain('Peru');
    expect(day1.rooms['(no room)'].map((e: { title: string }) => e.title)).toEqual(['Coffee break']);
    expect(day1.rooms['Room B'].map((e: { title: string }) => e.title)).toEqual(['Future innovation in the regions']);
    expect(day2.rooms['Plenary hall']).toEqual([
      expect.objectContaining({ title: 'Research and Innovation Smart Specialisation Strategy', start: '09:30', duration: '03:00' }),
    ]);
  });

  it('writes schedule.xml as frab XML with the same sessions, ids and people as schedule.json', async () => {
    const xml = await get(`${seed.base}/schedule.xml`).expect(200);
    expect(xml.headers['content-type']).toBe('application/xml; charset=utf-8');
    const tree = parseXml(xml.text);
    expect(tree.name).toBe('schedule');
    // The order c3voc's schedule.xml.xsd fixes: generator?, url?, version, conference, day+.
    expect(tree.children.map((c) => c.name)).toEqual(['generator', 'url', 'version', 'conference', 'day', 'day']);
    const conference = child(tree, 'conference');
    const { schedule } = JSON.parse((await get(`${seed.base}/schedule.json`).expect(200)).text);
    expect(text(child(conference, 'acronym'))).toBe(schedule.conference.acronym);
    expect(text(child(conference, 'acronym'))).toMatch(/^[a-z0-9_-]{4,}$/);
    expect(text(child(conference, 'days'))).toBe('2');
    expect(text(child(conference, 'time_zone_name'))).toBe('Europe/Brussels');

    const days = tree.children.filter((c) => c.name === 'day');
    expect(days.map((d) => [d.attributes.index, d.attributes.date, d.attributes.start])).toEqual(
      schedule.conference.days.map((d: { index: number; date: string; day_start: string }) => [String(d.index), d.date, d.day_start]),
    );
    const jsonEvents = schedule.conference.days.flatMap((d: { rooms: Record<string, unknown[]> }) =>
      Object.values(d.rooms).flat(),
    ) as Array<{
      guid: string;
      id: number;
      code: string;
      title: string;
      start: string;
      duration: string;
      room: string;
      feedback_url: string;
      persons: Array<{ name: string }>;
    }>;
    const xmlEvents = days.flatMap((d) => d.children.flatMap((room) => room.children.map((event) => ({ room, event }))));
    expect(xmlEvents).toHaveLength(jsonEvents.length);
    for (const { room, event } of xmlEvents) {
      const json = jsonEvents.find((e) => e.guid === event.attributes.guid)!;
      expect(event.attributes).toEqual({ guid: json.guid, id: String(json.id), code: json.code });
      expect(room.attributes.name).toBe(json.room);
      expect(text(child(event, 'room'))).toBe(json.room);
      expect(text(child(event, 'title'))).toBe(json.title);
      expect(text(child(event, 'start'))).toBe(json.start);
      expect(text(child(event, 'duration'))).toBe(json.duration);
      expect(text(child(event, 'feedback_url'))).toBe(json.feedback_url);
      expect(text(child(event, 'slug'))).toMatch(/^[a-z0-9_]{4,}-[a-z0-9\-_]{4,}$/);
      expect(child(event, 'persons').children.map(text)).toEqual(json.persons.map((p) => p.name));
    }
    expect(xml.text).toContain('<title>Pairings: sustainability and natural resources</title>');
  });

  it('answers 304 to a matching If-None-Match, without a login', async () => {
    for (const path of paths()) {
      const first = await get(path).expect(200);
      const etag = first.headers.etag as string;
      const again = await get(path).set('If-None-Match', etag).expect(304);
      expect(again.text ?? '').toBe('');
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe('public, max-age=60');
      await get(path).set('If-None-Match', `"something-else", W/${etag}`).expect(304);
      await get(path).set('If-None-Match', '"something-else"').expect(200);
    }
  });

  it('sends the documents gzipped to clients that accept it, each encoding with its own validator', async () => {
    for (const path of paths()) {
      const gzipped = await get(path).set('Accept-Encoding', 'gzip').expect(200);
      const plain = await get(path).set('Accept-Encoding', 'identity').expect(200);
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(gzipped.text).toBe(plain.text);
      expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(plain.text));
      expect(Number(gzipped.headers['content-length'])).toBeLessThan(Buffer.byteLength(plain.text));
      expect(gzipped.headers.vary).toMatch(/Accept-Encoding/i);
      expect(gzipped.headers.etag).not.toBe(plain.headers.etag);
      await get(path)
        .set('Accept-Encoding', 'gzip')
        .set('If-None-Match', gzipped.headers.etag as string)
        .expect(304);
      await get(path)
        .set('Accept-Encoding', 'identity')
        .set('If-None-Match', plain.headers.etag as string)
        .expect(304);
    }
  });

  it('follows only published versions: a moved session shows its old time until version 2, then its new one with a higher SEQUENCE', async () => {
    const before = await get(`${seed.base}/agenda`).expect(200);
    const beforeIcs = await get(`${seed.base}/agenda.ics`).expect(200);
    const session2 = seed.sessions.session2;
    await ctx.app.http
      .patch(`${seed.base}/sessions/${session2.id}`)
      .set('Authorization', auth)
      .send({ startsAt: '2019-10-08T14:00', endsAt: '2019-10-08T15:30' })
      .expect(200);

    // The working agenda changed; the public one did not.
    const unchanged = await get(`${seed.base}/agenda`)
      .set('If-None-Match', before.headers.etag as string)
      .expect(304);
    expect(unchanged.headers.etag).toBe(before.headers.etag);
    const stillOld = JSON.parse((await get(`${seed.base}/agenda`).expect(200)).text);
    expect(findSession(stillOld, session2.id)).toMatchObject({
      startsAt: '2019-10-08T11:30:00+02:00',
      endsAt: '2019-10-08T13:00:00+02:00',
    });
    expect(parseIcs((await get(`${seed.base}/agenda.ics`).expect(200)).text).byUid.get(`${session2.id}@plenary`)).toMatchObject({
      start: instant('2019-10-08T11:30:00+02:00'),
      sequence: 0,
    });

    const version2 = await ctx.app.http
      .post(`${seed.base}/agenda/versions`)
      .set('Authorization', auth)
      .send({ note: 'Industry session after lunch' })
      .expect(201);
    expect(version2.body.number).toBe(2);
    expect(version2.body.changes.moved).toEqual([
      {
        sessionId: session2.id,
        title: session2.title,
        from: expect.objectContaining({
          sessionId: session2.id,
          startsAt: '2019-10-08T11:30:00+02:00',
          endsAt: '2019-10-08T13:00:00+02:00',
        }),
        to: expect.objectContaining({ sessionId: session2.id, startsAt: '2019-10-08T14:00:00+02:00', endsAt: '2019-10-08T15:30:00+02:00' }),
      },
    ]);

    const after = await get(`${seed.base}/agenda`)
      .set('If-None-Match', before.headers.etag as string)
      .expect(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const agenda = JSON.parse(after.text);
    expect(agenda.version).toMatchObject({ number: 2, note: 'Industry session after lunch' });
    expect(findSession(agenda, session2.id)).toMatchObject({ startsAt: '2019-10-08T14:00:00+02:00', endsAt: '2019-10-08T15:30:00+02:00' });

    const ics = await get(`${seed.base}/agenda.ics`)
      .set('If-None-Match', beforeIcs.headers.etag as string)
      .expect(200);
    expect(ics.headers.etag).not.toBe(beforeIcs.headers.etag);
    const { byUid } = parseIcs(ics.text);
    expect(byUid.get(`${session2.id}@plenary`)).toMatchObject({
      start: instant('2019-10-08T14:00:00+02:00'),
      end: instant('2019-10-08T15:30:00+02:00'),
      sequence: 1,
      status: 'CONFIRMED',
    });
    expect(byUid.get(`${seed.sessions.session1.id}@plenary`)!.sequence).toBe(0);
    const schedule = JSON.parse((await get(`${seed.base}/schedule.json`).expect(200)).text).schedule;
    expect(schedule.version).toBe('2');
    expect(schedule.conference.days[0].rooms['Plenary hall'].find((e: { guid: string }) => e.guid === session2.id)).toMatchObject({
      start: '14:00',
      duration: '01:30',
    });
  });

  it('shows a cancelled session as STATUS:CANCELLED once a version says so, and leaves it out of schedule.json', async () => {
    const discussion = seed.sessions.discussion;
    await ctx.app.http.delete(`${seed.base}/sessions/${discussion.id}`).set('Authorization', auth).expect(200);
    expect(parseIcs((await get(`${seed.base}/agenda.ics`).expect(200)).text).byUid.get(`${discussion.id}@plenary`)!.status).toBe(
      'CONFIRMED',
    );

    const version3 = await ctx.app.http
      .post(`${seed.base}/agenda/versions`)
      .set('Authorization', auth)
      .send({ note: 'Discussion cancelled' })
      .expect(201);
    expect(version3.body.changes.cancelled).toEqual([expect.objectContaining({ sessionId: discussion.id })]);

    const { events, byUid } = parseIcs((await get(`${seed.base}/agenda.ics`).expect(200)).text);
    expect(events).toHaveLength(5);
    expect(byUid.get(`${discussion.id}@plenary`)).toMatchObject({ status: 'CANCELLED', sequence: 1, start: instant(discussion.startsAt) });
    expect(events.filter((e) => e.status === 'CANCELLED')).toHaveLength(1);

    const agenda = JSON.parse((await get(`${seed.base}/agenda`).expect(200)).text);
    expect(findSession(agenda, discussion.id)).toMatchObject({ status: 'cancelled' });
    const schedule = JSON.parse((await get(`${seed.base}/schedule.json`).expect(200)).text).schedule;
    const guids = schedule.conference.days.flatMap((d: { rooms: Record<string, Array<{ guid: string }>> }) =>
      Object.values(d.rooms).flatMap((list) => list.map((e) => e.guid)),
    );
    expect(guids).toHaveLength(4);
    expect(guids).not.toContain(discussion.id);
  });

  it('keeps the organiser routes beside the public ones: versions and conflicts still need a login', async () => {
    const versions = await ctx.app.http.get(`${seed.base}/agenda/versions`).set('Authorization', auth).expect(200);
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([3, 2, 1]);
    await ctx.app.http.get(`${seed.base}/agenda/versions/2`).set('Authorization', auth).expect(200);
    await ctx.app.http.get(`${seed.base}/agenda/conflicts`).set('Authorization', auth).expect(200);
    await ctx.app.http.get(`${seed.base}/agenda/versions`).expect(401);
    await ctx.app.http.get(`${seed.base}/agenda/conflicts`).expect(401);
    await ctx.app.http.post(`${seed.base}/agenda/versions`).send({ note: 'anonymous' }).expect(401);
    await get(`${seed.base}/agenda.json`).expect(404);
  });

  it("keeps a cancelled event's agenda public, every session cancelled with a higher SEQUENCE", async () => {
    const before = parseIcs((await get(`${seed.base}/agenda.ics`).expect(200)).text).byUid;
    await ctx.app.http.post(`${seed.base}/cancel`).set('Authorization', auth).send({ reason: 'Venue unavailable' }).expect(200);
    const agenda = JSON.parse((await get(`${seed.base}/agenda`).expect(200)).text);
    expect(agenda.event.status).toBe('cancelled');
    const { events } = parseIcs((await get(`${seed.base}/agenda.ics`).expect(200)).text);
    for (const event of events) {
      expect(event.status).toBe('CANCELLED');
      expect(event.sequence).toBe(before.get(event.uid)!.sequence + 1);
    }
    const refused = await ctx.app.http
      .post(`${seed.base}/agenda/versions`)
      .set('Authorization', auth)
      .send({ note: 'too late' })
      .expect(409);
    expect(refused.body.detail).toMatch(/cancelled/);
  });

  it("ignores credentials it cannot use on public routes, such as a calendar client's Basic auth", async () => {
    await ctx.app.http.get(`${seed.base}/agenda.ics`).set('Authorization', 'Basic dXNlcjpwYXNz').expect(200);
  });
});

function findSession(agenda: { days: Array<{ sessions: AgendaSession[] }> }, id: string): AgendaSession | undefined {
  return agenda.days.flatMap((d) => d.sessions).find((s) => s.id === id);
}

/** Keeps every body as text, whatever its type, so the raw bytes can be checked. */
function rawText(res: Response, callback: (err: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream & { text?: string };
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => {
    stream.text = text;
    callback(null, text);
  });
}
