import type { Response } from 'supertest';
import { scheduleJsonViolations, scheduleXmlViolations } from '../../support/c3voc-schedule';
import { createSeedMeeting } from '../../support/seed-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

/**
 * schedule.json and schedule.xml checked against the c3voc schemas themselves,
 * the contract Giggity, EventFahrplan, ConfClerk and the c3voc tooling read.
 */
describe('schedule exports: valid against the c3voc schedule schemas', () => {
  const ctx = useTestApp();
  let auth: string;
  const post = async (path: string, body: object = {}, status = 201) =>
    (await ctx.app.http.post(path).set('Authorization', auth).send(body).expect(status)).body;
  const exports = async (base: string) => {
    const json = await ctx.app.http.get(`${base}/schedule.json`).expect(200);
    const xml = await ctx.app.http.get(`${base}/schedule.xml`).buffer(true).parse(rawText).expect(200);
    return { json: json.body as ScheduleJson, xml: xml.body as string };
  };
  const publish = async (base: string, note: string) => {
    await post(`${base}/agenda/versions`, { note });
    await post(`${base}/publish`, {}, 200);
  };

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  it("validates the seed's two-day meeting, breaks and partner-hosted day included", async () => {
    const seed = await createSeedMeeting(ctx.app.http, auth);
    await publish(seed.base, 'First programme');
    const { json, xml } = await exports(seed.base);
    expect(allEvents(json).map((e) => e.title)).toEqual(
      expect.arrayContaining(['Coffee break', 'Research and Innovation Smart Specialisation Strategy']),
    );
    expect(scheduleJsonViolations(json)).toEqual([]);
    expect(await scheduleXmlViolations(xml)).toEqual([]);
  });

  it('validates an event with a hyphenated slug, accented names and a session across midnight', async () => {
    const event = await post('/events', {
      title: 'Réunion des régions – Bío-Bío et Île-de-France',
      slug: 'reunion-bio-bio-idf-2027',
      timezone: 'America/Santiago',
      startsAt: '2027-03-09T18:00',
      endsAt: '2027-03-10T12:00',
      venue: 'Concepción',
    });
    const base = `/events/${event.id}`;
    const theme = await post(`${base}/themes`, { name: 'Énergie et océans', colour: '#00838f' });
    const room = await post(`${base}/rooms`, { name: 'Salle Érasme', capacity: 80 });
    const chair = await post(`${base}/people`, {
      name: 'Héloïse Ñúñez-Göttsche',
      email: 'heloise@regions.test',
      organisation: 'Gobierno Regional del Biobío',
      region: 'Biobío',
      countryCode: 'CL',
    });
    const night = await post(`${base}/sessions`, {
      title: 'Nuit des océans : présentations croisées',
      kind: 'presentations',
      startsAt: '2027-03-09T22:30',
      endsAt: '2027-03-10T01:15',
      roomId: room.id,
      themeId: theme.id,
      chairs: [{ personId: chair.id }],
    });
    await post(`${base}/presentations`, {
      title: 'L’hydrogène vert du Biobío & d’Île-de-France',
      sessionId: night.id,
      themeId: theme.id,
      presenters: [
        {
          name: 'Zoë Lefèvre',
          email: 'zoe@idf.test',
          organisation: 'Région Île-de-France',
          region: 'Île-de-France',
          countryCode: 'FR',
          role: 'lead',
        },
        { name: 'José Muñoz', email: 'jose@biobio.test', organisation: 'Universidad de Concepción', region: 'Biobío', countryCode: 'CL' },
      ],
    });
    const cafe = await post(`${base}/sessions`, { title: 'Café', kind: 'break', startsAt: '2027-03-10T09:00', endsAt: '2027-03-10T09:30' });
    await publish(base, 'Programme');
    const first = await exports(base);
    expect(scheduleJsonViolations(first.json)).toEqual([]);
    expect(await scheduleXmlViolations(first.xml)).toEqual([]);

    // A second version with a session cancelled and the night session made longer still validates.
    await ctx.app.http.delete(`${base}/sessions/${cafe.id}`).set('Authorization', auth).expect(200);
    await ctx.app.http.patch(`${base}/sessions/${night.id}`).set('Authorization', auth).send({ endsAt: '2027-03-10T01:45' }).expect(200);
    await post(`${base}/agenda/versions`, { note: 'Café cancelled; the night runs longer' });

    const { json, xml } = await exports(base);
    expect(json.schedule.version).toBe('2');
    expect(allEvents(json).map((e) => e.title)).not.toContain('Café');
    expect(json.schedule.conference.acronym).not.toContain('-');
    const crossing = allEvents(json).find((e) => e.guid === night.id)!;
    expect([crossing.date, crossing.end, crossing.duration]).toEqual(['2027-03-09T22:30:00-03:00', '2027-03-10T01:45:00-03:00', '03:15']);
    expect(crossing.persons.map((p) => p.name)).toEqual(expect.arrayContaining(['Zoë Lefèvre', 'José Muñoz']));
    expect(xml).toContain('Héloïse Ñúñez-Göttsche');
    expect(scheduleJsonViolations(json)).toEqual([]);
    expect(await scheduleXmlViolations(xml)).toEqual([]);
  });

  it('catches the faults the schemas exist for, so a valid verdict means something', async () => {
    const seed = await createSeedMeeting(ctx.app.http, auth);
    await publish(seed.base, 'First programme');
    const { json, xml } = await exports(seed.base);

    const hyphenated = structuredClone(json);
    hyphenated.schedule.conference.acronym = seed.event.slug;
    expect(scheduleJsonViolations(hyphenated)).toEqual([expect.stringContaining('/schedule/conference/acronym')]);

    const badDuration = xml.replace(/<duration>[^<]*<\/duration>/, '<duration>ninety minutes</duration>');
    expect(await scheduleXmlViolations(badDuration)).toEqual([expect.stringContaining("'ninety minutes'")]);
  });
});

interface ScheduleEvent {
  guid: string;
  title: string;
  date: string;
  end: string;
  duration: string;
  persons: Array<{ name: string }>;
}

interface ScheduleJson {
  schedule: { version: string; conference: { acronym: string; days: Array<{ rooms: Record<string, ScheduleEvent[]> }> } };
}

const allEvents = (json: ScheduleJson) => json.schedule.conference.days.flatMap((day) => Object.values(day.rooms).flat());

/** Keeps the XML body as text: supertest parses only the types it knows. */
function rawText(res: Response, callback: (err: Error | null, body: string) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  let body = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (body += chunk));
  stream.on('end', () => callback(null, body));
}
