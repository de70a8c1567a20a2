import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, Page } from 'playwright-core';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { logInTo } from '../../support/dashboard-login';
import { createSeedMeeting } from '../../support/seed-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

describe('organiser dashboard in a browser: CSV import, bulk approve, and every registrations page in English and Spanish', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;
  let meeting: Awaited<ReturnType<typeof createSeedMeeting>>;
  let organiser: BrowserContext;
  let page: Page;

  const path = (rest: string) => `/dashboard/events/${meeting.event.id}${rest}`;
  const url = (rest: string) => `${ctx.app.plenary.url}${path(rest)}`;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    meeting = await createSeedMeeting(ctx.app.http, auth);
    await ctx.app.http.post(`${meeting.base}/publish`).set('Authorization', auth).expect(200);
    organiser = await browsers.newContext();
    page = await logInTo(organiser, ctx.app.plenary.url as string, ADMIN.email, ADMIN.password, path('/registrations/import'));
  });

  afterAll(async () => {
    await organiser?.close();
  });

  it('imports a CSV chosen in the page and shows the refused line with its number and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-import-'));
    const file = join(dir, 'attendees.csv');
    writeFileSync(
      file,
      [
        'name,email,organisation,organisation_type,country_code,status',
        'Valentina Soto,valentina@region.test,Gobierno Regional de O’Higgins,public_authority,CL,pending',
        'Matías Pérez,matias@region.test,Universidad de Piura,university_research,PE,pending',
        'Nobody Known,nobody-at-all,Somewhere,business,ES,pending',
        'Klaus Weber,klaus@region.test,Land Brandenburg,public_authority,DE,pending',
      ].join('\n'),
    );
    await page.getByLabel('CSV file (up to 10 MB)').setInputFiles(file);
    await page.getByLabel('Email each person their confirmation').uncheck();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.locator('#import-summary').waitFor();
    await expect(page.locator('#import-summary').textContent()).resolves.toContain('4 line(s) read: 3 imported, 1 refused.');
    const refused = page.locator('table.import-refused tbody tr');
    await expect(refused.count()).resolves.toBe(1);
    await expect(refused.locator('td').nth(0).textContent()).resolves.toBe('4');
    await expect(refused.locator('td').nth(2).textContent()).resolves.toBe(
      'Email address: Enter an email address such as name@example.org.',
    );
    await expect(page.locator('table.import-imported tbody tr').count()).resolves.toBe(3);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-registrations-import-report');
  });

  it('selects the pending registrations, confirms and approves them in bulk, and shows the summary', async () => {
    await page.goto(url('/registrations?status=pending'));
    await page.getByRole('link', { name: 'Select all on this page' }).click();
    await page.waitForURL((u) => u.searchParams.get('select') === 'all');
    await expect(page.locator('input[name="registrationId"]:checked').count()).resolves.toBe(3);
    await page.getByLabel('Select Klaus Weber').uncheck();
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/registrations/bulk'));
    await expect(page.locator('h1').textContent()).resolves.toBe('Approve 2 registration(s)?');
    expect(await page.textContent('main')).toContain('Valentina Soto');
    expect(await page.textContent('main')).not.toContain('Klaus Weber');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-registrations-bulk-confirm');

    await page.getByRole('button', { name: 'Approve 2' }).click();
    await page.locator('#bulk-summary').waitFor();
    await expect(page.locator('#bulk-summary').textContent()).resolves.toBe('2 approved');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-registrations-bulk-done');
    const pending = await ctx.app.http.get(`${meeting.base}/registrations?status=pending`).set('Authorization', auth).expect(200);
    expect(pending.body.items.map((r: { name: string }) => r.name)).toEqual(['Klaus Weber']);
  });

  it('passes axe on each registrations page in English and in Spanish', async () => {
    await ctx.app.http
      .post(`${meeting.base}/questions`)
      .set('Authorization', auth)
      .send({ key: 'days', label: 'Which days will you come?', type: 'multi_choice', options: ['Tuesday', 'Wednesday'] })
      .expect(201);
    const [question] = (await ctx.app.http.get(`${meeting.base}/questions`).expect(200)).body.items;
    const klaus = (await ctx.app.http.get(`${meeting.base}/registrations?q=klaus`).set('Authorization', auth).expect(200)).body.items[0];
    const pages = [
      '',
      '/search?q=piura',
      '/questions',
      `/questions/${question.id}`,
      `/questions/${question.id}/delete`,
      '/registrations',
      '/registrations/import',
      `/registrations/bulk?action=check_in&registrationId=${klaus.id}`,
    ];
    for (const language of ['en', 'es']) {
      for (const rest of pages) {
        await page.goto(url(`${rest}${rest.includes('?') ? '&' : '?'}lang=${language}`));
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
        expect({ page: rest, language, violations: await seriousA11yViolations(page) }).toEqual({ page: rest, language, violations: [] });
      }
    }
    await page.goto(url('?lang=es'));
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Inscripciones a lo largo del tiempo');
    expect(main).toContain('Administración pública');
    expect(main).not.toMatch(/public_authority|university_research|\bconfirmed\b/);
    await screenshot(page, 'dashboard-overview-es');
    await page.goto(url('/questions?lang=en'));
    await page.getByRole('button', { name: 'Add the question' }).click();
    await expect(page.locator('#f-label-error').textContent()).resolves.toBe('Write the question.');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
