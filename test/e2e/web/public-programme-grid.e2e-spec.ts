import type { Locator } from 'playwright-core';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { createSeedMeeting } from '../../support/seed-meeting';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { invitePresenters } from '../../support/presenter-invitations';

const PHONE = { width: 375, height: 740 };

/** A computed style property of the element, as the browser resolved it. */
function style(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((el, name) => {
    const view = (el as unknown as { ownerDocument: { defaultView: { getComputedStyle(e: unknown): Record<string, string> } } })
      .ownerDocument.defaultView;
    return view.getComputedStyle(el)[name];
  }, property);
}

describe('public programme grid, feedback links and presenter biographies', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;
  let meeting: Awaited<ReturnType<typeof createSeedMeeting>>;
  let slug: string;

  const publish = (note: string) =>
    ctx.app.http.post(`/events/${meeting.event.id}/agenda/versions`).set('Authorization', auth).send({ note }).expect(201);

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    meeting = await createSeedMeeting(ctx.app.http, auth);
    slug = (await ctx.app.http.get(`/events/${meeting.event.id}`).set('Authorization', auth).expect(200)).body.slug;
    await ctx.app.http.post(`/events/${meeting.event.id}/publish`).set('Authorization', auth).expect(200);
    await publish('First');
  });

  it('shows the programme as a grid on a phone: rooms across, times down, breaks apart, theme colours, no page overflow, axe-clean in en and es', async () => {
    const context = await browsers.browser.newContext({ viewport: PHONE, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${ctx.app.plenary.url}/e/${slug}`);
    await Promise.all([page.waitForURL(/view=grid/), page.click('.view-switch a:text("Grid")')]);
    expect(await page.getAttribute('.view-switch a[aria-current=page]', 'href')).toBe(`/e/${slug}?view=grid`);

    const days = page.locator('table.programme-grid');
    expect(await days.count()).toBe(2);
    const firstDay = days.first();
    expect(await firstDay.locator('thead th').allTextContents()).toEqual(['Time', 'Plenary hall', 'Room B', 'No room']);
    // A row opens at every start or end: the lunch gap is a row of its own, empty in every room.
    expect(await firstDay.locator('tbody th').allTextContents()).toEqual(['09:30', '11:00', '11:30', '13:00', '14:30']);
    const roomB = await firstDay.locator('tbody tr').nth(4).locator('td').allTextContents();
    expect(roomB[1]).toContain('Future innovation in the regions');
    const pairing = firstDay.locator('td.grid-session', { hasText: 'Pairings: sustainability and natural resources' });
    const coffee = firstDay.locator('td.grid-session', { hasText: 'Coffee break' });
    expect(await coffee.getAttribute('class')).toContain('kind-break');
    expect(await style(coffee, 'borderLeftStyle')).toBe('dashed');
    // The theme's own colour, from the programme's stylesheet (no inline style under the CSP).
    expect(await style(pairing, 'borderLeftColor')).toBe('rgb(46, 125, 50)');

    // The page never scrolls sideways; the grid scrolls inside its own box.
    const widths = (await page.evaluate(`({
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      grid: document.querySelector('.grid-scroll').scrollWidth,
      box: document.querySelector('.grid-scroll').clientWidth,
    })`)) as { page: number; viewport: number; grid: number; box: number };
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.grid).toBeGreaterThan(widths.box);
    await page.locator('.grid-scroll').first().focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { querySelector(s: string): { scrollLeft: number } } }).document.querySelector('.grid-scroll')
          .scrollLeft > 0,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'public-programme-grid-phone');

    await page.goto(`${ctx.app.plenary.url}/e/${slug}?view=grid&lang=es`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('table.programme-grid').first().locator('thead th').first().textContent()).toBe('Hora');
    expect(await page.locator('td.grid-session.kind-break .kind').first().textContent()).toBe('Pausa');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();
  });

  it('applies the filters to the grid as to the list, and keeps the view when filtering', async () => {
    const grid = (await ctx.app.http.get(`/e/${slug}?view=grid&q=piura`).expect(200)).text;
    expect([...grid.matchAll(/class="grid-title"[^>]*>(.*?)<\/a>/g)].map((m) => m[1])).toEqual([
      'Pairings: sustainability and natural resources',
    ]);
    expect(grid).toContain('<input type="hidden" name="view" value="grid">');
    const list = (await ctx.app.http.get(`/e/${slug}?q=piura`).expect(200)).text;
    expect([...list.matchAll(/<h4 class="session-title">(.*?)<\/h4>/g)].map((m) => m[1])).toEqual([
      'Pairings: sustainability and natural resources',
    ]);
    const none = (await ctx.app.http.get(`/e/${slug}?view=grid&q=nothing-matches-this`).expect(200)).text;
    expect(none).not.toContain('<table');
    expect(none).toContain('No session matches');
  });

  it('serves the grid with an ETag: 304 while the version is the same, new bytes and a new ETag after the next version', async () => {
    const first = await ctx.app.http.get(`/e/${slug}?view=grid`).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"p-[A-Za-z0-9_-]+"$/);
    const again = await ctx.app.http.get(`/e/${slug}?view=grid`).expect(200);
    expect(again.headers.etag).toBe(etag);
    expect(again.text).toBe(first.text);
    const notModified = await ctx.app.http.get(`/e/${slug}?view=grid`).set('If-None-Match', etag).expect(304);
    expect(notModified.text ?? '').toBe('');
    // Another language is another representation.
    const spanish = await ctx.app.http.get(`/e/${slug}?view=grid&lang=es`).expect(200);
    expect(spanish.headers.etag).not.toBe(etag);

    await ctx.app.http
      .patch(`/events/${meeting.event.id}/sessions/${meeting.sessions.day2.id}`)
      .set('Authorization', auth)
      .send({ title: 'Smart specialisation: the research centre view' })
      .expect(200);
    // Unpublished edits change nothing the public sees.
    await ctx.app.http.get(`/e/${slug}?view=grid`).set('If-None-Match', etag).expect(304);
    await publish('Retitled');
    const changed = await ctx.app.http.get(`/e/${slug}?view=grid`).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.text).toContain('Smart specialisation: the research centre view');
  });

  it('gives each schedule.json event a feedback_url that leads to the session on the programme', async () => {
    const { schedule } = (await ctx.app.http.get(`/events/${meeting.event.id}/schedule.json`).expect(200)).body;
    const event = schedule.conference.days[0].rooms['Plenary hall'][0];
    expect(event.feedback_url).toBe(`http://plenary.test/e/${slug}/sessions/${event.guid}/feedback`);
    const feedback = await ctx.app.http.get(new URL(event.feedback_url).pathname).expect(303);
    expect(feedback.headers.location).toBe(`/e/${slug}#session-${event.guid}`);
    await ctx.app.http.get(`/e/${slug}/sessions/${meeting.rooms.plenary.id}/feedback`).expect(404);
  });

  it("takes a presenter's biography in the portal and shows it on the speaker page and in schedule.json, never their email", async () => {
    const tokens = await invitePresenters(ctx, auth, meeting.presentations.piura.id);
    const token = tokens['javier.bereche@piura.test'];
    const context = await browsers.newContext();
    const page = await context.newPage();
    await page.goto(`${ctx.app.plenary.url}/presenter?token=${encodeURIComponent(token)}`);
    await page.waitForURL((url) => url.pathname === '/presenter' && !url.searchParams.has('token'));

    // Too long: refused beside the field, what was typed kept.
    const tooLong = 'x'.repeat(1001);
    // The browser would stop at maxlength; a client that ignores it meets the server's limit.
    await page
      .locator('#biography-text')
      .evaluate((el) => (el as unknown as { removeAttribute(name: string): void }).removeAttribute('maxlength'));
    await page.fill('#biography-text', tooLong);
    await Promise.all([page.waitForLoadState('load'), page.click('.biography-form button[type=submit]')]);
    expect(await page.textContent('#biography-error')).toContain('1000');
    expect(await page.inputValue('#biography-text')).toBe(tooLong);

    const biography = 'Economist at the Piura Chamber of Commerce.\nWorks on regional value chains with partners in Europe.';
    await page.fill('#biography-text', biography);
    await Promise.all([page.waitForURL(/notice=biography/), page.click('.biography-form button[type=submit]')]);
    expect(await page.textContent('#biography [role=status]')).toContain('Biography saved');
    expect(await page.inputValue('#biography-text')).toBe(biography);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const personId = (await ctx.app.http.get(`/events/${meeting.event.id}/people?q=Bereche`).set('Authorization', auth).expect(200)).body
      .items[0].id as string;
    await page.goto(`${ctx.app.plenary.url}/e/${slug}/speakers/${personId}`);
    expect(await page.textContent('.biography')).toBe(biography);
    expect(await page.content()).not.toContain('javier.bereche@piura.test');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await context.close();

    const { schedule } = (await ctx.app.http.get(`/events/${meeting.event.id}/schedule.json`).expect(200)).body;
    const persons = schedule.conference.days
      .flatMap((d: { rooms: Record<string, Array<{ persons: Array<{ guid: string; biography: string }> }>> }) =>
        Object.values(d.rooms).flat(),
      )
      .flatMap((e: { persons: Array<{ guid: string; biography: string }> }) => e.persons);
    expect(persons.find((p: { guid: string }) => p.guid === personId)?.biography).toBe(biography);
    expect(JSON.stringify(schedule)).not.toContain('@piura.test');

    // Cleared through the API the portal's page uses: the speaker page drops it.
    await ctx.app.http
      .put('/me/biography')
      .set('Authorization', `Bearer ${token}`)
      .send({ biography: '  ' })
      .expect(200, { biography: null });
    const speaker = (await ctx.app.http.get(`/e/${slug}/speakers/${personId}`).expect(200)).text;
    expect(speaker).not.toContain('class="biography"');
  });
});
