import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BrowserContext, Page } from 'playwright-core';
import { z } from 'zod';
import { DASHBOARD_ENUMS } from '../../../src/web/i18n/dashboard-enums';
import { logInTo } from '../../support/dashboard-login';
import { attendee } from '../../support/future-event';
import { SECOND_VERSION_NOTE, buildRegionMeeting } from '../../support/region-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { seriousA11yViolations, useBrowser } from '../../support/browser';
import { waitFor } from '../../support/wait-for';

/**
 * Every page of the dashboard, as templates (`:id` stands for any id): the crawl must reach each
 * (so a page that drops its link, or a new page nobody links, fails here), and every page it
 * reaches is checked for raw API values and field names, in English and Spanish, and with axe.
 */
const DASHBOARD_PAGES = [
  '/dashboard',
  '/dashboard/events/:id',
  '/dashboard/events/:id/settings',
  '/dashboard/events/:id/settings/postpone',
  '/dashboard/events/:id/settings/cancel',
  '/dashboard/events/:id/members',
  '/dashboard/events/:id/members/:id/remove',
  '/dashboard/events/:id/audit',
  '/dashboard/events/:id/outcomes',
  '/dashboard/events/:id/agenda',
  '/dashboard/events/:id/agenda/sessions/:id',
  '/dashboard/events/:id/timetable',
  '/dashboard/events/:id/rooms-themes',
  '/dashboard/events/:id/rooms-themes/rooms/:id',
  '/dashboard/events/:id/rooms-themes/rooms/:id/delete',
  '/dashboard/events/:id/rooms-themes/themes/:id',
  '/dashboard/events/:id/rooms-themes/themes/:id/delete',
  '/dashboard/events/:id/presentations',
  '/dashboard/events/:id/presentations/new',
  '/dashboard/events/:id/presentations/:id/edit',
  '/dashboard/events/:id/presentations/:id/delete',
  '/dashboard/events/:id/presentations/invite-all',
  '/dashboard/events/:id/questions',
  '/dashboard/events/:id/registrations',
  '/dashboard/events/:id/registrations/import',
  '/dashboard/events/:id/letters',
  '/dashboard/events/:id/check-in',
  '/dashboard/events/:id/badges',
  '/dashboard/events/:id/door-list',
  '/dashboard/events/:id/emails',
  '/dashboard/events/:id/emails/:id',
  '/dashboard/events/:id/email-texts',
  '/dashboard/events/:id/email-texts/registration-confirmed/es',
  '/dashboard/events/:id/announcements/new',
  '/dashboard/events/:id/reminders',
  '/dashboard/events/:id/reminders/:id/edit',
  '/dashboard/events/:id/reminders/:id/preview',
  '/dashboard/events/:id/reminders/:id/delete',
  '/dashboard/events/:id/reports',
  '/dashboard/events/:id/reports/:id',
  '/dashboard/events/:id/certificates',
  '/login',
  '/forgot-password',
];

/** Text people wrote through the API in the seed, in English whatever the page's language (the outbox's subjects are added once sent). */
const PEOPLE_TEXT = [SECOND_VERSION_NOTE];

/** Pages of a visitor not logged in (a logged-in organiser is sent on to the dashboard), visited directly. */
const ENTRY_PAGES = ['/login', '/forgot-password'];

/** Words an English enum value shows as on a Spanish page that forgot to label it. */
const ENGLISH_ENUM_WORDS = [
  'confirmed',
  'waitlisted',
  'pending',
  'cancelled',
  'rejected',
  'queued',
  'sending',
  'sent',
  'failed',
  'bounced',
  'owner',
  'organiser',
  'draft',
  'published',
  'scheduled',
  'compiling',
  'completed',
  'invited',
  'declined',
  'submitted',
  'accepted',
  'withdrawn',
  'enabled',
  'disabled',
  'presenters',
  'moderator',
  'keynote',
  'workshop',
];

type Schema = { _zod?: { def: Record<string, unknown> & { type: string } } };

/** Enum values and object keys anywhere inside a zod schema. */
function walk(schema: Schema, found: { values: Set<string>; keys: Set<string> }, seen: Set<unknown>): void {
  if (!schema?._zod || seen.has(schema)) return;
  seen.add(schema);
  const def = schema._zod.def;
  if (def.type === 'enum') for (const value of Object.values(def.entries as Record<string, unknown>)) found.values.add(String(value));
  if (def.type === 'literal') for (const value of def.values as unknown[]) found.values.add(String(value));
  if (def.type === 'object') {
    for (const [key, inner] of Object.entries(def.shape as Record<string, Schema>)) {
      found.keys.add(key);
      walk(inner, found, seen);
    }
  }
  for (const name of ['innerType', 'element', 'in', 'out', 'left', 'right', 'valueType', 'keyType', 'schema']) {
    if (def[name]) walk(def[name] as Schema, found, seen);
  }
  for (const name of ['options', 'items']) for (const inner of (def[name] as Schema[] | undefined) ?? []) walk(inner, found, seen);
}

/** Every zod schema the API's modules export (request DTOs and responses), read from the source tree. */
function apiVocabulary(): { values: string[]; fieldNames: string[] } {
  const src = join(__dirname, '..', '..', '..', 'src');
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'web' && entry.name !== 'cli') visit(path);
      else if (/(\.dto|\.response)\.ts$/.test(entry.name)) files.push(path);
    }
  };
  visit(src);
  const found = { values: new Set<string>(), keys: new Set<string>() };
  const seen = new Set<unknown>();
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(file) as Record<string, unknown>;
    for (const value of Object.values(module)) if (value instanceof z.ZodType) walk(value as unknown as Schema, found, seen);
  }
  expect(files.map((file) => relative(src, file)).length).toBeGreaterThan(20);
  for (const values of Object.values(DASHBOARD_ENUMS)) for (const value of values) found.values.add(value);
  return {
    values: [...found.values].filter((value) => /^[a-z][a-z0-9]*([_-][a-z0-9]+)+$/.test(value)),
    fieldNames: [...found.keys].filter((key) => /^[a-z]+[A-Z][A-Za-z]*$/.test(key)),
  };
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wordsIn = (text: string, words: string[], flags = '') =>
  words.filter((word) => new RegExp(`(?<![\\w-])${escape(word)}(?![\\w-])`, flags).test(text));

/** The little of the DOM the page-side code below touches (the tests compile without the DOM library). */
interface DomElement {
  getAttribute(name: string): string | null;
  closest(selector: string): DomElement | null;
  remove(): void;
}
interface DomDocument {
  documentElement: { lang: string };
  title: string;
  body: { innerText: string };
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
}

/** What a person reads on the page: its text and the names given to controls, but not text in another language or shown verbatim (a recipient's message). */
async function pageWords(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as { document: DomDocument };
    const lang = document.documentElement.lang;
    for (const other of document.querySelectorAll('body [lang]')) {
      if (other.getAttribute('lang') !== lang && !other.closest('nav.languages')) other.remove();
    }
    // A message as its recipient got it (an outbox subject) is shown as sent, in whatever language that was.
    for (const verbatim of document.querySelectorAll('body [translate="no"]')) verbatim.remove();
    for (const languages of document.querySelectorAll('nav.languages')) languages.remove();
    const named = [...document.querySelectorAll('[aria-label], [title], [placeholder]')].map((el) =>
      ['aria-label', 'title', 'placeholder'].map((name) => el.getAttribute(name) ?? '').join(' '),
    );
    return `${document.title}\n${document.body.innerText}\n${named.join('\n')}`;
  });
}

const template = (path: string) => path.replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=\/|$)/g, '/:id');

describe('the dashboard in people words', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  const vocabulary = { values: [] as string[], fieldNames: [] as string[] };
  let eventId: string;
  let cancelledCode: string;
  let context: BrowserContext;
  let page: Page;
  let guest: Page;

  beforeAll(async () => {
    Object.assign(vocabulary, apiVocabulary());
    const auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const meeting = await buildRegionMeeting(ctx.app.http, auth, { capacity: 3 });
    eventId = meeting.event.id;
    const api = (method: 'post', path: string, body: object, status = 201) =>
      ctx.app.http[method](path).set('Authorization', auth).send(body).expect(status);
    const registered = [];
    for (let i = 0; i < 5; i++) registered.push((await api('post', `${meeting.base}/registrations`, attendee())).body);
    await api('post', `${meeting.base}/registrations/${registered[4].id}/cancel`, {}, 200);
    cancelledCode = registered[4].checkInCode;
    await api('post', `${meeting.base}/check-ins`, { code: registered[0].checkInCode, day: '2019-10-08' });
    await api('post', `${meeting.base}/reminder-rules`, {
      name: 'Materials, please',
      anchor: 'fixed',
      offsetMinutes: 0,
      fixedAt: '2099-01-10T09:00',
      audience: 'presenters_missing_materials',
    });
    await api('post', `${meeting.base}/reminder-rules`, {
      name: 'Before each session',
      anchor: 'session_start',
      offsetMinutes: -60,
      audience: 'session_signups',
    });
    const report = (await api('post', `${meeting.base}/reports`, {}, 202)).body;
    await waitFor(
      'the report to compile',
      async () => (await ctx.app.http.get(`${meeting.base}/reports/${report.id}`).set('Authorization', auth)).body.status === 'completed',
    );
    // The outbox shows each message's subject as its recipient got it, in the recipient's language.
    for (let cursor: string | null = ''; cursor !== null;) {
      const response = await ctx.app.http
        .get(`${meeting.base}/emails?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', auth)
        .expect(200);
      const emails = response.body as { items: Array<{ subject: string }>; nextCursor: string | null };
      PEOPLE_TEXT.push(...emails.items.map((email) => email.subject));
      cursor = emails.nextCursor;
    }
    context = await browsers.newContext();
    page = await logInTo(context, ctx.app.plenary.url as string, ADMIN.email, ADMIN.password, '/dashboard');
    guest = await (await browsers.newContext()).newPage();
  });

  afterAll(async () => {
    await context?.close();
    await guest?.context().close();
  });

  function withLang(path: string, language: string): string {
    const url = new URL(path, ctx.app.plenary.url as string);
    url.searchParams.set('lang', language);
    return url.toString();
  }

  /** Every page reachable by links from the dashboard and the event's pages: GET, same origin, no downloads. */
  async function crawl(language: string): Promise<Map<string, string>> {
    const origin = ctx.app.plenary.url as string;
    const queue = ['/dashboard', `/dashboard/events/${eventId}`];
    const visited = new Map<string, string>();
    for (const path of ENTRY_PAGES) {
      const response = await guest.goto(withLang(path, language));
      expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
      visited.set(path, await pageWords(guest));
    }
    while (queue.length > 0 && visited.size < 200) {
      const path = queue.shift() as string;
      if (visited.has(path)) continue;
      const response = await page.goto(withLang(path, language));
      expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
      visited.set(path, await pageWords(page));
      const links: string[] = await page.$$eval('a[href]:not([download])', (anchors) =>
        anchors.map((a) => (a as unknown as { href: string }).href),
      );
      for (const link of links) {
        const target = new URL(link);
        if (target.origin !== new URL(origin).origin) continue;
        if (!target.pathname.startsWith('/dashboard/events/') && target.pathname !== '/dashboard') continue;
        if (target.pathname.startsWith('/dashboard/events/') && !target.pathname.startsWith(`/dashboard/events/${eventId}`)) continue;
        if (/\/report\.(html|csv|xlsx|json)$|\.(ics|csv|xlsx|zip|json|pdf)$/.test(target.pathname)) continue;
        target.searchParams.delete('lang');
        const next = `${target.pathname}${target.search}`;
        if (!visited.has(next)) queue.push(next);
      }
    }
    return visited;
  }

  function problemsOn(text: string, language: string): string[] {
    const words = PEOPLE_TEXT.reduce((rest, written) => rest.split(written).join(' '), text);
    const problems = [
      ...wordsIn(words, vocabulary.values).map((value) => `raw value "${value}"`),
      ...wordsIn(words, vocabulary.fieldNames).map((field) => `field name "${field}"`),
      ...[...words.matchAll(/\b(?:label|dashboard|common)\.[a-zA-Z]+\.[\w.]+/g)].map(([key]) => `message key "${key}"`),
    ];
    if (language === 'es') problems.push(...wordsIn(words, ENGLISH_ENUM_WORDS, 'i').map((word) => `English word "${word}"`));
    return problems;
  }

  it.each(['en', 'es'])(
    'shows no raw value, field name or untranslated word on every dashboard page (%s)',
    async (language) => {
      const pages = await crawl(language);
      const reached = new Set([...pages.keys()].map((path) => template(new URL(path, 'http://x').pathname)));
      expect(DASHBOARD_PAGES.filter((path) => !reached.has(path))).toEqual([]);
      const found = [...pages].flatMap(([path, words]) => problemsOn(words, language).map((problem) => `${path}: ${problem}`));
      expect(found).toEqual([]);
    },
    180_000,
  );

  it.each(['en', 'es'])(
    'has no serious or critical accessibility violation on every dashboard page (%s)',
    async (language) => {
      const pages = await crawl(language);
      const violations = [];
      // One page per template: the same view with other ids or filters has the same markup.
      const perTemplate = new Map([...pages.keys()].map((path) => [template(new URL(path, 'http://x').pathname), path]));
      for (const path of perTemplate.values()) {
        const tab = ENTRY_PAGES.includes(path) ? guest : page;
        await tab.goto(withLang(path, language));
        for (const violation of await seriousA11yViolations(tab)) violations.push({ path, ...violation });
      }
      expect(violations).toEqual([]);
    },
    300_000,
  );

  it.each([
    [1366, 768],
    [375, 740],
  ])(
    'keeps the actions of the registrations, outbox, presentations, members, reminders and reports tables in view without scrolling the page sideways at %i px',
    async (width, height) => {
      await page.setViewportSize({ width, height });
      try {
        for (const tab of ['registrations', 'emails', 'presentations', 'members', 'reminders', 'reports']) {
          await page.goto(withLang(`/dashboard/events/${eventId}/${tab}`, 'es'));
          const layout = await page.evaluate(() => {
            const { document, innerWidth } = globalThis as unknown as {
              document: {
                documentElement: { scrollWidth: number };
                querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { left: number; right: number } }>;
              };
              innerWidth: number;
            };
            const cells = Array.from(document.querySelectorAll('td.actions')).map((cell) => cell.getBoundingClientRect());
            return {
              innerWidth,
              pageWidth: document.documentElement.scrollWidth,
              cells: cells.map((c) => ({ left: c.left, right: c.right })),
            };
          });
          expect(layout.cells.length).toBeGreaterThan(0);
          expect(layout.pageWidth).toBeLessThanOrEqual(layout.innerWidth);
          for (const cell of layout.cells) {
            expect(cell.left).toBeGreaterThanOrEqual(0);
            expect(cell.right).toBeLessThanOrEqual(layout.innerWidth);
          }
          // Each action can be clicked where it is: nothing covers it.
          for (const action of await page.locator('td.actions a, td.actions button').all()) await action.click({ trial: true });
        }
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    },
  );

  it("answers at the desk and beside the reminder form in the page's language", async () => {
    await page.goto(withLang(`/dashboard/events/${eventId}/check-in?day=2019-10-09`, 'es'));
    await page.getByLabel('Código de acceso').fill(cancelledCode);
    await page.getByRole('button', { name: 'Registrar llegada' }).click();
    const refusal = page.locator('.big-result.refused');
    await expect(refusal.textContent()).resolves.toMatch(/No admitido[\s\S]*fue cancelada\./);
    await page.getByLabel('Código de acceso').fill('ZZZZ-0000');
    await page.getByRole('button', { name: 'Registrar llegada' }).click();
    await expect(refusal.textContent()).resolves.toMatch(/Código desconocido[\s\S]*ZZZZ-0000/);

    await page.goto(withLang(`/dashboard/events/${eventId}/reminders`, 'es'));
    await page.getByLabel('Cantidad').fill('0.5');
    await page.getByLabel('Unidad').selectOption('minutes');
    await page.getByRole('button', { name: 'Crear la regla' }).click();
    await expect(page.locator('#f-name-error').textContent()).resolves.toBe('«Nombre» es obligatorio.');
    await expect(page.locator('#f-offsetMinutes-error').textContent()).resolves.toBe('«Cantidad»: indique un número entero de minutos.');
    await expect(page.locator('#form-errors').textContent()).resolves.toContain('Corrija los campos señalados abajo.');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('names the API values it looks for from the schemas themselves', () => {
    expect(vocabulary.values).toEqual(
      expect.arrayContaining(['public_authority', 'presenters_missing_materials', 'event_start', 'not_invited']),
    );
    expect(vocabulary.fieldNames).toEqual(expect.arrayContaining(['startsAt', 'organisationType', 'offsetMinutes']));
  });
});
