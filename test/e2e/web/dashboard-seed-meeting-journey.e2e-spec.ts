import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, Locator, Page } from 'playwright-core';
import { AxeViolation, screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { logInTo } from '../../support/dashboard-login';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

/** The seed's 8–9 October, next year, so that registration is open. */
const YEAR = new Date().getUTCFullYear() + 1;
const DAY_1 = `${YEAR}-10-08`;
const DAY_2 = `${YEAR}-10-09`;
const JRC = 'European Commission’s Joint Research Centre';
const SUSTAINABILITY = 'Sustainability and innovation in natural resource management';
const INDUSTRY = 'Industry modernisation and innovation';

interface Presenter {
  name: string;
  email: string;
  organisation: string;
  region: string;
  countryCode: string;
}

/** The four pairings: a lead and a co-presenter each, from Chile, Peru, Spain and Germany. */
const PAIRINGS: Array<{ title: string; session: string; theme: string; lead: Presenter; co: Presenter }> = [
  {
    title: 'O’Higgins and Castilla y León: internationalising a development strategy',
    session: SUSTAINABILITY,
    theme: SUSTAINABILITY,
    lead: {
      name: 'Ignacio Tello',
      email: 'ignacio.tello@gore-ohiggins.test',
      organisation: 'Gobierno Regional de O’Higgins',
      region: 'O’Higgins',
      countryCode: 'CL',
    },
    co: {
      name: 'Lucía Martín',
      email: 'lucia.martin@jcyl.test',
      organisation: 'Junta de Castilla y León',
      region: 'Castilla y León',
      countryCode: 'ES',
    },
  },
  {
    title: 'Piura and Sachsen-Anhalt: choosing a smart specialisation strategy',
    session: INDUSTRY,
    theme: INDUSTRY,
    lead: {
      name: 'Javier Bereche',
      email: 'javier.bereche@camara-piura.test',
      organisation: 'Cámara de Comercio de Piura',
      region: 'Piura',
      countryCode: 'PE',
    },
    co: {
      name: 'Jonas Schmidt',
      email: 'jonas.schmidt@sachsen-anhalt.test',
      organisation: 'Land Sachsen-Anhalt',
      region: 'Sachsen-Anhalt',
      countryCode: 'DE',
    },
  },
  {
    title: 'Andalucía and Biobío: renewable energy for agri-food chains',
    session: SUSTAINABILITY,
    theme: SUSTAINABILITY,
    lead: {
      name: 'Carmen Ruiz',
      email: 'carmen.ruiz@junta-andalucia.test',
      organisation: 'Junta de Andalucía',
      region: 'Andalucía',
      countryCode: 'ES',
    },
    co: {
      name: 'Rodrigo Fuentes',
      email: 'rodrigo.fuentes@gore-biobio.test',
      organisation: 'Gobierno Regional del Biobío',
      region: 'Biobío',
      countryCode: 'CL',
    },
  },
  {
    title: 'Baden-Württemberg and Arequipa: modernising industrial value chains',
    session: INDUSTRY,
    theme: INDUSTRY,
    lead: {
      name: 'Anna Keller',
      email: 'anna.keller@bw.test',
      organisation: 'Land Baden-Württemberg',
      region: 'Baden-Württemberg',
      countryCode: 'DE',
    },
    co: {
      name: 'Rosa Quispe',
      email: 'rosa.quispe@gore-arequipa.test',
      organisation: 'Gobierno Regional de Arequipa',
      region: 'Arequipa',
      countryCode: 'PE',
    },
  },
];
const PRESENTERS = PAIRINGS.flatMap((p) => [p.lead, p.co]);

/**
 * Enum values as the API spells them, which a Spanish page must never show. Not `break` or
 * `discussion`: the walk's own titles ("Coffee break") are English, as the organiser typed them.
 */
const ENGLISH_ENUM_WORDS = new RegExp(
  `\\b(${[
    ...['confirmed', 'waitlisted', 'pending', 'rejected', 'cancelled', 'postponed', 'owner', 'organiser', 'draft', 'published'],
    ...['scheduled', 'queued', 'sending', 'sent', 'failed', 'bounced', 'not_invited', 'invited', 'declined', 'submitted'],
    ...['accepted', 'withdrawn', 'missing', 'lead', 'co-presenter', 'chair', 'moderator', 'keynote', 'workshop', 'presenters'],
    ...['public_authority', 'university_research', 'event_start'],
  ].join('|')})\\b`,
  'g',
);

/**
 * Issue 14's first "Done when": the seed's meeting built from an empty event to
 * a published agenda, in a browser, only with the dashboard's pages. The API is
 * used only to log in the first organiser's token and to check what the pages did.
 */
describe('the seed meeting built in the dashboard from an empty event to a published and postponed agenda', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;
  let context: BrowserContext;
  let page: Page;
  let eventId: string;
  /** Every GET page the walk opened, to open again in Spanish. */
  const visited = new Set<string>();
  /** Serious and critical axe violations, by page, asserted empty at the end so one failure lists all. */
  const violations: Record<string, AxeViolation[]> = {};

  const base = () => ctx.app.plenary.url as string;
  const apiGet = async (path: string) => (await ctx.app.http.get(path).set('Authorization', auth).expect(200)).body;

  /** Runs axe on the page as it is shown now, keyed by its address (and what was done to reach it). */
  async function checkA11y(note = ''): Promise<void> {
    const url = new URL(page.url());
    const key = `${url.pathname}${url.search}${note ? ` (${note})` : ''}`;
    const found = await seriousA11yViolations(page);
    if (found.length > 0) violations[key] = found;
  }

  /** Remembers the page shown now (a GET page) for the Spanish walk, and checks it. */
  async function arrived(): Promise<void> {
    await page.waitForLoadState('domcontentloaded');
    const url = new URL(page.url());
    url.searchParams.delete('lang');
    visited.add(`${url.pathname}${url.search}`);
    await checkA11y();
  }

  /** Clicks and waits for the page it leads to, so nothing is read from the page left behind. */
  async function follow(target: Locator, until: (u: URL) => boolean = () => true): Promise<void> {
    await Promise.all([page.waitForEvent('load'), target.click()]);
    expect(until(new URL(page.url()))).toBe(true);
  }

  async function tab(name: string): Promise<void> {
    const link = page.getByRole('navigation', { name: 'Event sections' }).getByRole('link', { name, exact: true });
    const href = (await link.getAttribute('href')) as string;
    await follow(link, (u) => u.pathname === href);
    await arrived();
  }

  const submit = follow;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    context = await browsers.newContext();
    page = await logInTo(context, base(), ADMIN.email, ADMIN.password, '/dashboard');
    await arrived();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('creates the event from the events list and sets its description and co-organiser', async () => {
    await page.getByLabel('Title').fill('EU–Latin America region-to-region meeting');
    await page.getByLabel(/^Time zone/).fill('Europe/Brussels');
    await page.getByLabel('Starts').fill(`${DAY_1}T09:00`);
    await page.getByLabel('Ends').fill(`${DAY_2}T17:30`);
    await page.getByLabel('Venue').fill('Brussels');
    await page.getByLabel('Capacity').fill('250');
    await submit(page.getByRole('button', { name: 'Create event' }), (u) => /^\/dashboard\/events\/[^/]+$/.test(u.pathname));
    eventId = new URL(page.url()).pathname.split('/').pop() as string;
    await arrived();

    await tab('Settings');
    await page
      .getByLabel('Description')
      .fill(
        'The IUC programme’s third and final region-to-region meeting: Latin American regions and their European counterparts present the results of their cooperation.',
      );
    await page.getByRole('group', { name: 'Co-organiser 1' }).getByLabel('Name').fill(JRC);
    await page.getByRole('group', { name: 'Co-organiser 1' }).getByLabel('Web address').fill('https://joint-research-centre.ec.europa.eu');
    await submit(page.getByRole('button', { name: 'Save settings' }).last(), (u) => u.searchParams.get('done') === 'saved');
    await page.getByRole('status').getByText('The settings are saved.').waitFor();
    await checkA11y('saved');

    const event = await apiGet(`/events/${eventId}`);
    expect(event).toMatchObject({
      title: 'EU–Latin America region-to-region meeting',
      timezone: 'Europe/Brussels',
      venue: 'Brussels',
      capacity: 250,
      status: 'draft',
      coOrganisers: [{ name: JRC, url: 'https://joint-research-centre.ec.europa.eu' }],
    });
    expect(event.startsAt).toBe(`${DAY_1}T09:00:00+02:00`);
  });

  it('adds two rooms and the two themes with their colours', async () => {
    await tab('Rooms & themes');
    for (const [name, capacity] of [
      ['Plenary hall', '250'],
      ['Room B', '60'],
    ]) {
      await page.getByLabel('Room name').fill(name);
      await page.getByRole('form', { name: 'Add a room' }).getByLabel('Capacity').fill(capacity);
      await submit(page.getByRole('button', { name: 'Add room' }), (u) => u.searchParams.has('saved'));
      await page.getByText('Room added.').waitFor();
    }
    for (const [name, colour] of [
      [SUSTAINABILITY, '#2e7d32'],
      [INDUSTRY, '#1565c0'],
    ]) {
      await page.getByLabel('Theme name').fill(name);
      await page.getByLabel('Colour').fill(colour);
      await submit(page.getByRole('button', { name: 'Add theme' }), (u) => u.searchParams.get('saved') === 'theme-added');
      await page.getByText('Theme added.').waitFor();
    }
    await checkA11y('rooms and themes added');
    expect((await apiGet(`/events/${eventId}/rooms`)).items.map((r: { name: string }) => r.name)).toEqual(['Plenary hall', 'Room B']);
    expect((await apiGet(`/events/${eventId}/themes`)).items.map((t: { name: string; colour: string }) => [t.name, t.colour])).toEqual([
      [SUSTAINABILITY, '#2e7d32'],
      [INDUSTRY, '#1565c0'],
    ]);
  });

  it('adds the sessions of both days, a break among them and a day-2 session hosted by the Joint Research Centre', async () => {
    await tab('Agenda');
    const sessions = [
      {
        title: SUSTAINABILITY,
        kind: 'Presentations',
        startsAt: `${DAY_1}T09:30`,
        endsAt: `${DAY_1}T11:00`,
        room: 'Plenary hall',
        theme: SUSTAINABILITY,
      },
      { title: 'Coffee break', kind: 'Break', startsAt: `${DAY_1}T11:00`, endsAt: `${DAY_1}T11:30`, room: '', theme: '' },
      { title: INDUSTRY, kind: 'Presentations', startsAt: `${DAY_1}T11:30`, endsAt: `${DAY_1}T13:00`, room: 'Room B', theme: INDUSTRY },
      {
        title: 'Research and Innovation Smart Specialisation Strategy',
        kind: 'Discussion',
        startsAt: `${DAY_2}T09:30`,
        endsAt: `${DAY_2}T12:00`,
        room: 'Plenary hall',
        theme: SUSTAINABILITY,
        host: JRC,
        description: 'Future innovation in the regions, and crafting regional development policies with national and regional authorities.',
      },
    ];
    for (const session of sessions) {
      const form = page.getByRole('region', { name: 'Add a session' });
      await form.getByLabel('Title').fill(session.title);
      await form.getByLabel('Kind').selectOption({ label: session.kind });
      await form.getByLabel('Starts').fill(session.startsAt);
      await form.getByLabel('Ends').fill(session.endsAt);
      if (session.room) await form.getByLabel('Room').selectOption({ label: session.room });
      if (session.theme) await form.getByLabel('Theme').selectOption({ label: session.theme });
      if (session.host) await form.getByLabel('Host organisation').fill(session.host);
      if (session.description) await form.getByLabel('Description').fill(session.description);
      await submit(form.getByRole('button', { name: 'Add session' }));
      await page.locator('.agenda-session .session-title', { hasText: session.title }).first().waitFor();
    }
    await checkA11y('sessions added');
    await expect(page.locator('main').textContent()).resolves.toContain(`Hosted by ${JRC}`);

    const saved = (await apiGet(`/events/${eventId}/sessions`)).items as Array<Record<string, unknown>>;
    expect(saved.map((s) => [s.title, s.kind, s.startsAt])).toEqual([
      [SUSTAINABILITY, 'presentations', `${DAY_1}T09:30:00+02:00`],
      ['Coffee break', 'break', `${DAY_1}T11:00:00+02:00`],
      [INDUSTRY, 'presentations', `${DAY_1}T11:30:00+02:00`],
      ['Research and Innovation Smart Specialisation Strategy', 'discussion', `${DAY_2}T09:30:00+02:00`],
    ]);
    expect(saved[3].hostOrganisation).toBe(JRC);
  });

  it('creates the four presentations, each a pairing of a lead and a co-presenter', async () => {
    await tab('Presentations');
    for (const pairing of PAIRINGS) {
      await follow(page.getByRole('link', { name: 'New presentation' }), (u) => u.pathname.endsWith('/presentations/new'));
      await arrived();
      await page.getByLabel('Title').fill(pairing.title);
      const session = page.getByLabel('Session', { exact: true });
      await session.selectOption((await session.locator('option', { hasText: pairing.session }).getAttribute('value')) as string);
      await page.getByLabel('Theme').selectOption({ label: pairing.theme });
      for (const [n, person, role] of [
        [1, pairing.lead, 'Lead presenter'],
        [2, pairing.co, 'Co-presenter'],
      ] as const) {
        const row = page.getByRole('group', { name: `Presenter ${n}` });
        await row.getByLabel('Name').fill(person.name);
        await row.getByLabel('Email address').fill(person.email);
        await row.getByLabel('Organisation').fill(person.organisation);
        await row.getByLabel('Region').fill(person.region);
        await row.getByLabel('Country code').fill(person.countryCode);
        await row.getByLabel('Role').selectOption({ label: role });
      }
      await submit(page.getByRole('button', { name: 'Create presentation' }), (u) => u.pathname.endsWith('/presentations'));
      await page.getByText(pairing.title).first().waitFor();
    }
    await checkA11y('presentations added');

    const presentations = (await apiGet(`/events/${eventId}/presentations`)).items as Array<{
      title: string;
      presenters: Array<{ name: string; countryCode: string; role: string }>;
    }>;
    expect(presentations.map((p) => [p.title, p.presenters.map((x) => `${x.name} (${x.countryCode}) ${x.role}`)]).sort()).toEqual(
      PAIRINGS.map((p) => [p.title, [`${p.lead.name} (${p.lead.countryCode}) lead`, `${p.co.name} (${p.co.countryCode}) co`]]).sort(),
    );
  });

  it('adds a registration question and a second organiser as a member', async () => {
    await tab('Registration questions');
    await page.getByLabel(/^Question/).fill('Which region do you represent?');
    await page.getByLabel('Kind of answer').selectOption({ label: 'Text' });
    await page.getByLabel('People must answer it').check();
    await submit(page.getByRole('button', { name: 'Add the question' }), (u) => u.search.includes('saved') || u.search.includes('done'));
    await page.getByText('The question is added.').waitFor();
    await checkA11y('question added');
    // The API lists a form's questions once the event is published: checked after publishing.

    await tab('Members');
    await page.getByLabel('Email address').fill('olga.ortiz@iuc-lac.test');
    await page.getByLabel('Role').selectOption({ label: 'Organiser' });
    await submit(page.getByRole('button', { name: 'Add member' }));
    await page.getByText('olga.ortiz@iuc-lac.test is now a member and has been emailed an invitation to choose a password.').waitFor();
    await checkA11y('member added');
    const members = (await apiGet(`/events/${eventId}/members`)).items as Array<{ email: string; role: string }>;
    expect(members.map((m) => [m.email, m.role]).sort()).toEqual(
      [
        [ADMIN.email, 'owner'],
        ['olga.ortiz@iuc-lac.test', 'organiser'],
      ].sort(),
    );
    await ctx.smtp.waitForMail('olga.ortiz@iuc-lac.test');
  });

  it('invites every presenter in bulk, and the invitations arrive', async () => {
    await tab('Presentations');
    await follow(page.getByRole('link', { name: `Invite every presenter not yet invited (${PRESENTERS.length})` }), (u) =>
      u.pathname.endsWith('/presentations/invite-all'),
    );
    await arrived();
    await expect(page.locator('#bulk-count').textContent()).resolves.toBe(
      `${PRESENTERS.length} presenters will be emailed an invitation with their personal link.`,
    );
    await submit(page.getByRole('button', { name: `Invite ${PRESENTERS.length} presenters` }), (u) =>
      u.pathname.endsWith('/presentations'),
    );
    await page.getByText(`${PRESENTERS.length} invited.`).waitFor();
    await checkA11y('presenters invited');
    for (const presenter of PRESENTERS) {
      const [invitation] = await ctx.smtp.waitForMail(presenter.email);
      expect(invitation.text).toContain('/presenter?token=');
    }
  });

  it('composes an announcement to the presenters, previews its recipients and sends it', async () => {
    await tab('Emails');
    await follow(page.getByRole('link', { name: 'Write an announcement' }), (u) => u.pathname.endsWith('/announcements/new'));
    await arrived();
    await page.getByLabel('Audience').selectOption({ label: 'Presenters' });
    await page.locator('#f-subject').fill('Your presentation in Brussels');
    await page
      .locator('#f-message')
      .fill('Please bring the results of your pairing: the purposes, the pilot projects and the lessons learned.');
    await submit(
      page.getByRole('button', { name: 'Preview the announcement and its recipients' }),
      (u) => /\/announcements\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'),
    );
    await arrived();
    await expect(page.locator('main').textContent()).resolves.toContain('Ignacio Tello');
    await submit(page.getByRole('button', { name: `Send to ${PRESENTERS.length} recipient(s)` }), (u) =>
      /\/announcements\/[^/]+$/.test(u.pathname),
    );
    await page.getByText(/The announcement is (being sent|sent to)/).waitFor();
    await checkA11y('announcement sent');
    for (const presenter of PRESENTERS) {
      await ctx.smtp.waitForMail(presenter.email, 2);
      const subjects = ctx.smtp.for(presenter.email).map((m) => m.subject);
      expect(subjects.some((s) => s.startsWith('Your presentation in Brussels'))).toBe(true);
    }
  });

  it('imports a CSV of registrations and shows the one refused line in the page', async () => {
    await tab('Registrations');
    await follow(page.getByRole('link', { name: 'Import registrations from a CSV file' }), (u) =>
      u.pathname.endsWith('/registrations/import'),
    );
    await arrived();
    const file = join(mkdtempSync(join(tmpdir(), 'plenary-journey-')), 'region-to-region-attendees.csv');
    writeFileSync(
      file,
      [
        'name,email,organisation,organisation_type,region,country_code,status',
        'Valentina Soto,valentina.soto@region.test,Gobierno Regional de O’Higgins,public_authority,O’Higgins,CL,confirmed',
        'Matías Pérez,matias.perez@region.test,Universidad de Piura,university_research,Piura,PE,confirmed',
        'Nobody Known,nobody-at-all,Somewhere,business,,ES,confirmed',
        'Klaus Weber,klaus.weber@region.test,Land Brandenburg,public_authority,Brandenburg,DE,confirmed',
      ].join('\n'),
    );
    await page.getByLabel('CSV file (up to 10 MB)').setInputFiles(file);
    await page.getByLabel('Email each person their confirmation').uncheck();
    await submit(page.getByRole('button', { name: 'Import', exact: true }));
    await page.locator('#import-summary').waitFor();
    await expect(page.locator('#import-summary').textContent()).resolves.toContain('4 line(s) read: 3 imported, 1 refused.');
    const refused = page.locator('table.import-refused tbody tr');
    await expect(refused.count()).resolves.toBe(1);
    await expect(refused.locator('td').nth(0).textContent()).resolves.toBe('4');
    await expect(refused.textContent()).resolves.toContain('Enter an email address such as name@example.org');
    await checkA11y('import report');
    const registrations = (await apiGet(`/events/${eventId}/registrations`)).items as Array<{ email: string; status: string }>;
    expect(registrations.map((r) => [r.email, r.status]).sort()).toEqual([
      ['klaus.weber@region.test', 'confirmed'],
      ['matias.perez@region.test', 'confirmed'],
      ['valentina.soto@region.test', 'confirmed'],
    ]);
  });

  it('publishes the event and its agenda, and the public programme shows the sessions', async () => {
    await tab('Overview');
    await submit(page.getByRole('button', { name: 'Publish the event' }), (u) => u.pathname === `/dashboard/events/${eventId}`);
    await page.getByText('The event is published.').waitFor();
    await checkA11y('event published');

    await tab('Agenda');
    await page.getByLabel('Note for this version').fill('First programme of the region-to-region meeting');
    await submit(page.getByRole('button', { name: 'Publish version' }));
    await page.getByText('Version published.').waitFor();
    await checkA11y('agenda published');
    const versions = (await apiGet(`/events/${eventId}/agenda/versions`)).items;
    expect(versions).toHaveLength(1);
    expect((await apiGet(`/events/${eventId}/questions`)).items).toMatchObject([
      { label: 'Which region do you represent?', type: 'text', required: true },
    ]);

    const { slug } = await apiGet(`/events/${eventId}`);
    await page.goto(`${base()}/e/${slug}`);
    await arrived();
    const programme = await page.locator('main').textContent();
    for (const title of [
      SUSTAINABILITY,
      'Coffee break',
      INDUSTRY,
      'Research and Innovation Smart Specialisation Strategy',
      PAIRINGS[0].title,
    ]) {
      expect(programme).toContain(title);
    }
    await screenshot(page, 'journey-seed-meeting-public-programme');
  });

  it('postpones the event by a week, previewing the notice and the new dates before confirming', async () => {
    await page.goto(`${base()}/dashboard/events/${eventId}`);
    await tab('Settings');
    await follow(page.getByRole('link', { name: 'Postpone the event…' }), (u) => u.pathname.endsWith('/settings/postpone'));
    await arrived();

    // The preview is a form's answer, not a page to open again: previewed in Spanish here, then in English to confirm.
    await page.goto(`${page.url()}?lang=es`);
    await page.getByLabel('Nuevo inicio').fill(`${YEAR}-10-15T09:00`);
    await page.getByLabel('Nuevo final').fill(`${YEAR}-10-16T17:30`);
    await submit(page.getByRole('button', { name: 'Ver las consecuencias' }));
    await expect(page.locator('.new-dates').textContent()).resolves.toMatch(/15 oct.*16 oct/is);
    await expect(page.locator('.notice-subject').textContent()).resolves.toContain('El evento tiene nuevas fechas');
    await expect(page.locator('.recipient-total').textContent()).resolves.toBe(
      `Personas que reciben el aviso por correo: ${3 + PRESENTERS.length}`,
    );
    await checkA11y('postponement previewed, es');
    await page.goto(`${base()}/dashboard/events/${eventId}/settings/postpone?lang=en`);

    await page.getByLabel('New start').fill(`${YEAR}-10-15T09:00`);
    await page.getByLabel('New end').fill(`${YEAR}-10-16T17:30`);
    await submit(page.getByRole('button', { name: 'Preview the consequences' }));
    await page.locator('.notice-text').waitFor();
    await expect(page.locator('.new-dates').textContent()).resolves.toMatch(/15 Oct.*16 Oct/s);
    await expect(page.locator('.notice-subject').textContent()).resolves.toContain('The event has new dates');
    await expect(page.locator('.recipient-total').textContent()).resolves.toBe(
      `People who receive the notice by email: ${3 + PRESENTERS.length}`,
    );
    await checkA11y('postponement previewed');
    await screenshot(page, 'journey-seed-meeting-postpone-preview');

    await submit(page.getByRole('button', { name: 'Postpone the event and send the notice' }), (u) => u.pathname.endsWith('/settings'));
    await page.getByRole('status').getByText('The event is postponed; the notice is on its way to everyone concerned.').waitFor();
    await checkA11y('postponed');
    const event = await apiGet(`/events/${eventId}`);
    expect([event.startsAt, event.endsAt]).toEqual([`${YEAR}-10-15T09:00:00+02:00`, `${YEAR}-10-16T17:30:00+02:00`]);
    const [notice] = await ctx.smtp.waitForMail('valentina.soto@region.test');
    expect(notice.subject).toContain('The event has new dates');
  });

  it('shows every page of the walk in Spanish, without English enum words', async () => {
    const english: Record<string, string[]> = {};
    for (const path of visited) {
      const url = new URL(path, base());
      url.searchParams.set('lang', 'es');
      const response = await page.goto(url.toString());
      expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
      await checkA11y('es');
      // Each English word with the text around it, so a failure says where it is shown.
      // The outbox shows each email's subject as its recipient read it, in the recipient's language: not the page's words.
      const text = ctx.smtp.received.reduce((left, mail) => left.split(mail.subject).join(' '), await page.locator('main').innerText());
      const found = [...text.matchAll(ENGLISH_ENUM_WORDS)].map((m) => text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30));
      if (found.length > 0) english[path] = found;
    }
    expect(english).toEqual({});
    await page.goto(`${base()}/dashboard?lang=en`);
  });

  it('passed axe on every page it visited, in English and in Spanish', () => {
    // The tabs and pages of every area the journey crosses.
    const areas = [
      ...['', '/settings', '/settings/postpone', '/rooms-themes', '/agenda', '/members', '/questions'],
      ...['/presentations', '/presentations/new', '/presentations/invite-all'],
      ...['/emails', '/announcements/new', '/registrations', '/registrations/import'],
    ];
    expect(areas.filter((area) => !visited.has(`/dashboard/events/${eventId}${area}`))).toEqual([]);
    expect(visited.has('/dashboard')).toBe(true);
    expect(violations).toEqual({});
  });
});
