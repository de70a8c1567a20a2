import { seriousA11yViolations, useBrowser } from '../../support/browser';
import { createOpenEvent, daysFromNow } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { registeredAttendee } from './attendee-support';

describe('my agenda on the public programme', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  const appUrl = () => ctx.app.plenary.url ?? '';
  let auth: string;
  let event: { id: string; slug: string };
  const titles = { keynote: 'Opening keynote', visit: 'Site visit: JRC labs', workshop: 'Writing workshop' };

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const created = await createOpenEvent(ctx.app.http, auth);
    const base = `/events/${created.id}`;
    const day = daysFromNow(30).slice(0, 10);
    const session = (title: string, kind: string, from: string, to: string, capacity: number | null) =>
      ctx.app.http
        .post(`${base}/sessions`)
        .set('Authorization', auth)
        .send({ title, kind, startsAt: `${day}T${from}`, endsAt: `${day}T${to}`, ...(capacity === null ? {} : { capacity }) })
        .expect(201);
    await session(titles.keynote, 'keynote', '09:00', '09:45', null);
    await session(titles.visit, 'workshop', '10:00', '12:00', 20);
    await session(titles.workshop, 'workshop', '14:00', '15:30', 20);
    await ctx.app.http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'First' }).expect(201);
    event = { id: created.id, slug: (await ctx.app.http.get(base).set('Authorization', auth).expect(200)).body.slug };
  });

  it('marks the sessions an attendee signed up for on the programme, and lists them with the plenary ones and their calendar', async () => {
    const { link } = await registeredAttendee(ctx, event.id);
    const context = await browsers.newContext();
    const page = await context.newPage();
    await page.goto(link);
    await page.waitForURL((url) => url.pathname === '/my-registration');
    await page.locator('li.session', { hasText: titles.visit }).getByRole('button', { name: 'Sign up' }).click();
    await page.locator('[role="status"]', { hasText: 'You are signed up' }).waitFor();

    await Promise.all([page.waitForURL(/\/my-agenda$/), page.click('a:text("My agenda")')]);
    expect(await page.locator('h1').textContent()).toBe('My agenda');
    const items = await page.locator('.my-agenda li').allTextContents();
    expect(items).toHaveLength(2);
    expect(items[0]).toContain(titles.keynote);
    expect(items[0]).toContain('Open to everyone');
    expect(items[1]).toContain(titles.visit);
    expect(items[1]).toContain('Signed up');
    expect(await page.textContent('main')).not.toContain(titles.workshop);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const calendar = await page.context().request.get(`${appUrl()}${await page.getAttribute('a[href$=".ics"]', 'href')}`);
    expect(calendar.status()).toBe(200);
    expect(await calendar.text()).toContain(`SUMMARY:${titles.visit}`);

    // The programme, grid and list, marks their session; it is theirs, so no shared cache keeps it.
    const grid = await page.goto(`${appUrl()}/e/${event.slug}?view=grid`);
    expect(grid?.headers()['cache-control']).toBe('no-store');
    expect(grid?.headers()['etag'] ?? '').not.toMatch(/^"p-/);
    expect(await page.locator('td.is-mine').allTextContents()).toEqual([expect.stringContaining(titles.visit)]);
    expect(await page.locator('td.is-mine .mine').textContent()).toBe('In my agenda');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.goto(`${appUrl()}/e/${event.slug}`);
    expect(await page.locator('.session.is-mine .session-title').allTextContents()).toEqual([titles.visit]);
    await context.close();

    // Anyone else sees the shared page, unmarked, and has no agenda of their own.
    const anonymous = await ctx.app.http.get(`/e/${event.slug}?view=grid`).expect(200);
    expect(anonymous.headers.etag).toMatch(/^"p-/);
    expect(anonymous.text).not.toContain('is-mine');
    await ctx.app.http.get(`/e/${event.slug}/my-agenda`).expect(401);
  });
});
