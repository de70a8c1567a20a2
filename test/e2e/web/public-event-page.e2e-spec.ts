import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { createSeedMeeting } from '../../support/seed-meeting';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';

describe('public event page', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;
  let meeting: Awaited<ReturnType<typeof createSeedMeeting>>;
  let slug: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    meeting = await createSeedMeeting(ctx.app.http, auth);
    const event = await ctx.app.http.get(`/events/${meeting.event.id}`).set('Authorization', auth).expect(200);
    slug = event.body.slug;
  });

  it('answers 404 as a page while the event is a draft', async () => {
    const response = await ctx.app.http.get(`/e/${slug}`).expect(404);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('not public yet');
  });

  it('shows the published agenda by day, in the event zone, with presenters and their regions, and passes axe', async () => {
    await ctx.app.http.post(`/events/${meeting.event.id}/publish`).set('Authorization', auth).expect(200);
    await ctx.app.http.post(`/events/${meeting.event.id}/agenda/versions`).set('Authorization', auth).send({ note: 'First' }).expect(201);
    const agenda = (await ctx.app.http.get(`/events/${meeting.event.id}/agenda`).expect(200)).body;

    const context = await browsers.newContext();
    const page = await context.newPage();
    await page.goto(`${ctx.app.plenary.url}/e/${slug}`);
    expect(await page.locator('h1').textContent()).toBe(agenda.event.title);
    expect(await page.locator('section.day').count()).toBe(agenda.days.length);
    const firstSession = agenda.days[0].sessions[0];
    const sessionBlock = page.locator('.session', { hasText: firstSession.title });
    // 09:30 in Brussels is what the organiser typed; the page shows it in the event zone, not the server's.
    expect(await sessionBlock.locator('.session-time').textContent()).toContain(firstSession.startsAt.slice(11, 16));
    const presenter = agenda.days
      .flatMap((d: any) => d.sessions)
      .flatMap((s: any) => s.presentations)
      .flatMap((p: any) => p.presenters)[0];
    expect(await page.content()).toContain(presenter.region);
    expect(await page.getAttribute('a[href$="agenda.ics"]', 'href')).toBe(`/events/${meeting.event.id}/agenda.ics`);
    expect(await page.textContent('main')).toContain('Europe/Brussels');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'public-event-page');

    await page.goto(`${ctx.app.plenary.url}/e/${slug}?lang=es`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.textContent('#agenda-heading')).toBe('Programa');
    await context.close();
  });
});
