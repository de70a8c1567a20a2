import { TestApp } from './test-app';

type Http = TestApp['http'];

/**
 * The seed's meeting built through the API: Brussels, 8–9 October 2019, two
 * themes, two rooms, pairings of a Latin American and a European region
 * presenting joint work, a break, a discussion, and a second day hosted by the
 * European Commission's research centre.
 */
export async function createSeedMeeting(http: Http, auth: string) {
  const post = async (path: string, body: object) => (await http.post(path).set('Authorization', auth).send(body).expect(201)).body;
  const event = await post('/events', {
    title: 'IUC region-to-region meeting',
    timezone: 'Europe/Brussels',
    startsAt: '2019-10-08T09:00',
    endsAt: '2019-10-09T17:30',
    venue: 'Brussels',
    coOrganisers: [{ name: "European Commission's Joint Research Centre", url: 'https://joint-research-centre.ec.europa.eu' }],
  });
  const base = `/events/${event.id}`;
  const sustainability = await post(`${base}/themes`, {
    name: 'Sustainability and innovation in natural resource management',
    colour: '#2e7d32',
  });
  const industry = await post(`${base}/themes`, { name: 'Industry modernisation and innovation', colour: '#1565c0' });
  const plenary = await post(`${base}/rooms`, { name: 'Plenary hall', capacity: 220 });
  const roomB = await post(`${base}/rooms`, { name: 'Room B', capacity: 60 });
  const chair = await post(`${base}/people`, {
    name: 'Ana Moreau',
    email: 'ana.moreau@iuc.test',
    organisation: 'IUC-LAC',
    organisationType: 'international_organisation',
    region: 'Brussels-Capital',
    countryCode: 'BE',
  });
  const session1 = await post(`${base}/sessions`, {
    title: 'Pairings: sustainability and natural resources',
    kind: 'presentations',
    startsAt: '2019-10-08T09:30',
    endsAt: '2019-10-08T11:00',
    roomId: plenary.id,
    themeId: sustainability.id,
    chairs: [{ personId: chair.id }],
  });
  const coffee = await post(`${base}/sessions`, {
    title: 'Coffee break',
    kind: 'break',
    startsAt: '2019-10-08T11:00',
    endsAt: '2019-10-08T11:30',
  });
  const session2 = await post(`${base}/sessions`, {
    title: 'Pairings: industry modernisation',
    kind: 'presentations',
    startsAt: '2019-10-08T11:30',
    endsAt: '2019-10-08T13:00',
    roomId: plenary.id,
    themeId: industry.id,
  });
  const discussion = await post(`${base}/sessions`, {
    title: 'Future innovation in the regions',
    kind: 'discussion',
    startsAt: '2019-10-08T14:30',
    endsAt: '2019-10-08T16:00',
    roomId: roomB.id,
    chairs: [{ personId: chair.id, role: 'moderator' }],
  });
  const day2 = await post(`${base}/sessions`, {
    title: 'Research and Innovation Smart Specialisation Strategy',
    kind: 'workshop',
    startsAt: '2019-10-09T09:30',
    endsAt: '2019-10-09T12:30',
    roomId: plenary.id,
    hostOrganisation: "European Commission's Joint Research Centre",
    capacity: 40,
  });
  const ohiggins = await post(`${base}/presentations`, {
    title: "O'Higgins and its European partner: internationalising a development strategy",
    sessionId: session1.id,
    themeId: sustainability.id,
    purpose: 'Internationalise the regional development strategy.',
    presenters: [
      {
        name: 'Ignacio Tello',
        email: 'ignacio.tello@ohiggins.test',
        organisation: "O'Higgins Regional Government",
        region: 'O’Higgins',
        countryCode: 'CL',
        role: 'lead',
      },
      {
        name: 'Marta Ruiz',
        email: 'marta.ruiz@andalucia.test',
        organisation: 'Junta de Andalucía',
        region: 'Andalucía',
        countryCode: 'ES',
      },
    ],
  });
  const piura = await post(`${base}/presentations`, {
    title: 'Piura: choosing a smart specialisation strategy',
    sessionId: session1.id,
    themeId: sustainability.id,
    presenters: [
      {
        name: 'Javier Bereche',
        email: 'javier.bereche@piura.test',
        organisation: 'Piura Chamber of Commerce',
        region: 'Piura',
        countryCode: 'PE',
        role: 'lead',
      },
      {
        name: 'Luca Bianchi',
        email: 'luca.bianchi@emilia.test',
        organisation: 'Regione Emilia-Romagna',
        region: 'Emilia-Romagna',
        countryCode: 'IT',
      },
    ],
  });
  const valueChains = await post(`${base}/presentations`, {
    title: 'Agri-food value chains across the Atlantic',
    sessionId: session2.id,
    themeId: industry.id,
    presenters: [
      {
        name: 'Carla Souza',
        email: 'carla.souza@parana.test',
        organisation: 'Governo do Paraná',
        region: 'Paraná',
        countryCode: 'BR',
        role: 'lead',
      },
      {
        name: 'Jan de Vries',
        email: 'jan.devries@gelderland.test',
        organisation: 'Provincie Gelderland',
        region: 'Gelderland',
        countryCode: 'NL',
      },
    ],
  });
  return {
    event,
    base,
    themes: { sustainability, industry },
    rooms: { plenary, roomB },
    chair,
    sessions: { session1, coffee, session2, discussion, day2 },
    presentations: { ohiggins, piura, valueChains },
  };
}
