import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { createOpenEvent, daysFromNow } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { myRegistrationLink, registeredAttendee } from './attendee-support';

describe('my registration pages', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  const appUrl = () => ctx.app.plenary.url ?? '';
  let auth: string;
  let event: { id: string; slug: string };
  let visit: { id: string; title: string };
  let workshop: { id: string; title: string };

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const created = await createOpenEvent(ctx.app.http, auth);
    const base = `/events/${created.id}`;
    await ctx.app.http
      .post(`${base}/questions`)
      .set('Authorization', auth)
      .send({ key: 'dietary', label: 'Dietary requirements', type: 'text', required: true })
      .expect(201);
    const day = daysFromNow(31).slice(0, 10);
    const session = (title: string, from: string, to: string, capacity: number) =>
      ctx.app.http
        .post(`${base}/sessions`)
        .set('Authorization', auth)
        .send({ title, kind: 'workshop', startsAt: `${day}T${from}`, endsAt: `${day}T${to}`, capacity })
        .expect(201);
    visit = (await session('Site visit: JRC labs', '09:30', '12:00', 1)).body;
    workshop = (await session('Writing workshop', '11:00', '12:30', 10)).body;
    await ctx.app.http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'First' }).expect(201);
    const read = await ctx.app.http.get(base).set('Authorization', auth).expect(200);
    event = { id: created.id, slug: read.body.slug };
  });

  /** Registers through the API and opens the emailed link in a fresh browser, as the attendee would. */
  async function openMyRegistration(overrides: Record<string, unknown> = {}) {
    const { email, link } = await registeredAttendee(ctx, event.id, { answers: { dietary: 'Vegetarian' }, ...overrides });
    const context = await browsers.newContext();
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForURL((url) => url.pathname === '/my-registration');
    const token = decodeURIComponent(new URL(link).searchParams.get('token') ?? '');
    return { context, page, email, token };
  }

  const signupsOf = async (sessionId: string) =>
    (await ctx.app.http.get(`/events/${event.id}/sessions/${sessionId}/signups`).set('Authorization', auth).expect(200)).body
      .items as Array<{
      registrationId: string;
      status: string;
    }>;

  it('signs up for a full session onto its waitlist, shows the overlap refusal, and moves to another session', async () => {
    const first = await openMyRegistration();
    await first.page.getByRole('button', { name: 'Sign up' }).first().click();
    await first.page.locator('[role="status"]', { hasText: 'You are signed up' }).waitFor();
    await first.context.close();

    const { context, page } = await openMyRegistration();
    const visitItem = page.locator('li.session', { hasText: visit.title });
    const workshopItem = page.locator('li.session', { hasText: workshop.title });
    expect(await page.textContent('#sessions')).toContain('Europe/Brussels');
    await visitItem.getByRole('button', { name: 'Sign up' }).click();
    await page.locator('[role="status"]', { hasText: 'waiting list' }).waitFor();
    expect(await visitItem.textContent()).toContain('You are on its waiting list');

    await workshopItem.getByRole('button', { name: 'Sign up' }).click();
    const refusal = page.locator('#sessions [role="alert"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain(`already signed up for “${visit.title}” at the same time`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'attendee-session-overlap');
    expect((await signupsOf(workshop.id)).filter((s) => s.status !== 'cancelled')).toEqual([]);

    await visitItem.getByRole('button', { name: 'Leave' }).click();
    await page.locator('[role="status"]', { hasText: 'You have left the session' }).waitFor();
    await workshopItem.getByRole('button', { name: 'Sign up' }).click();
    await page.locator('[role="status"]', { hasText: 'You are signed up' }).waitFor();
    expect(await workshopItem.textContent()).toContain('You are signed up');
    expect((await signupsOf(workshop.id)).map((s) => s.status)).toContain('confirmed');
    await screenshot(page, 'attendee-sessions');
    await context.close();
  });

  it('edits the details with errors beside the fields first, then saves them', async () => {
    const { context, page, email } = await openMyRegistration();
    await page.getByRole('link', { name: 'Change my details' }).click();
    await page.waitForURL('**/my-registration/edit');
    expect(await page.inputValue('#q-dietary')).toBe('Vegetarian');
    await page.getByLabel('Full name').fill('');
    await page.getByLabel('Organisation', { exact: false }).first().fill('Gobierno Regional de Piura');
    await page.getByLabel('Dietary requirements').fill('Vegan');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.locator('#f-name-error').waitFor();
    expect(await page.textContent('#f-name-error')).toBe('Please enter your name.');
    expect(await page.inputValue('#f-organisation')).toBe('Gobierno Regional de Piura');
    expect(await page.inputValue('#q-dietary')).toBe('Vegan');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByLabel('Full name').fill('Ana Torres');
    await page.getByRole('button', { name: 'Save my details' }).click();
    await page.waitForURL('**/my-registration?done=saved');
    expect(await page.textContent('[role="status"]')).toContain('Your details are saved.');
    expect(await page.textContent('.details')).toContain('Vegan');
    await screenshot(page, 'attendee-details-saved');
    const list = await ctx.app.http.get(`/events/${event.id}/registrations`).query({ q: email }).set('Authorization', auth).expect(200);
    expect(list.body.items[0]).toMatchObject({
      name: 'Ana Torres',
      organisation: 'Gobierno Regional de Piura',
      answers: { dietary: 'Vegan' },
    });
    await context.close();
  });

  it('serves the personal calendar and the data download the API serves, under the cookie path', async () => {
    const { context, page, token } = await openMyRegistration();
    const code = (await page.textContent('#check-in-code'))?.trim() ?? '';
    const calendar = await page.request.get(`${appUrl()}/my-registration/calendar.ics`);
    expect(calendar.headers()['content-type']).toContain('text/calendar');
    const api = await ctx.app.http.get('/registrations/me.ics').set('Authorization', `Bearer ${token}`).expect(200);
    expect(await calendar.text()).toBe(api.text);
    expect(api.text).toContain(code);

    const data = await page.request.get(`${appUrl()}/my-registration/data.json`);
    expect(data.headers()['content-disposition']).toContain('attachment');
    const apiData = await ctx.app.http.get('/registrations/me/data').set('Authorization', `Bearer ${token}`).expect(200);
    const { exportedAt: _pageAt, ...fromPage } = await data.json();
    const { exportedAt: _apiAt, ...fromApi } = apiData.body;
    expect(fromPage).toEqual(fromApi);
    await context.close();
  });

  it("speaks the attendee's stored language unless the visitor picks another", async () => {
    const { context, page } = await openMyRegistration({ language: 'fr' });
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.locator('h1').textContent()).toBe('Mon inscription');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL('**/my-registration?lang=en');
    expect(await page.locator('h1').textContent()).toBe('My registration');
    await context.close();
  });

  it('offers a fresh link from the invalid-link page and emails one to a registered address', async () => {
    const { email } = await registeredAttendee(ctx, event.id, { answers: { dietary: 'None' } });
    const context = await browsers.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${appUrl()}/my-registration?token=no-longer-valid`);
    expect(response?.status()).toBe(401);
    await page.getByRole('link', { name: 'Email me a new link' }).click();
    await page.waitForURL('**/my-registration/new-link');
    await page.getByLabel('Event page address').fill(`http://plenary.test/e/${event.slug}`);
    await page.getByLabel('Email address').fill(email);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.locator('h1', { hasText: 'Check your email' }).waitFor();
    const mails = await ctx.smtp.waitForMail(email, 2);
    const fresh = myRegistrationLink(ctx, mails[1].text);
    expect(fresh).not.toBe('');
    await page.goto(fresh);
    await page.waitForURL((url) => url.pathname === '/my-registration');
    expect(await page.locator('h1').textContent()).toBe('My registration');

    await page.goto(`${appUrl()}/my-registration/new-link?event=${event.slug}`);
    await page.getByLabel('Email address').fill('nobody@region.test');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.locator('h1', { hasText: 'Check your email' }).waitFor();
    await screenshot(page, 'attendee-new-link-sent');
    await context.close();
  });
});
