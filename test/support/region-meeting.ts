import { normaliseRegion } from '../../src/people/region';
import { pdfFile } from './material-files';
import { multipartBody } from './multipart';
import { TestApp } from './test-app';

type Http = TestApp['http'];

export interface Place {
  region: string;
  countryCode: string;
}

/** Twenty Latin American regions from six countries (the seed's "twenty regions from six countries"). */
export const LATIN_AMERICAN_REGIONS: Place[] = [
  { region: 'O’Higgins', countryCode: 'CL' },
  { region: 'Biobío', countryCode: 'CL' },
  { region: 'Maule', countryCode: 'CL' },
  { region: 'Valparaíso', countryCode: 'CL' },
  { region: 'Piura', countryCode: 'PE' },
  { region: 'Arequipa', countryCode: 'PE' },
  { region: 'Cusco', countryCode: 'PE' },
  { region: 'Paraná', countryCode: 'BR' },
  { region: 'Santa Catarina', countryCode: 'BR' },
  { region: 'Minas Gerais', countryCode: 'BR' },
  { region: 'Pernambuco', countryCode: 'BR' },
  { region: 'Antioquia', countryCode: 'CO' },
  { region: 'Santander', countryCode: 'CO' },
  { region: 'Valle del Cauca', countryCode: 'CO' },
  { region: 'Jalisco', countryCode: 'MX' },
  { region: 'Yucatán', countryCode: 'MX' },
  { region: 'Nuevo León', countryCode: 'MX' },
  { region: 'Córdoba', countryCode: 'AR' },
  { region: 'Mendoza', countryCode: 'AR' },
  { region: 'Santa Fe', countryCode: 'AR' },
];

/** Their European partners, one each, from ten countries. */
export const EUROPEAN_REGIONS: Place[] = [
  { region: 'Andalucía', countryCode: 'ES' },
  { region: 'Galicia', countryCode: 'ES' },
  { region: 'País Vasco', countryCode: 'ES' },
  { region: 'Emilia-Romagna', countryCode: 'IT' },
  { region: 'Toscana', countryCode: 'IT' },
  { region: 'Lombardia', countryCode: 'IT' },
  { region: 'Occitanie', countryCode: 'FR' },
  { region: 'Nouvelle-Aquitaine', countryCode: 'FR' },
  { region: 'Bretagne', countryCode: 'FR' },
  { region: 'Baden-Württemberg', countryCode: 'DE' },
  { region: 'Sachsen', countryCode: 'DE' },
  { region: 'Norte', countryCode: 'PT' },
  { region: 'Centro', countryCode: 'PT' },
  { region: 'Gelderland', countryCode: 'NL' },
  { region: 'Noord-Brabant', countryCode: 'NL' },
  { region: 'Flanders', countryCode: 'BE' },
  { region: 'Wallonia', countryCode: 'BE' },
  { region: 'Małopolska', countryCode: 'PL' },
  { region: 'Lapland', countryCode: 'FI' },
  { region: 'Västra Götaland', countryCode: 'SE' },
];

/** The note of the meeting's second agenda version: organisers' own words, in English whatever the page's language. */
export const SECOND_VERSION_NOTE = 'Discussion moved; laboratory visit cancelled';

export const HOST = "European Commission's Joint Research Centre";
export const ORGANISATION_TYPES = [
  'public_authority',
  'university_research',
  'business',
  'ngo',
  'international_organisation',
  'other',
] as const;

/** The key the report compares regions on: country and the normalised region, case-insensitively. */
export const regionKey = (place: Place) => `${place.countryCode}|${normaliseRegion(place.region).toLowerCase()}`;

export interface SeedPerson extends Place {
  name: string;
  email: string;
  organisation: string;
  organisationType: string;
}

/** The presenters of pairing `i`: the Latin American lead and the European partner. */
export function pairingPresenters(i: number): [SeedPerson, SeedPerson] {
  const la = LATIN_AMERICAN_REGIONS[i];
  const eu = EUROPEAN_REGIONS[i];
  return [
    {
      ...la,
      name: `Lead ${i + 1}`,
      email: `lead${i + 1}@la-region.test`,
      organisation: `Regional Government of ${normaliseRegion(la.region)}`,
      organisationType: 'public_authority',
    },
    {
      ...eu,
      name: `Partner ${i + 1}`,
      email: `partner${i + 1}@eu-region.test`,
      organisation: `${eu.region} Innovation Agency`,
      organisationType: i % 2 === 0 ? 'public_authority' : 'university_research',
    },
  ];
}

export const CHAIRS: SeedPerson[] = [
  {
    name: 'Ana Moreau',
    email: 'ana.moreau@iuc.test',
    organisation: 'IUC-LAC',
    organisationType: 'international_organisation',
    region: 'Brussels-Capital',
    countryCode: 'BE',
  },
  {
    name: 'Bruno Keller',
    email: 'bruno.keller@ec.test',
    organisation: 'European Commission',
    organisationType: 'international_organisation',
    region: 'Brussels-Capital',
    countryCode: 'BE',
  },
];

/** Places attendees come from: every paired region and Brussels, in three spellings (as typed, UPPER, lower). */
const ATTENDEE_PLACES: Place[] = [...LATIN_AMERICAN_REGIONS, ...EUROPEAN_REGIONS, { region: 'Brussels-Capital', countryCode: 'BE' }];

export function importedAttendee(i: number): SeedPerson {
  const place = ATTENDEE_PLACES[i % ATTENDEE_PLACES.length];
  const region = i % 3 === 1 ? place.region.toUpperCase() : i % 3 === 2 ? place.region.toLowerCase() : place.region;
  return {
    name: `Attendee ${i + 1}`,
    email: `attendee${i + 1}@meeting.test`,
    organisation: `Organisation ${i % 17}`,
    organisationType: ORGANISATION_TYPES[i % ORGANISATION_TYPES.length],
    region,
    countryCode: place.countryCode,
  };
}

export function attendeesCsv(people: SeedPerson[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [
    'name,email,organisation,organisation_type,region,country_code',
    ...people.map((p) => [p.name, p.email, p.organisation, p.organisationType, p.region, p.countryCode].map(quote).join(',')),
  ].join('\n');
}

/**
 * The seed's meeting through the API: Brussels, 8–9 October 2019, two themes,
 * twenty pairings presenting in two sessions, a discussion moved in the second
 * agenda version, and a second day co-organised with the JRC (one of its
 * sessions cancelled in the second version). Returns the ids a test needs.
 */
export async function buildRegionMeeting(http: Http, auth: string, options: { capacity: number }) {
  const post = async (path: string, body: object, status = 201) =>
    (await http.post(path).set('Authorization', auth).send(body).expect(status)).body;
  const event = await post('/events', {
    title: 'IUC region-to-region meeting',
    timezone: 'Europe/Brussels',
    startsAt: '2019-10-08T09:00',
    endsAt: '2019-10-09T17:30',
    venue: 'Brussels',
    capacity: options.capacity,
    defaultReminders: false,
    coOrganisers: [{ name: HOST, url: null }],
  });
  const base = `/events/${event.id}`;
  const themes = {
    sustainability: await post(`${base}/themes`, { name: 'Sustainability and innovation in natural resource management' }),
    industry: await post(`${base}/themes`, { name: 'Industry modernisation and innovation' }),
  };
  const plenary = await post(`${base}/rooms`, { name: 'Plenary hall', capacity: 250 });
  const roomB = await post(`${base}/rooms`, { name: 'Room B', capacity: 80 });
  const chairs = [];
  for (const chair of CHAIRS) chairs.push(await post(`${base}/people`, chair));
  const session = (body: object) => post(`${base}/sessions`, body);
  const sessions = {
    sustainability: await session({
      title: 'Pairings: sustainability and natural resources',
      kind: 'presentations',
      startsAt: '2019-10-08T09:30',
      endsAt: '2019-10-08T11:00',
      roomId: plenary.id,
      themeId: themes.sustainability.id,
      chairs: [{ personId: chairs[0].id }],
    }),
    coffee: await session({ title: 'Coffee break', kind: 'break', startsAt: '2019-10-08T11:00', endsAt: '2019-10-08T11:30' }),
    industry: await session({
      title: 'Pairings: industry modernisation',
      kind: 'presentations',
      startsAt: '2019-10-08T11:30',
      endsAt: '2019-10-08T13:00',
      roomId: plenary.id,
      themeId: themes.industry.id,
      chairs: [{ personId: chairs[1].id }],
    }),
    discussion: await session({
      title: 'Future innovation in the regions',
      kind: 'discussion',
      startsAt: '2019-10-08T14:30',
      endsAt: '2019-10-08T16:00',
      roomId: roomB.id,
      chairs: [{ personId: chairs[0].id, role: 'moderator' }],
    }),
    workshop: await session({
      title: 'Research and Innovation Smart Specialisation Strategy',
      kind: 'workshop',
      startsAt: '2019-10-09T09:30',
      endsAt: '2019-10-09T12:30',
      roomId: plenary.id,
      hostOrganisation: HOST,
    }),
    siteVisit: await session({
      title: 'Visit to the JRC laboratories',
      kind: 'other',
      startsAt: '2019-10-09T14:00',
      endsAt: '2019-10-09T15:30',
      hostOrganisation: HOST,
    }),
    closing: await session({
      title: 'Crafting regional development policies together',
      kind: 'panel',
      startsAt: '2019-10-09T16:00',
      endsAt: '2019-10-09T17:30',
      roomId: plenary.id,
      hostOrganisation: HOST,
    }),
  };
  const presentations = [];
  for (let i = 0; i < LATIN_AMERICAN_REGIONS.length; i++) {
    const [lead, partner] = pairingPresenters(i);
    const sustainability = i < 10;
    presentations.push(
      await post(`${base}/presentations`, {
        title: `${normaliseRegion(lead.region)} and ${partner.region}: joint results`,
        sessionId: sustainability ? sessions.sustainability.id : sessions.industry.id,
        themeId: sustainability ? themes.sustainability.id : themes.industry.id,
        presenters: [
          { ...lead, role: 'lead' },
          { ...partner, role: 'co' },
        ],
      }),
    );
  }
  await post(`${base}/agenda/versions`, { note: 'Programme' });
  // Version 2: the discussion moves half an hour later, the JRC visit is cancelled.
  await http
    .patch(`${base}/sessions/${sessions.discussion.id}`)
    .set('Authorization', auth)
    .send({ startsAt: '2019-10-08T15:00', endsAt: '2019-10-08T16:30' })
    .expect(200);
  await http
    .delete(`${base}/sessions/${sessions.siteVisit.id}`)
    .set('Authorization', auth)
    .expect((res) => {
      if (res.status >= 300) throw new Error(`cancelling the visit answered ${res.status}: ${res.text}`);
    });
  await post(`${base}/agenda/versions`, { note: SECOND_VERSION_NOTE });
  return { event, base, themes, rooms: { plenary, roomB }, chairs, sessions, presentations };
}

/** An organiser upload of a small PDF as a presentation's materials. */
export async function uploadMaterials(http: Http, auth: string, base: string, presentationId: string): Promise<{ uploadedAt: string }> {
  const { body, contentType } = multipartBody([{ fileName: 'Joint results.pdf', contentType: 'application/pdf', content: pdfFile() }]);
  const response = await http
    .post(`${base}/presentations/${presentationId}/materials`)
    .set('Authorization', auth)
    .set('Content-Type', contentType)
    .send(body)
    .expect(201);
  return response.body;
}
