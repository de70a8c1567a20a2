import type { PublicAgenda } from '../../../src/agenda/public-agenda-document';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { createSeedMeeting } from '../../support/seed-meeting';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { attendee, createOpenEvent, daysFromNow } from '../../support/future-event';
import { registrationBearerIn } from '../../support/registration-link';

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
    const presenter = (agenda as PublicAgenda).days
      .flatMap((d) => d.sessions)
      .flatMap((s) => s.presentations)
      .flatMap((p) => p.presenters)[0];
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

  it("finds sessions by a presenter's region and leads to a speaker page with what they do, passing axe", async () => {
    const context = await browsers.newContext();
    const page = await context.newPage();
    await page.goto(`${ctx.app.plenary.url}/e/${slug}`);
    await page.fill('#filter-q', 'piura');
    await Promise.all([page.waitForURL(/q=piura/), page.click('.agenda-filter button[type=submit]')]);
    const titles = await page.locator('.session-title').allTextContents();
    expect(titles).toEqual(['Pairings: sustainability and natural resources']);
    expect(await page.textContent('[role=status]')).toContain('1');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await Promise.all([page.waitForURL(/\/speakers\//), page.click('a:text("Javier Bereche")')]);
    expect(await page.locator('h1').textContent()).toBe('Javier Bereche');
    const appearance = await page.locator('.appearances li').allTextContents();
    expect(appearance).toHaveLength(1);
    expect(appearance[0]).toContain('Pairings: sustainability and natural resources');
    expect(appearance[0]).toContain('Piura: choosing a smart specialisation strategy');
    expect(appearance[0]).toContain('presenter');
    expect(await page.textContent('main')).toContain('Piura Chamber of Commerce');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'public-speaker-page');

    await page.goto(`${ctx.app.plenary.url}/e/${slug}/speakers`);
    const names = await page.locator('.speakers li a').allTextContents();
    expect(names).toContain('Ana Moreau');
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    await context.close();
  });

  it('filters by kind of session, and marks breaks apart from sessions', async () => {
    const html = (await ctx.app.http.get(`/e/${slug}?kind=break&lang=es`).expect(200)).text;
    expect([...html.matchAll(/<h4 class="session-title">(.*?)<\/h4>/g)].map((m) => m[1])).toEqual(['Coffee break']);
    expect(html).toMatch(/class="session kind-break"[^>]*>[\s\S]*?<span class="kind">Pausa<\/span>/);
  });

  it('never shows anyone the agenda does not name as a speaker', async () => {
    const person = await ctx.app.http
      .post(`/events/${meeting.event.id}/registrations`)
      .set('Authorization', auth)
      .send(attendee({ name: 'Quiet Attendee' }))
      .expect(201);
    await ctx.app.http.get(`/e/${slug}/speakers/${person.body.personId}`).expect(404);
    const list = await ctx.app.http.get(`/e/${slug}/speakers`).expect(200);
    expect(list.text).not.toContain('Quiet Attendee');
  });

  it('shows the places left in a session with sign-ups, then that it is full', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { title: 'Site visits' });
    const day = daysFromNow(30).slice(0, 10);
    await ctx.app.http
      .post(`/events/${event.id}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Visit: JRC laboratories', kind: 'workshop', startsAt: `${day}T14:00`, endsAt: `${day}T16:00`, capacity: 2 })
      .expect(201);
    const session = (await ctx.app.http.get(`/events/${event.id}/sessions`).set('Authorization', auth).expect(200)).body.items[0];
    await ctx.app.http.post(`/events/${event.id}/agenda/versions`).set('Authorization', auth).send({ note: 'Visits' }).expect(201);
    const eventSlug = (await ctx.app.http.get(`/events/${event.id}`).set('Authorization', auth).expect(200)).body.slug;
    const placesText = async () => {
      const html = (await ctx.app.http.get(`/e/${eventSlug}`).expect(200)).text;
      return /<p class="places">(.*?)<\/p>/.exec(html)?.[1];
    };
    expect(await placesText()).toBe('Places left: 2');

    const people = [attendee(), attendee()];
    for (const body of people) {
      await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
      const token = registrationBearerIn((await ctx.smtp.waitForMail(body.email))[0].text);
      await ctx.app.http.post(`/registrations/me/sessions/${session.id}`).set('Authorization', token).expect(201);
      if (body === people[0]) expect(await placesText()).toBe('Places left: 1');
    }
    expect(await placesText()).toContain('Full');
  });
});
