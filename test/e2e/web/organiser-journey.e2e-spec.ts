import { screenshot, useBrowser } from '../../support/browser';
import { attendee } from '../../support/future-event';
import { createSeedMeeting } from '../../support/seed-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

/**
 * The organiser's day in one go, as issue 8 tells it: log in, move a session,
 * publish a version, check an attendee in, compile the report and open it.
 * Each page's finer rules have their own files (dashboard-*, operations-*).
 */
describe('organiser journey through the dashboard', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();

  it('logs in, moves a session, publishes, checks an attendee in, compiles the report and opens it', async () => {
    const api = ctx.app.http;
    const auth = await login(api, ADMIN.email, ADMIN.password);
    const meeting = await createSeedMeeting(api, auth);
    await api.post(`${meeting.base}/agenda/versions`).set('Authorization', auth).send({ note: 'First programme' }).expect(201);
    const guest = (
      await api
        .post(`${meeting.base}/registrations`)
        .set('Authorization', auth)
        .send(attendee({ name: 'Lucía Ramos' }))
        .expect(201)
    ).body;
    const url = (path: string) => `${ctx.app.plenary.url}${path}`;
    const eventPages = `/dashboard/events/${meeting.event.id}`;

    const context = await browsers.newContext();
    const page = await context.newPage();
    await page.goto(url('/login'));
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await page.getByRole('link', { name: meeting.event.title }).first().click();
    await page.waitForURL((u) => u.pathname === eventPages);
    await screenshot(page, 'journey-organiser-overview');
    await page.getByRole('button', { name: 'Publish the event' }).click();
    await page.waitForURL((u) => u.pathname === eventPages);
    expect((await api.get(`/events/${meeting.event.id}`).set('Authorization', auth).expect(200)).body.status).toBe('published');

    await page.getByRole('link', { name: 'Agenda', exact: true }).click();
    const discussion = meeting.sessions.discussion;
    await page.getByRole('link', { name: `Edit or move “${discussion.title}”` }).click();
    await page.locator('#f-startsAt').fill('2019-10-08T16:15');
    await page.locator('#f-endsAt').fill('2019-10-08T17:15');
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/agenda'));
    expect(await page.locator(`#session-${discussion.id} .session-time`).textContent()).toBe('16:15–17:15');

    await page.getByLabel('Note for this version').fill('Discussion after the pairings');
    await page.getByRole('button', { name: 'Publish version' }).click();
    await page.waitForURL((u) => u.searchParams.get('saved') === 'published');
    // What the public now sees is the moved session.
    const published = (await api.get(`/events/${meeting.event.id}/agenda`).expect(200)).body;
    const moved = published.days
      .flatMap((d: { sessions: Array<{ id: string; startsAt: string }> }) => d.sessions)
      .find((s: { id: string }) => s.id === discussion.id);
    expect(moved.startsAt).toBe('2019-10-08T16:15:00+02:00');
    await screenshot(page, 'journey-organiser-published');

    await page.goto(url(`${eventPages}/check-in`));
    await page.locator('#f-day').selectOption('2019-10-08');
    await page.locator('#f-code').fill(guest.checkInCode);
    await page.locator('#f-code').press('Enter');
    await page.locator('.big-result.ok').waitFor();
    expect(await page.locator('.big-result').textContent()).toContain('Lucía Ramos');
    const checkIns = (await api.get(`${meeting.base}/check-ins?day=2019-10-08`).set('Authorization', auth).expect(200)).body.items;
    expect(checkIns.map((c: { registrationId: string }) => c.registrationId)).toEqual([guest.id]);
    await screenshot(page, 'journey-organiser-check-in');

    await page.goto(url(`${eventPages}/reports`));
    await page.getByRole('button', { name: 'Compile a new report' }).click();
    await page.getByRole('link', { name: 'Open the report' }).waitFor({ state: 'visible' });
    await page.getByRole('link', { name: 'Open the report' }).click();
    await page.waitForURL(/\/report\.html$/);
    const report = await page.textContent('body');
    expect(report).toContain(meeting.event.title);
    await screenshot(page, 'journey-organiser-report');
    await context.close();
  });
});
