import { BrowserContext, Page } from 'playwright-core';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { logInTo } from '../../support/dashboard-login';
import { attendee, createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

describe('organiser dashboard in a browser: event settings with co-organisers, and every set-up page accessible in English and Spanish', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;
  let context: BrowserContext;
  let page: Page;
  let event: Awaited<ReturnType<typeof createOpenEvent>>;

  const url = (path: string) => `${ctx.app.plenary.url}${path}`;
  const eventPath = (tab: string) => `/dashboard/events/${event.id}/${tab}`;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    event = await createOpenEvent(ctx.app.http, auth, { title: 'EU–Latin America region-to-region meeting' });
    await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .set('Authorization', auth)
      .send(attendee({ name: 'Camila Chile', countryCode: 'CL' }))
      .expect(201);
    await ctx.app.http
      .post(`/events/${event.id}/outcomes`)
      .set('Authorization', auth)
      .send({ label: 'Missions undertaken', value: 40 })
      .expect(201);
    await ctx.app.http
      .post(`/events/${event.id}/highlights`)
      .set('Authorization', auth)
      .send({ quote: 'Regions learn fastest from regions.', attribution: 'A delegate from Biobío' })
      .expect(201);
    await ctx.app.http
      .post(`/events/${event.id}/members`)
      .set('Authorization', auth)
      .send({ email: 'olga@region.test', role: 'organiser' })
      .expect(201);
    context = await browsers.newContext();
    page = await logInTo(context, ctx.app.plenary.url as string, ADMIN.email, ADMIN.password, eventPath('settings'));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('edits the settings with two co-organisers, the second added with "Add another co-organiser", and a zone picked from the list', async () => {
    await page.getByLabel('Description').fill('Two days of regions presenting joint results, the second co-organised with the JRC.');
    await page.getByLabel('Name').first().fill('Joint Research Centre');
    await page.getByLabel('Web address').first().fill('https://joint-research-centre.ec.europa.eu');
    await page.getByRole('button', { name: 'Add another co-organiser' }).click();
    await page.locator('#f-coName1').waitFor();
    await expect(page.locator('#f-coName0').inputValue()).resolves.toBe('Joint Research Centre');
    await page.locator('#f-coName1').fill('Committee of the Regions');
    await page.locator('#f-coUrl1').fill('cor.europa.eu');
    await page.getByLabel(/^Time zone/).fill('Europe/Madrid');
    await page.getByRole('button', { name: 'Save settings' }).last().click();

    // The address without its scheme is refused beside it; everything typed stays.
    await expect(page.locator('#f-coUrl1-error').textContent()).resolves.toBe('Enter a web address starting with http:// or https://.');
    await expect(page.locator('#f-coName1').inputValue()).resolves.toBe('Committee of the Regions');
    await expect(page.getByLabel(/^Time zone/).inputValue()).resolves.toBe('Europe/Madrid');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-settings-errors');

    await page.locator('#f-coUrl1').fill('https://cor.europa.eu');
    // Enter in a field saves (the first button of the form is Save).
    await page.locator('#f-coUrl1').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('done') === 'saved');
    await page.getByRole('status').getByText('The settings are saved.').waitFor();
    const saved = (await ctx.app.http.get(`/events/${event.id}`).set('Authorization', auth).expect(200)).body;
    expect(saved.coOrganisers).toEqual([
      { name: 'Joint Research Centre', url: 'https://joint-research-centre.ec.europa.eu' },
      { name: 'Committee of the Regions', url: 'https://cor.europa.eu' },
    ]);
    expect(saved.timezone).toBe('Europe/Madrid');
    // The same wall-clock times, now read in Madrid.
    expect(saved.startsAt).toMatch(/T09:00:00\+0[12]:00$/);
    await screenshot(page, 'dashboard-settings-saved');
  });

  it.each(['en', 'es'] as const)('passes axe on every set-up page in %s', async (language) => {
    const members = (await ctx.app.http.get(`/events/${event.id}/members`).set('Authorization', auth).expect(200)).body.items;
    const olga = members.find((m: { email: string }) => m.email === 'olga@region.test');
    const [outcome] = (await ctx.app.http.get(`/events/${event.id}/outcomes`).set('Authorization', auth).expect(200)).body.items;
    const [highlight] = (await ctx.app.http.get(`/events/${event.id}/highlights`).set('Authorization', auth).expect(200)).body.items;
    const pages = [
      '/dashboard',
      eventPath('settings'),
      eventPath('settings/postpone'),
      eventPath('settings/cancel'),
      eventPath('members'),
      eventPath(`members/${olga.id}/remove`),
      eventPath('outcomes'),
      eventPath(`outcomes/outcomes/${outcome.id}`),
      eventPath(`outcomes/outcomes/${outcome.id}/delete`),
      eventPath(`outcomes/highlights/${highlight.id}`),
      eventPath(`outcomes/highlights/${highlight.id}/delete`),
    ];
    for (const path of pages) {
      const response = await page.goto(url(`${path}?lang=${language}`));
      expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
      expect({ path, violations: await seriousA11yViolations(page) }).toEqual({ path, violations: [] });
    }

    // The postponement's preview, with its consequences and notice, in the page's language.
    await page.goto(url(`${eventPath('settings/postpone')}?lang=${language}`));
    await page.getByRole('button', { name: language === 'en' ? 'Preview the consequences' : 'Ver las consecuencias' }).click();
    await page.locator('.notice-text').waitFor();
    expect(await page.locator('.notice-subject').textContent()).toContain(
      language === 'en' ? 'The event has new dates' : 'El evento tiene nuevas fechas',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, `dashboard-postpone-preview-${language}`);
    // A phone: the consequences stay readable inside the page's width.
    await page.setViewportSize({ width: 390, height: 800 });
    const overflows = await page.evaluate(() => {
      const { document, window } = globalThis as unknown as {
        document: { documentElement: { scrollWidth: number } };
        window: { innerWidth: number };
      };
      return document.documentElement.scrollWidth > window.innerWidth;
    });
    expect(overflows).toBe(false);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
