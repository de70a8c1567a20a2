import { readFileSync } from 'node:fs';
import { BrowserContext, Page } from 'playwright-core';
import { attendee, createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { waitFor } from '../../support/wait-for';
import { asBytes, cellText, xlsxRows } from '../../support/spreadsheet';
import { readCsv } from '../../../src/platform/http/csv-reader';

const OTHER = { email: 'olga@region.test', name: 'Olga Other', password: 'olga-password-1' };

describe('organiser dashboard: registrations, emails, reminders, reports', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;
  let event: Awaited<ReturnType<typeof createOpenEvent>>;
  let context: BrowserContext;
  let page: Page;

  const url = (path: string) => `${ctx.app.plenary.url}${path}`;
  const eventPath = (tab: string) => `/dashboard/events/${event.id}/${tab}`;
  const emailsTo = async (address: string) =>
    (await ctx.app.http.get(`/events/${event.id}/emails`).set('Authorization', auth).expect(200)).body.items.filter(
      (e: { to: string }) => e.to === address,
    ) as Array<{ id: string; status: string; attempts: number; subject: string }>;

  /** Logs in through the login form; the browser then holds the session cookie. */
  async function logIn(target: Page, email: string, password: string, next: string) {
    await target.goto(url(next));
    await target.waitForURL(/\/login\?next=/);
    await target.getByLabel('Email address').fill(email);
    await target.getByLabel('Password').fill(password);
    await target.getByRole('button', { name: 'Log in' }).click();
    await target.waitForURL((address) => address.pathname === next);
  }

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    await ctx.app.http.post('/organisers').set('Authorization', auth).send(OTHER).expect(201);
    context = await browsers.newContext();
    page = await context.newPage();
    await logIn(page, ADMIN.email, ADMIN.password, eventPath('registrations'));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('resends a failed email from the outbox page, and the outbox shows the new attempt', async () => {
    const person = attendee({ name: 'Fernanda Failed' });
    ctx.smtp.replyWith(550);
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(person).expect(201);
    const failed = await waitFor('the confirmation to fail', async () => (await emailsTo(person.email)).find((e) => e.status === 'failed'));

    await page.goto(url(`${eventPath('emails')}?status=failed`));
    const row = page.locator(`tr[data-email-id="${failed.id}"]`);
    expect(await row.locator('td').nth(3).textContent()).toContain('failed');
    expect(await row.locator('td').nth(5).textContent()).toMatch(/550/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'operations-emails-failed');

    await row.getByRole('button', { name: /^Resend/ }).click();
    await page.waitForURL(/\/emails\?resent=/);
    await page.getByRole('status').getByText('is queued to be sent again').waitFor();
    const [mail] = await ctx.smtp.waitForMail(person.email);
    expect(mail.subject).toBe(failed.subject);
    await waitFor('the resent email to be sent', async () => (await emailsTo(person.email)).find((e) => e.status === 'sent'));

    await page.goto(url(eventPath('emails')));
    const sentRow = page.locator(`tr[data-email-id="${failed.id}"]`);
    expect(await sentRow.locator('td').nth(3).textContent()).toContain('sent');
    expect(Number(await sentRow.locator('td').nth(4).textContent())).toBe(failed.attempts + 1);
    expect(await sentRow.getByRole('button', { name: /^Resend/ }).count()).toBe(0);
    await screenshot(page, 'operations-emails-resent');
  });

  it('filters the registrations table by status and search, exports the filtered rows as CSV, approves, rejects and adds a walk-in', async () => {
    const chile = attendee({ name: 'Camila Chile', countryCode: 'CL', region: 'Biobío' });
    const peru = attendee({ name: 'Pedro Peru' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(chile).expect(201);
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(peru).expect(201);
    const pending = await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .set('Authorization', auth)
      .send({ name: 'Paula Pending', email: 'paula@region.test', status: 'pending', notify: false })
      .expect(201);

    await page.goto(url(eventPath('registrations')));
    expect(await page.locator('#form-errors').count()).toBe(0);
    await page.getByLabel('Status').selectOption('pending');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=pending/);
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Paula Pending');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'operations-registrations-pending');

    await page.getByRole('button', { name: 'Approve Paula Pending' }).click();
    await page.getByText('The registration is approved.').waitFor();
    expect(await rows.count()).toBe(0);
    const approved = await ctx.app.http.get(`/events/${event.id}/registrations/${pending.body.id}`).set('Authorization', auth).expect(200);
    expect(approved.body.status).toBe('confirmed');
    const unwanted = await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .set('Authorization', auth)
      .send({ name: 'Ricardo Refused', email: 'ricardo@region.test', status: 'pending', notify: false })
      .expect(201);
    await page.reload();
    await page.getByRole('button', { name: 'Reject Ricardo Refused' }).click();
    await page.getByText('The registration is rejected.').waitFor();
    const rejected = await ctx.app.http.get(`/events/${event.id}/registrations/${unwanted.body.id}`).set('Authorization', auth).expect(200);
    expect(rejected.body.status).toBe('rejected');

    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Name, email or organisation').fill('camila');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/q=camila/);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Camila Chile');
    expect(await rows.first().textContent()).toContain('Biobío');
    await screenshot(page, 'operations-registrations-search');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export these registrations as CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    const fromApi = await ctx.app.http
      .get(`/events/${event.id}/registrations?q=camila`)
      .set('Authorization', auth)
      .set('Accept', 'text/csv');
    // People open this file in Excel, which needs the BOM to read UTF-8 (Biobío).
    expect(csv).toBe(`\uFEFF${fromApi.text}`);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(chile.email);
    expect(csv).not.toContain(peru.email);
    const [xlsxDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export these registrations as Excel (.xlsx)' }).click(),
    ]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/-registrations\.xlsx$/);
    const sheet = await xlsxRows(readFileSync((await xlsxDownload.path()) as string));
    expect(sheet.map((row) => row.map(cellText))).toEqual(readCsv(csv).map((row) => row.fields));

    await page.goto(url(eventPath('registrations')));
    await page.locator('#f-name').fill('Walter Walk-in');
    await page.getByLabel('Email address').fill('not-an-address');
    await page.getByRole('button', { name: 'Add the registration' }).click();
    expect(await page.locator('#f-email-error').textContent()).toBe('Enter an email address such as name@example.org.');
    expect(await page.locator('#f-name').inputValue()).toBe('Walter Walk-in');
    await screenshot(page, 'operations-registrations-walk-in-error');
    await page.getByLabel('Email address').fill('walter@region.test');
    await page.getByRole('button', { name: 'Add the registration' }).click();
    await page.getByText('The walk-in registration is added.').waitFor();
    expect(await page.locator('table tbody tr', { hasText: 'Walter Walk-in' }).count()).toBe(1);
  });

  it('creates a reminder rule through the page that the API then lists, with errors beside the fields, then previews, disables, edits and deletes it', async () => {
    await page.goto(url(eventPath('reminders')));
    expect(await page.locator('#form-errors').count()).toBe(0);
    await page.getByLabel('Amount').fill('2');
    await page.getByLabel('Unit').selectOption('days');
    await page.getByRole('button', { name: 'Create the rule' }).click();
    expect(await page.locator('#f-name-error').textContent()).toBe('Name is required.');
    expect(await page.getByLabel('Amount').inputValue()).toBe('2');
    await screenshot(page, 'operations-reminders-error');

    await page.getByLabel('Name').fill('Two days before');
    await page.getByLabel('Subject (optional: the standard one otherwise)').fill('See you in two days');
    await page.getByRole('button', { name: 'Create the rule' }).click();
    await page.getByText('The reminder rule is created.').waitFor();
    const rules = (await ctx.app.http.get(`/events/${event.id}/reminder-rules`).set('Authorization', auth).expect(200)).body.items;
    const rule = rules.find((r: { name: string }) => r.name === 'Two days before');
    expect(rule).toMatchObject({
      anchor: 'event_start',
      offsetMinutes: -2 * 24 * 60,
      audience: 'confirmed',
      enabled: true,
      subject: 'See you in two days',
    });
    const row = page.locator(`tr[data-rule-id="${rule.id}"]`);
    expect(await row.textContent()).toContain('2 days before the start of the event');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'operations-reminders-list');

    await row.getByRole('link', { name: 'Preview Two days before' }).click();
    const confirmed = (await ctx.app.http.get(`/events/${event.id}/registrations/counts`).set('Authorization', auth)).body.confirmed;
    expect(Number(await page.locator('.recipient-count').textContent())).toBe(confirmed);
    await page.getByText('Subject: See you in two days').waitFor();
    await screenshot(page, 'operations-reminders-preview');

    await page.goto(url(eventPath('reminders')));
    await row.getByRole('button', { name: 'Disable Two days before' }).click();
    await page.getByText('The reminder rule is disabled.').waitFor();
    expect((await ctx.app.http.get(`/events/${event.id}/reminder-rules/${rule.id}`).set('Authorization', auth)).body.enabled).toBe(false);

    await row.getByRole('link', { name: 'Edit Two days before' }).click();
    expect(await page.getByLabel('Enabled').isChecked()).toBe(false);
    await page.getByLabel('Amount').fill('0.5');
    await page.getByLabel('Unit').selectOption('minutes');
    await page.getByRole('button', { name: 'Save the rule' }).click();
    expect(await page.locator('#f-offsetMinutes-error').textContent()).toBe('Amount: give a whole number of minutes.');
    await page.getByLabel('Amount').fill('3');
    await page.getByLabel('Unit').selectOption('hours');
    await page.getByRole('button', { name: 'Save the rule' }).click();
    await page.getByText('The reminder rule is saved.').waitFor();
    const saved = (await ctx.app.http.get(`/events/${event.id}/reminder-rules/${rule.id}`).set('Authorization', auth)).body;
    expect(saved).toMatchObject({ offsetMinutes: -180, enabled: false, subject: 'See you in two days' });
    expect(await row.textContent()).toContain('3 hours before the start of the event');

    // Deleting asks first: the link leads to a confirmation page, and keeping the rule changes nothing.
    await row.getByRole('link', { name: 'Delete Two days before' }).click();
    await page.getByRole('heading', { name: 'Delete “Two days before”?' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Keep the rule' }).click();
    await ctx.app.http.get(`/events/${event.id}/reminder-rules/${rule.id}`).set('Authorization', auth).expect(200);
    await row.getByRole('link', { name: 'Delete Two days before' }).click();
    await page.getByRole('button', { name: 'Delete the rule' }).click();
    await page.getByText('The reminder rule is deleted.').waitFor();
    await ctx.app.http.get(`/events/${event.id}/reminder-rules/${rule.id}`).set('Authorization', auth).expect(404);
  });

  it('compiles a report from the page, follows its progress bar to done and opens the HTML report', async () => {
    await page.goto(url(eventPath('reports')));
    await page.getByRole('button', { name: 'Compile a new report' }).click();
    await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Open the report' }).waitFor({ state: 'visible' });
    expect(await page.getByRole('link', { name: 'Download Excel (.xlsx)' }).getAttribute('href')).toMatch(/\/report\.xlsx$/);
    expect(await page.locator('progress').getAttribute('max')).toBe('100');
    expect(await page.locator('progress').evaluate((bar) => (bar as unknown as { value: number }).value)).toBe(100);
    expect(await page.getByRole('status').textContent()).toBe('The report is ready.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'operations-report-done');

    const reports = (await ctx.app.http.get(`/events/${event.id}/reports`).set('Authorization', auth).expect(200)).body.items;
    expect(reports[0].status).toBe('completed');
    const apiHtml = await ctx.app.http.get(`/events/${event.id}/reports/${reports[0].id}.html`).set('Authorization', auth).expect(200);
    await page.getByRole('link', { name: 'Open the report' }).click();
    await page.waitForURL(/\/report\.html$/);
    expect(await page.content()).toContain(event.title);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const pageHtml = await ctx.app.http.get(new URL(page.url()).pathname).set('Cookie', cookie).expect(200);
    expect(pageHtml.text).toBe(apiHtml.text);
    const apiCsv = await ctx.app.http
      .get(`/events/${event.id}/reports/${reports[0].id}.csv?download=1`)
      .set('Authorization', auth)
      .expect(200);
    const pageCsv = await ctx.app.http
      .get(`${eventPath('reports')}/${reports[0].id}/report.csv`)
      .set('Cookie', cookie)
      .expect(200);
    expect(pageCsv.text).toBe(apiCsv.text);
    expect(pageCsv.text.startsWith('\uFEFFsection,key,value\r\n')).toBe(true);
    const apiXlsx = await asBytes(ctx.app.http.get(`/events/${event.id}/reports/${reports[0].id}.xlsx`).set('Authorization', auth)).expect(
      200,
    );
    const pageXlsx = await asBytes(ctx.app.http.get(`${eventPath('reports')}/${reports[0].id}/report.xlsx`).set('Cookie', cookie)).expect(
      200,
    );
    expect((await xlsxRows(pageXlsx.body as Buffer)).map((row) => row.map(cellText))).toEqual(
      (await xlsxRows(apiXlsx.body as Buffer)).map((row) => row.map(cellText)),
    );
    await screenshot(page, 'operations-report-html');

    await page.goto(url(eventPath('reports')));
    expect(await page.getByRole('link', { name: `Version ${reports[0].version}`, exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: `Open version ${reports[0].version}`, exact: true }).count()).toBe(1);
  });

  it('without scripts, the report page shows the state on each refresh', async () => {
    const noScript = await browsers.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await noScript.addCookies(await context.cookies());
    const plain = await noScript.newPage();
    await plain.goto(url(eventPath('reports')));
    await plain.getByRole('button', { name: 'Compile a new report' }).click();
    await plain.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
    const reportUrl = plain.url();
    const reportId = reportUrl.split('/').pop() as string;
    await waitFor(
      'the report to compile',
      async () =>
        (await ctx.app.http.get(`/events/${event.id}/reports/${reportId}`).set('Authorization', auth)).body.status === 'completed',
    );
    await plain.goto(reportUrl);
    expect(await plain.getByRole('status').textContent()).toBe('The report is ready.');
    expect(await plain.getByRole('link', { name: 'Open the report' }).isVisible()).toBe(true);
    await noScript.close();
  });

  it("opens /admin/queues with an administrator's session cookie and refuses another organiser's", async () => {
    const session = (await context.cookies()).find((c) => c.name === 'plenary_session');
    expect(session?.httpOnly).toBe(true);
    const queues = await page.goto(url('/admin/queues'));
    expect(queues?.status()).toBe(200);
    await screenshot(page, 'operations-admin-queues');

    const other = await browsers.newContext();
    const otherPage = await other.newPage();
    // Olga is no member of the event: she logs in on the way to a page she is then refused.
    await logIn(otherPage, OTHER.email, OTHER.password, eventPath('reports'));
    const refused = await otherPage.goto(url('/admin/queues'));
    expect(refused?.status()).toBe(403);
    await other.close();
    await ctx.app.http.get('/admin/queues').expect(401);
    await ctx.app.http.get('/admin/queues').set('Cookie', 'plenary_session=not-a-session').expect(401);
  });

  it('refuses a POST without the CSRF value and changes nothing', async () => {
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const before = (await ctx.app.http.get(`/events/${event.id}/reminder-rules`).set('Authorization', auth)).body.items.length;
    const refused = await ctx.app.http
      .post(eventPath('reminders'))
      .set('Cookie', cookie)
      .type('form')
      .send({
        name: 'Sneaky',
        anchor: 'event_start',
        offsetAmount: '1',
        offsetUnit: 'days',
        offsetDirection: 'before',
        audience: 'confirmed',
        enabled: 'yes',
      })
      .expect(403);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    const reportsBefore = (await ctx.app.http.get(`/events/${event.id}/reports`).set('Authorization', auth)).body.items.length;
    await ctx.app.http
      .post(eventPath('reports'))
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: 'x'.repeat(43) })
      .expect(403);
    expect((await ctx.app.http.get(`/events/${event.id}/reminder-rules`).set('Authorization', auth)).body.items).toHaveLength(before);
    expect((await ctx.app.http.get(`/events/${event.id}/reports`).set('Authorization', auth)).body.items).toHaveLength(reportsBefore);
  });

  it('answers 404 on every one of these pages to an organiser of another event', async () => {
    const otherAuth = await login(ctx.app.http, OTHER.email, OTHER.password);
    const token = otherAuth.replace(/^Bearer /, '');
    const csrf = 'c'.repeat(43);
    const cookie = `plenary_session=${token}; plenary_csrf=${csrf}`;
    const reports = (await ctx.app.http.get(`/events/${event.id}/reports`).set('Authorization', auth)).body.items;
    const email = (await ctx.app.http.get(`/events/${event.id}/emails`).set('Authorization', auth)).body.items[0];
    for (const path of [
      eventPath('registrations'),
      `${eventPath('registrations')}/export.csv`,
      `${eventPath('registrations')}/export.xlsx`,
      eventPath('emails'),
      eventPath('reminders'),
      eventPath('reports'),
      `${eventPath('reports')}/${reports[0].id}`,
      `${eventPath('reports')}/${reports[0].id}/status.json`,
      `${eventPath('reports')}/${reports[0].id}/report.html`,
      `${eventPath('reports')}/${reports[0].id}/report.xlsx`,
    ]) {
      const response = await ctx.app.http.get(path).set('Cookie', cookie);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    await ctx.app.http.post(eventPath('reports')).set('Cookie', cookie).type('form').send({ _csrf: csrf }).expect(404);
    await ctx.app.http
      .post(`${eventPath('emails')}/${email.id}/resend`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(404);
    expect((await ctx.app.http.get(`/events/${event.id}/reports`).set('Authorization', auth)).body.items).toHaveLength(reports.length);
  });
});
