/**
 * `npm run demo`: the region-to-region meeting of the seed, end to end,
 * through Plenary's public API only. The organiser builds the meeting (two
 * days, two themes, twenty pairings, a second day co-organised with the JRC),
 * presenters open their invitation emails and upload their materials, a few
 * hundred attendees register (some land on the waiting list), the organisers
 * open more places and the first on the waiting list are promoted, an
 * attendee from Peru is issued a visa invitation letter, a reminder goes out,
 * attendees check in on both days, the organiser records outcomes, a feedback
 * survey goes to those checked in and most answer it, attendance certificates
 * are issued, and the post-event report (with the survey's results) is compiled.
 * The steps after the event are in demo-after-event.ts, the letter in demo-visa-letter.ts.
 *
 * Every person is played from the emails they receive: the `.eml` files of
 * the embedded runtime (`<PLENARY_DATA_DIR>/mail`), or a Mailpit inbox when
 * MAILPIT_URL is set. When nothing answers on PUBLIC_URL (or localhost:PORT)
 * the demo starts `node dist/main.js` itself — embedded runtime, a fresh
 * temporary data directory, RATE_LIMIT_PER_MINUTE=0 — and stops it at the
 * end. Against a running Plenary it logs in with PLENARY_ADMIN_EMAIL and
 * PLENARY_ADMIN_PASSWORD and registers most attendees through the organisers'
 * import, so the public rate limit is not in the way.
 *
 * Env: DEMO_ATTENDEES (300), DEMO_CAPACITY (250).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { feedbackSurvey, issueCertificates } from './demo-after-event';
import { Api, pool, until } from './demo-http';
import { EmlMailbox, Mail, MailpitMailbox, carries, tokenIn } from './demo-mail';
import { elapsed, progress, say, started, step } from './demo-output';
import type { Attendee, Demo, Meeting, Target } from './demo-run';
import { visaLetter } from './demo-visa-letter';

const ATTENDEES = Number(process.env.DEMO_ATTENDEES ?? 300);
const CAPACITY = Number(process.env.DEMO_CAPACITY ?? 250);
const EXTRA_PLACES = 12;
const PUBLIC_WHEN_ATTACHED = 10;
const HOST = "European Commission's Joint Research Centre";

// ------------------------------------------------------------------ the Plenary to drive

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1500) });
    return response.status === 200 && (response.headers.get('content-type') ?? '').includes('json');
  } catch {
    return false;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolveFree(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

async function target(): Promise<Target> {
  const port = Number(process.env.PORT || 3000);
  const url = (process.env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (await answers(url)) {
    const email = process.env.PLENARY_ADMIN_EMAIL;
    const password = process.env.PLENARY_ADMIN_PASSWORD;
    if (!email || !password) {
      throw new Error(
        `A Plenary answers on ${url}. Set PLENARY_ADMIN_EMAIL and PLENARY_ADMIN_PASSWORD (an organiser account) to run the demo against it, or stop it and the demo starts its own.`,
      );
    }
    const mailbox = process.env.MAILPIT_URL
      ? new MailpitMailbox(process.env.MAILPIT_URL.replace(/\/+$/, ''))
      : new EmlMailbox(resolve(process.env.PLENARY_DATA_DIR || './data', 'mail'));
    return { api: new Api(url), admin: { email, password }, mailbox, startedHere: false, dataDir: null, stop: async () => undefined };
  }

  const listenPort = (await portIsFree(port)) ? port : await anyFreePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'plenary-demo-'));
  const admin = { email: 'organiser@plenary.localhost', password: randomBytes(12).toString('base64url') };
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(DATABASE_URL|REDIS_URL|SMTP_URL|QUEUE_BACKEND|PLENARY_ROLE|MIGRATIONS_RUN)$/.test(name)) delete env[name];
  }
  Object.assign(env, {
    PLENARY_DATA_DIR: dataDir,
    PORT: String(listenPort),
    PUBLIC_URL: `http://localhost:${listenPort}`,
    RATE_LIMIT_PER_MINUTE: '0',
    PLENARY_ADMIN_EMAIL: admin.email,
    PLENARY_ADMIN_PASSWORD: admin.password,
    PLENARY_LOG_LEVEL: 'warn',
  });
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, '..', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const base = `http://127.0.0.1:${listenPort}`;
  say(`nothing answers on ${url}: starting Plenary (embedded runtime) on port ${listenPort}, data in ${dataDir}`);
  await until(
    'Plenary to start',
    async () => {
      if (gone) throw new Error(`Plenary exited while starting:\n${output.join('')}`);
      return answers(base);
    },
    120_000,
    250,
  );
  return {
    api: new Api(base),
    admin,
    mailbox: new EmlMailbox(join(dataDir, 'mail')),
    startedHere: true,
    dataDir,
    async stop() {
      if (!gone) child.kill('SIGTERM');
      await exited;
    },
  };
}

// ------------------------------------------------------------------ the meeting

interface Place {
  region: string;
  countryCode: string;
}

const LATIN_AMERICA: Array<Place & { lead?: { name: string; organisation: string } }> = [
  { region: 'O’Higgins', countryCode: 'CL', lead: { name: 'Ignacio Tello', organisation: "O'Higgins Regional Government" } },
  { region: 'Biobío', countryCode: 'CL' },
  { region: 'Maule', countryCode: 'CL' },
  { region: 'Valparaíso', countryCode: 'CL' },
  { region: 'Piura', countryCode: 'PE', lead: { name: 'Javier Bereche', organisation: 'Piura Chamber of Commerce' } },
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

const EUROPE: Place[] = [
  { region: 'Andalucía', countryCode: 'ES' },
  { region: 'Emilia-Romagna', countryCode: 'IT' },
  { region: 'Galicia', countryCode: 'ES' },
  { region: 'Occitanie', countryCode: 'FR' },
  { region: 'Baden-Württemberg', countryCode: 'DE' },
  { region: 'Norte', countryCode: 'PT' },
  { region: 'Gelderland', countryCode: 'NL' },
  { region: 'Flanders', countryCode: 'BE' },
  { region: 'Toscana', countryCode: 'IT' },
  { region: 'Nouvelle-Aquitaine', countryCode: 'FR' },
  { region: 'Sachsen', countryCode: 'DE' },
  { region: 'Centro', countryCode: 'PT' },
  { region: 'Noord-Brabant', countryCode: 'NL' },
  { region: 'Wallonia', countryCode: 'BE' },
  { region: 'Małopolska', countryCode: 'PL' },
  { region: 'Lapland', countryCode: 'FI' },
  { region: 'Västra Götaland', countryCode: 'SE' },
  { region: 'País Vasco', countryCode: 'ES' },
  { region: 'Lombardia', countryCode: 'IT' },
  { region: 'Bretagne', countryCode: 'FR' },
];

const FIRST_NAMES = [
  'Ana',
  'Bruno',
  'Carla',
  'Diego',
  'Elena',
  'Felipe',
  'Gabriela',
  'Hugo',
  'Inés',
  'João',
  'Karin',
  'Luca',
  'María',
  'Nils',
  'Olga',
  'Pedro',
  'Rosa',
  'Sofia',
  'Tomás',
  'Ursula',
];
const LAST_NAMES = [
  'Silva',
  'Moreau',
  'Rossi',
  'García',
  'Müller',
  'Novak',
  'Costa',
  'Janssen',
  'Kowalski',
  'Ruiz',
  'Peeters',
  'Lindqvist',
  'Ortega',
  'Dubois',
  'Ferreira',
  'Virtanen',
  'Santos',
];
const ORGANISATION_TYPES = [
  'public_authority',
  'public_authority',
  'university_research',
  'business',
  'ngo',
  'international_organisation',
  'other',
];
const TIMEZONE = 'Europe/Brussels';

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
const localDay = (daysAhead: number) => new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);

function attendees(run: string): Attendee[] {
  const places = [...LATIN_AMERICA, ...EUROPE, { region: 'Brussels-Capital', countryCode: 'BE' }];
  return Array.from({ length: ATTENDEES }, (_, i) => {
    const place = places[(i * 7) % places.length];
    const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 3) % LAST_NAMES.length]}`;
    return {
      name,
      email: `${slug(name)}.${i + 1}.${run}@attendees.example`,
      organisation: `${place.region.replace('’', "'")} ${['Development Agency', 'University', 'Chamber of Commerce', 'Innovation Cluster'][i % 4]}`,
      organisationType: ORGANISATION_TYPES[i % ORGANISATION_TYPES.length],
      region: place.region,
      countryCode: place.countryCode,
      language: ['es', 'pt', 'en', 'fr'][i % 4],
    };
  });
}

/** A small one-page PDF, built by hand. */
function pdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function multipart(fileName: string, content: Buffer): { contentType: string; data: Buffer } {
  const boundary = `----plenary-demo-${randomBytes(8).toString('hex')}`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    data: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
        'latin1',
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1'),
    ]),
  };
}

function csvLine(values: string[]): string {
  return values.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}

// ------------------------------------------------------------------ the demo

/** The themes, rooms and chairs the sessions are built from. */
interface Setting {
  sustainability: any;
  industry: any;
  plenaryHall: any;
  roomB: any;
  chair: any;
  jrcChair: any;
}

interface Pairing {
  id: string;
  title: string;
  lead: string;
  partner: string;
}

async function createEvent(demo: Demo): Promise<Meeting> {
  const day1 = localDay(21);
  const day2 = localDay(22);
  const event = await demo.api.json('POST', '/events', {
    ...demo.as,
    body: {
      title: 'IUC region-to-region meeting',
      description: 'Latin American regions join their European counterparts to present the results of their regional cooperation.',
      timezone: TIMEZONE,
      startsAt: `${day1}T09:00`,
      endsAt: `${day2}T17:30`,
      venue: 'Brussels',
      capacity: CAPACITY,
      materialsDueAt: `${localDay(14)}T18:00`,
      coOrganisers: [{ name: HOST, url: 'https://joint-research-centre.ec.europa.eu' }],
      defaultReminders: false,
    },
  });
  return { event, base: `/events/${event.id}`, day1, day2 };
}

async function createSetting({ api, as, run }: Demo, { base }: Meeting): Promise<Setting> {
  const sustainability = await api.json('POST', `${base}/themes`, {
    ...as,
    body: { name: 'Sustainability and innovation in natural resource management', colour: '#2e7d32' },
  });
  const industry = await api.json('POST', `${base}/themes`, {
    ...as,
    body: { name: 'Industry modernisation and innovation', colour: '#1565c0' },
  });
  const plenaryHall = await api.json('POST', `${base}/rooms`, { ...as, body: { name: 'Plenary hall', capacity: 260 } });
  const roomB = await api.json('POST', `${base}/rooms`, { ...as, body: { name: 'Room B', capacity: 80 } });
  const chair = await api.json('POST', `${base}/people`, {
    ...as,
    body: {
      name: 'Ana Moreau',
      email: `ana.moreau.${run}@iuc.example`,
      organisation: 'IUC-LAC',
      organisationType: 'international_organisation',
      region: 'Brussels-Capital',
      countryCode: 'BE',
    },
  });
  const jrcChair = await api.json('POST', `${base}/people`, {
    ...as,
    body: {
      name: 'Karin Lindqvist',
      email: `karin.lindqvist.${run}@jrc.example`,
      organisation: HOST,
      organisationType: 'international_organisation',
      region: 'Brussels-Capital',
      countryCode: 'BE',
    },
  });
  return { sustainability, industry, plenaryHall, roomB, chair, jrcChair };
}

/** The programme of both days; returns the two pairing sessions the presentations go into. */
async function createSessions({ api, as }: Demo, { base, day1, day2 }: Meeting, setting: Setting): Promise<any[]> {
  const { sustainability, industry, plenaryHall, roomB, chair, jrcChair } = setting;
  const session = (body: Record<string, unknown>) => api.json('POST', `${base}/sessions`, { ...as, body });
  const pairingSessions = [
    await session({
      title: 'Pairings: sustainability and natural resources',
      kind: 'presentations',
      startsAt: `${day1}T09:30`,
      endsAt: `${day1}T11:00`,
      roomId: plenaryHall.id,
      themeId: sustainability.id,
      chairs: [{ personId: chair.id }],
    }),
    await session({
      title: 'Pairings: industry modernisation',
      kind: 'presentations',
      startsAt: `${day1}T11:30`,
      endsAt: `${day1}T13:00`,
      roomId: plenaryHall.id,
      themeId: industry.id,
      chairs: [{ personId: chair.id }],
    }),
  ];
  await session({ title: 'Coffee break', kind: 'break', startsAt: `${day1}T11:00`, endsAt: `${day1}T11:30` });
  await session({
    title: 'Future innovation in the regions',
    kind: 'discussion',
    startsAt: `${day1}T14:30`,
    endsAt: `${day1}T16:00`,
    roomId: roomB.id,
    chairs: [{ personId: chair.id, role: 'moderator' }],
  });
  await session({
    title: 'Research and Innovation Smart Specialisation Strategy',
    kind: 'workshop',
    startsAt: `${day2}T09:30`,
    endsAt: `${day2}T12:30`,
    roomId: plenaryHall.id,
    hostOrganisation: HOST,
    chairs: [{ personId: jrcChair.id }],
  });
  await session({
    title: 'Crafting regional development policies together',
    kind: 'panel',
    startsAt: `${day2}T14:00`,
    endsAt: `${day2}T16:00`,
    roomId: plenaryHall.id,
    hostOrganisation: HOST,
    chairs: [{ personId: jrcChair.id }],
  });
  return pairingSessions;
}

/** The i-th pairing: a Latin American region's lead presenting with a European partner. */
function pairing(i: number, run: string) {
  const la = LATIN_AMERICA[i];
  const eu = EUROPE[i];
  const laRegion = la.region.replace('’', "'");
  const leadName = la.lead?.name ?? `${FIRST_NAMES[(i + 3) % FIRST_NAMES.length]} ${LAST_NAMES[(i + 5) % LAST_NAMES.length]}`;
  const partnerName = `${FIRST_NAMES[(i + 11) % FIRST_NAMES.length]} ${LAST_NAMES[(i + 9) % LAST_NAMES.length]}`;
  const lead = `${slug(leadName)}.${run}@${slug(laRegion)}.example`;
  const partner = `${slug(partnerName)}.${run}@${slug(eu.region)}.example`;
  return {
    lead,
    partner,
    title: `${laRegion} and ${eu.region}: ${['smart specialisation', 'value chains', 'renewable energy', 'agri-food chains', 'tourism'][i % 5]}`,
    presenters: [
      {
        name: leadName,
        email: lead,
        organisation: la.lead?.organisation ?? `Regional Government of ${laRegion}`,
        organisationType: 'public_authority',
        region: la.region,
        countryCode: la.countryCode,
        role: 'lead',
        language: la.countryCode === 'BR' ? 'pt' : 'es',
      },
      {
        name: partnerName,
        email: partner,
        organisation: `${eu.region} Innovation Agency`,
        organisationType: i % 3 === 0 ? 'university_research' : 'public_authority',
        region: eu.region,
        countryCode: eu.countryCode,
        role: 'co',
      },
    ],
  };
}

async function createPairings(demo: Demo, { base }: Meeting, setting: Setting, pairingSessions: any[]): Promise<Pairing[]> {
  const presentations: Pairing[] = [];
  for (const i of LATIN_AMERICA.keys()) {
    const { lead, partner, title, presenters } = pairing(i, demo.run);
    const created = await demo.api.json('POST', `${base}/presentations`, {
      ...demo.as,
      body: {
        title,
        sessionId: pairingSessions[i < 10 ? 0 : 1].id,
        themeId: i < 10 ? setting.sustainability.id : setting.industry.id,
        presenters,
      },
    });
    presentations.push({ id: created.id, title: created.title, lead, partner });
  }
  return presentations;
}

async function buildMeeting(demo: Demo): Promise<Meeting & { presentations: Pairing[] }> {
  const { api, as } = demo;
  step('The organiser builds the meeting');
  const meeting = await createEvent(demo);
  const setting = await createSetting(demo, meeting);
  const pairingSessions = await createSessions(demo, meeting, setting);
  const presentations = await createPairings(demo, meeting, setting, pairingSessions);
  await api.json('POST', `${meeting.base}/publish`, as);
  const version = await api.json('POST', `${meeting.base}/agenda/versions`, { ...as, body: { note: 'Programme' } });
  say(`"${meeting.event.title}", ${meeting.day1} – ${meeting.day2} in Brussels, ${CAPACITY} places; day 2 co-organised with the JRC`);
  say(
    `2 themes, 6 sessions, ${presentations.length} pairings (${LATIN_AMERICA.length} Latin American regions from 6 countries with European partners); agenda version ${version.number} published`,
  );
  return { ...meeting, presentations };
}

/** Both presenters of a pairing open their invitation and confirm; the lead writes the results and uploads the PDF. */
async function presentPairing({ api, mailbox }: Demo, p: Pairing, uploads: boolean): Promise<void> {
  const invitation = await mailbox.find(p.lead, carries('/presenter'));
  const token = tokenIn(invitation, '/presenter');
  const mine = await api.json<{ items: Array<{ id: string }> }>('GET', '/me/presentations', { token });
  if (!mine.items.some((x) => x.id === p.id)) throw new Error(`${p.lead} does not see their presentation`);
  await api.json('POST', `/presentations/${p.id}/confirm`, { token });
  await api.json('PATCH', `/presentations/${p.id}`, {
    token,
    body: { sections: { results: 'A joint action plan with financing measures and delivery timelines.' } },
  });
  if (uploads)
    await api.json('POST', `/presentations/${p.id}/materials`, {
      token,
      raw: multipart('Joint results.pdf', pdf(p.title.replace(/[^\x20-\x7e]/g, '?'))),
    });
  const partnerMail = await mailbox.find(p.partner, carries('/presenter'));
  await api.json('POST', `/presentations/${p.id}/confirm`, { token: tokenIn(partnerMail, '/presenter') });
}

async function presentersConfirm(demo: Demo, presentations: Pairing[]): Promise<void> {
  step('Presenters are invited, open their emails, confirm and upload their materials');
  for (const p of presentations) await demo.api.json('POST', `/presentations/${p.id}/invitations`, { ...demo.as, body: {} });
  const uploading = presentations.length - 2;
  await pool(presentations, 4, (p, i) => presentPairing(demo, p, i < uploading), progress('presentations confirmed'));
  say(`${presentations.length * 2} presenters confirmed; ${uploading} pairings uploaded their PDF, 2 have not yet`);
}

async function registerPublicly({ api }: Demo, { base }: Meeting, people: Attendee[]): Promise<void> {
  await pool(
    people,
    6,
    async (person) => {
      const { language, ...form } = person;
      const answer = await api.json('POST', `${base}/registrations`, {
        body: {
          name: form.name,
          email: form.email,
          organisation: form.organisation,
          organisationType: form.organisationType,
          region: form.region,
          countryCode: form.countryCode,
          language,
        },
      });
      person.id = answer.id;
      person.status = answer.status;
    },
    progress('registered through the public form'),
  );
}

/** Against a running Plenary: most attendees through the organisers' import, the last few through the public form. */
async function registerByImport({ api, as }: Demo, { base }: Meeting, people: Attendee[]): Promise<void> {
  const imported = people.slice(0, ATTENDEES - PUBLIC_WHEN_ATTACHED);
  const csv = [
    'name,email,organisation,organisation_type,region,country_code,language',
    ...imported.map((p) => csvLine([p.name, p.email, p.organisation, p.organisationType, p.region, p.countryCode, p.language])),
  ].join('\n');
  const report = await api.json('POST', `${base}/registrations/import`, { ...as, raw: { contentType: 'text/csv', data: csv } });
  say(`${report.imported} entered by the organisers' import (the running Plenary limits public registrations per address)`);
  for (const person of people.slice(ATTENDEES - PUBLIC_WHEN_ATTACHED)) {
    const answer = await api.json('POST', `${base}/registrations`, {
      body: {
        name: person.name,
        email: person.email,
        organisation: person.organisation,
        organisationType: person.organisationType,
        region: person.region,
        countryCode: person.countryCode,
      },
    });
    person.status = answer.status;
  }
  say(`${PUBLIC_WHEN_ATTACHED} through the public form`);
}

/** Each attendee opens the email they got: confirmed with a check-in code, or on the waiting list. */
async function readRegistrationEmails({ api, mailbox }: Demo, people: Attendee[]): Promise<void> {
  await pool(
    people,
    8,
    async (person) => {
      const mail = await mailbox.find(person.email, carries('/my-registration'));
      person.mailId = mail.id;
      person.token = tokenIn(mail, '/my-registration');
      const me = await api.json<{ status: string; checkInCode: string }>('GET', '/registrations/me', { token: person.token });
      person.status = me.status;
      if (person.status === 'confirmed') person.code = me.checkInCode;
    },
    progress('attendees read their email'),
  );
}

async function attendeesRegister(demo: Demo, meeting: Meeting): Promise<Attendee[]> {
  step(`${ATTENDEES} attendees register`);
  const people = attendees(demo.run);
  if (demo.plenary.startedHere) await registerPublicly(demo, meeting, people);
  else await registerByImport(demo, meeting, people);
  await readRegistrationEmails(demo, people);
  const confirmed = people.filter((p) => p.status === 'confirmed');
  const waitlisted = people.filter((p) => p.status === 'waitlisted');
  say(`${confirmed.length} confirmed, ${waitlisted.length} on the waiting list`);
  return people;
}

async function waitingListMovesUp({ api, as, mailbox }: Demo, { base }: Meeting, people: Attendee[]): Promise<void> {
  step(`The organisers open ${EXTRA_PLACES} more places; the waiting list moves up`);
  const waitlisted = people.filter((p) => p.status === 'waitlisted');
  // (Attendees cancelling with their link would free places too, but in the embedded runtime a
  // cancellation currently waits on a second connection from inside its transaction and hangs.)
  await api.json('PATCH', base, { ...as, body: { capacity: CAPACITY + EXTRA_PLACES } });
  // Who moves up is the waiting list's business (first come, first served): each waiting attendee watches their inbox.
  const promoted = await until(
    'the waiting list to move up',
    async () => {
      const moved: Attendee[] = [];
      for (const person of waitlisted) {
        const mail = await mailbox.peek(person.email, (m) => m.id !== person.mailId && carries('/my-registration')(m));
        if (mail) {
          const me = await api.json<{ checkInCode: string }>('GET', '/registrations/me', { token: tokenIn(mail, '/my-registration') });
          person.code = me.checkInCode;
          moved.push(person);
        }
      }
      return moved.length >= Math.min(EXTRA_PLACES, waitlisted.length) ? moved : null;
    },
    60_000,
    300,
  );
  for (const person of promoted) person.status = 'confirmed';
  say(
    `${promoted.length} promoted from the waiting list, each emailed their check-in code; ${waitlisted.length - promoted.length} still waiting`,
  );
}

/** Returns those with a place, whom the reminder reached. */
async function remindEveryone({ api, as, mailbox }: Demo, { base }: Meeting, people: Attendee[]): Promise<Attendee[]> {
  step('A reminder goes out to everyone with a place');
  const attending = people.filter((p) => p.status === 'confirmed');
  await api.json('POST', `${base}/reminder-rules`, {
    ...as,
    body: {
      name: 'Practical information',
      anchor: 'fixed',
      fixedAt: new Date(Date.now() + 5000).toISOString(),
      audience: 'confirmed',
      subject: 'Practical information for the region-to-region meeting',
      message: 'Badges are handed out from 08:30 at the entrance of the Plenary hall. Bring your check-in code.',
    },
  });
  const sentReminders = await until(
    'the reminder to reach every confirmed attendee',
    async () => {
      const emails = await api.json<{ counts: { byKind: Record<string, Record<string, number>> } }>(
        'GET',
        `${base}/emails?kind=reminder&limit=1`,
        as,
      );
      const sent = emails.counts.byKind.reminder?.sent ?? 0;
      return sent >= attending.length ? sent : null;
    },
    120_000,
    500,
  );
  const reminder = await mailbox.find(attending[0].email, (m) => m.subject.includes('Practical information'));
  say(`${sentReminders} reminders sent; ${attending[0].name} received "${reminder.subject}"`);
  return attending;
}

/** Returns those checked in on either day. */
async function checkInBothDays({ api, as }: Demo, { base, day1, day2 }: Meeting, attending: Attendee[]): Promise<Attendee[]> {
  step('Attendees check in on both days');
  const days: Array<[string, Attendee[]]> = [
    [day1, attending.filter((_, i) => i % 9 !== 4)],
    [day2, attending.filter((_, i) => i % 4 !== 1)],
  ];
  for (const [day, arriving] of days) {
    await pool(arriving, 6, async (person) => {
      await api.json('POST', `${base}/check-ins`, { ...as, body: { code: person.code, day } });
    });
    say(`${day}: ${arriving.length} checked in at the door by their codes`);
  }
  return attending.filter((person) => days.some(([, arriving]) => arriving.includes(person)));
}

async function recordOutcomes({ api, as }: Demo, { base }: Meeting): Promise<void> {
  step('The organisers record outcomes and highlights');
  for (const outcome of [
    { label: 'missions undertaken', value: 40, note: 'over the year of cooperation' },
    { label: 'joint action plans', value: 20 },
    { label: 'pilot projects', value: 12 },
  ]) {
    await api.json('POST', `${base}/outcomes`, { ...as, body: outcome });
  }
  await api.json('POST', `${base}/highlights`, {
    ...as,
    body: {
      quote:
        'Cooperation through the IUC programme helps us internationalise our development strategy, enabling us to generate impact and economic development through innovation in our region.',
      attribution: "Ignacio Tello, Head of O'Higgins Regional Government Development and Industry Division",
    },
  });
  await api.json('POST', `${base}/highlights`, {
    ...as,
    body: {
      quote:
        'We were looking at which smart specialisation strategy we would adopt in Piura, and finally we chose one because it fits perfectly with the strategies of many regions of Europe.',
      attribution: 'Javier Bereche, Vice President, Piura Chamber of Commerce',
    },
  });
  say('missions undertaken: 40; joint action plans: 20; pilot projects: 12; two quotes');
}

async function compileReport({ api, as }: Demo, { base }: Meeting): Promise<any> {
  step('The post-event report is compiled');
  const requested = await api.json('POST', `${base}/reports`, as);
  say(`report version ${requested.version} ${requested.status}`);
  let last = -1;
  return until(
    'the report',
    async () => {
      const current = await api.json('GET', `${base}/reports/${requested.id}`, as);
      if (current.progress !== last) {
        last = current.progress;
        say(`${current.status} ${String(current.progress).padStart(3)} %`);
      }
      if (current.status === 'failed') throw new Error(`the report failed: ${current.error}`);
      return current.status === 'completed' ? current : null;
    },
    60_000,
    50,
  );
}

/** Downloads the report's HTML and CSV beside the demo's data; returns the HTML file. */
async function saveReport({ api, as, plenary }: Demo, { base, event }: Meeting, report: any): Promise<string> {
  const html = await api.call('GET', `${base}/reports/${report.id}.html`, as);
  const csv = await api.call('GET', `${base}/reports/${report.id}.csv`, as);
  const outDir = plenary.dataDir ?? (await mkdtemp(join(tmpdir(), 'plenary-demo-report-')));
  const htmlFile = join(outDir, `report-${event.slug}-v${report.version}.html`);
  const csvFile = join(outDir, `report-${event.slug}-v${report.version}.csv`);
  await writeFile(htmlFile, html.text);
  await writeFile(csvFile, csv.text);
  return htmlFile;
}

/** The report's figures, one line a section, as the summary prints them. */
function summaryRows(d: any): Array<[string, string]> {
  const area = (list: Array<{ area: string; regions: number; countries: number }>, name: string) => list.find((a) => a.area === name);
  const la = area(d.presentations.byArea, 'latin_america_caribbean');
  const eu = area(d.presentations.byArea, 'europe');
  return [
    [
      'People involved',
      `${d.people.involved} (${d.people.attendees} attendees, ${d.people.presenters} presenters, ${d.people.chairs} chairs, ${d.people.organisers} organiser${d.people.organisers === 1 ? '' : 's'})`,
    ],
    [
      'Registrations',
      `${d.registrations.total}: ${d.registrations.byStatus.confirmed} confirmed, ${d.registrations.byStatus.waitlisted} waiting, ${d.registrations.cancellations} cancelled, ${d.registrations.waitlistPromotions} promoted`,
    ],
    [
      'Attendance',
      `${d.attendance.byDay.map((x: { day: string; checkedIn: number }) => `${x.day}: ${x.checkedIn}`).join(', ')}; ${d.attendance.overEvent} over the event, ${d.registrations.noShows === null ? 'no-shows once it is over' : `${d.registrations.noShows} no-shows`}`,
    ],
    ['Regions', `${d.participation.regions} regions from ${d.participation.countries} countries took part`],
    [
      'Pairings',
      `${d.presentations.total} presentations: ${la ? `${la.regions} Latin American regions from ${la.countries} countries` : ''}${eu ? ` with ${eu.regions} European regions from ${eu.countries} countries` : ''}`,
    ],
    [
      'Materials',
      `${d.presentations.materials.onTime} on time, ${d.presentations.materials.late} late, ${d.presentations.materials.missing} missing`,
    ],
    [
      'Programme',
      `${d.programme.sessionsHeld} sessions held, ${d.programme.coOrganised.map((c: { host: string; sessions: number }) => `${c.sessions} co-organised with ${c.host}`).join('; ')}`,
    ],
    ['Emails', `${d.emails.total} (${d.emails.byStatus.sent} sent)`],
    ['Outcomes', d.outcomes.map((o: { label: string; value: string | number }) => `${o.label}: ${o.value}`).join('; ')],
    ...(d.surveys ?? []).map((s: any): [string, string] => [
      'Survey',
      `"${s.title}": ${s.responses} of ${s.invited} answered (${Math.round((s.responseRate ?? 0) * 100)} %)${s.questions[0]?.average ? `, overall ${s.questions[0].average} / 5` : ''}`,
    ]),
  ];
}

function printWhereToLook({ api, plenary, mailbox }: Demo, { base, event }: Meeting, report: any, htmlFile: string, ready: Mail): void {
  console.log(`\nOpen the report:`);
  console.log(`  ${htmlFile}   (printable page; CSV beside it)`);
  console.log(`  ${api.base}${base}/reports/${report.id}.html   (API, with the organiser's bearer token)`);
  console.log(`  "report ready" email: ${mailbox.locate(ready)}`);
  console.log(`\nIn a browser:`);
  console.log(`  ${api.base}/e/${event.slug}   (the public page with the published agenda)`);
  console.log(`  ${api.base}/dashboard/events/${event.id}   (the organisers' dashboard; log in at /login)`);
  if (plenary.startedHere) {
    console.log(`\nThe demo's Plenary is stopped; its data stays in ${plenary.dataDir}.`);
    console.log(
      `Browse it again: PLENARY_DATA_DIR=${plenary.dataDir} npm start   (organiser ${plenary.admin.email}, password ${plenary.admin.password})`,
    );
  }
}

async function reportTheMeeting(demo: Demo, meeting: Meeting): Promise<void> {
  const report = await compileReport(demo, meeting);
  const htmlFile = await saveReport(demo, meeting, report);
  const ready = await demo.mailbox.find(
    demo.plenary.admin.email,
    (m) => m.subject.startsWith('Report ready') && m.text.includes(report.id),
  );
  const d = report.data;
  console.log(`\n[${elapsed()}] Done. ${d.event.title}, ${d.event.days.join(' – ')}, compiled in ${report.durationMs} ms:\n`);
  for (const [label, value] of summaryRows(d)) console.log(`  ${label.padEnd(16)} ${value}`);
  printWhereToLook(demo, meeting, report, htmlFile, ready);
}

async function main(): Promise<void> {
  console.log('Plenary demo: the EU–Latin America region-to-region meeting, end to end through the public API');
  step('Plenary');
  const plenary = await target();
  const { api, mailbox } = plenary;
  const run = randomBytes(3).toString('hex');
  try {
    say(`${plenary.startedHere ? 'started' : 'using the running'} Plenary at ${api.base}; mail read from ${mailbox.where}`);
    const { token } = await api.json<{ token: string }>('POST', '/auth/login', { body: plenary.admin });
    const demo: Demo = { plenary, api, mailbox, as: { token }, run };
    const meeting = await buildMeeting(demo);
    await presentersConfirm(demo, meeting.presentations);
    const people = await attendeesRegister(demo, meeting);
    await waitingListMovesUp(demo, meeting, people);
    await visaLetter(demo, meeting, people);
    const attending = await remindEveryone(demo, meeting, people);
    const checkedIn = await checkInBothDays(demo, meeting, attending);
    await recordOutcomes(demo, meeting);
    await feedbackSurvey(demo, meeting, checkedIn);
    await issueCertificates(demo, meeting, checkedIn);
    await reportTheMeeting(demo, meeting);
  } finally {
    await plenary.stop();
  }
  console.log(`\nFinished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\nThe demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
