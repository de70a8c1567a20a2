import { BrowserContext, Page } from 'playwright-core';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { logInTo } from '../../support/dashboard-login';
import { attendee } from '../../support/future-event';
import { createSeedMeeting } from '../../support/seed-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

describe('organiser dashboard: agenda editor, check-in desk, badges', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;
  let meeting: Awaited<ReturnType<typeof createSeedMeeting>>;
  let organiser: BrowserContext;
  let page: Page;

  const url = (path: string) => `${ctx.app.plenary.url}${path}`;
  const api = () => ctx.app.http;
  const sessionNow = async (id: string) => (await api().get(`${meeting.base}/sessions/${id}`).set('Authorization', auth).expect(200)).body;

  const logIn = (context: BrowserContext, email: string, password: string, path: string) =>
    logInTo(context, ctx.app.plenary.url as string, email, password, path);

  beforeAll(async () => {
    auth = await login(api(), ADMIN.email, ADMIN.password);
    meeting = await createSeedMeeting(api(), auth);
    // A first published version, so the next one reports moves rather than additions.
    await api().post(`${meeting.base}/agenda/versions`).set('Authorization', auth).send({ note: 'First programme' }).expect(201);
    organiser = await browsers.newContext();
  });

  afterAll(async () => {
    await organiser?.close();
  });

  it('sends an anonymous visitor to the login page, then back to the agenda they asked for', async () => {
    const agendaPath = `/dashboard/events/${meeting.event.id}/agenda`;
    page = await logIn(organiser, ADMIN.email, ADMIN.password, agendaPath);
    await expect(page.locator('h1').textContent()).resolves.toBe('Agenda');
    const row = page.locator(`#session-${meeting.sessions.discussion.id}`);
    await expect(row.locator('.session-time').textContent()).resolves.toBe('14:30–16:00');
    await expect(row.locator('.session-room').textContent()).resolves.toBe('Room B');
    expect(await page.textContent('main')).toContain('Europe/Brussels');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-agenda');
  });

  it('moves a session to another time through the form and shows it moved', async () => {
    const discussion = meeting.sessions.discussion;
    await page.getByRole('link', { name: `Edit or move “${discussion.title}”` }).click();
    await page.waitForURL((u) => u.pathname.endsWith(`/agenda/sessions/${discussion.id}`));
    await expect(page.locator('#f-startsAt').inputValue()).resolves.toBe('2019-10-08T14:30');
    await page.locator('#f-startsAt').fill('2019-10-08T16:00');
    await page.locator('#f-endsAt').fill('2019-10-08T17:15');
    await screenshot(page, 'dashboard-agenda-move-form');
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/agenda') && u.searchParams.get('saved') === 'updated');

    await expect(page.locator('[aria-live] .notice-ok').textContent()).resolves.toBe('Session saved.');
    await expect(page.locator(`#session-${discussion.id} .session-time`).textContent()).resolves.toBe('16:00–17:15');
    const saved = await sessionNow(discussion.id);
    expect([saved.startsAt, saved.endsAt]).toEqual(['2019-10-08T16:00:00+02:00', '2019-10-08T17:15:00+02:00']);
    await screenshot(page, 'dashboard-agenda-moved');
  });

  it('refuses a move onto a booked room with the 409 message beside the time, keeping what was typed', async () => {
    const discussion = meeting.sessions.discussion;
    const before = await sessionNow(discussion.id);
    await page.goto(url(`/dashboard/events/${meeting.event.id}/agenda/sessions/${discussion.id}`));
    await page.locator('#f-startsAt').fill('2019-10-08T10:00');
    await page.locator('#f-endsAt').fill('2019-10-08T10:45');
    await page.locator('#f-roomId').selectOption({ label: 'Plenary hall' });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save session' }).click(),
    ]);
    expect(response.status()).toBe(409);

    const error = page.locator('#f-startsAt-error');
    await expect(error.textContent()).resolves.toContain(`The room is booked by "${meeting.sessions.session1.title}"`);
    await expect(page.locator('#f-startsAt').getAttribute('aria-describedby')).resolves.toContain('f-startsAt-error');
    await expect(page.locator('#f-startsAt').inputValue()).resolves.toBe('2019-10-08T10:00');
    await expect(page.locator('#f-endsAt').inputValue()).resolves.toBe('2019-10-08T10:45');
    await expect(page.locator('#f-roomId').inputValue()).resolves.toBe(meeting.rooms.plenary.id);
    expect(await sessionNow(discussion.id)).toEqual(before);
    await screenshot(page, 'dashboard-agenda-room-conflict');
  });

  it('publishes a version with a note and shows the move in its changelog', async () => {
    await page.goto(url(`/dashboard/events/${meeting.event.id}/agenda`));
    await page.getByLabel('Note for this version').fill('Discussion moved to the late afternoon');
    await page.getByRole('button', { name: 'Publish version' }).click();
    await page.waitForURL((u) => u.searchParams.get('saved') === 'published');

    const versions = (await api().get(`${meeting.base}/agenda/versions`).set('Authorization', auth).expect(200)).body.items;
    const latest = page.locator(`.version[data-version="${versions[0].number}"]`);
    expect(versions[0].number).toBe(2);
    await expect(latest.locator('.version-note').textContent()).resolves.toBe('Discussion moved to the late afternoon');
    const moved = latest.locator('.change-moved');
    await expect(moved.count()).resolves.toBe(1);
    const text = await moved.textContent();
    expect(text).toContain(meeting.sessions.discussion.title);
    expect(text).toMatch(/from .*14:30 \(Room B\) to .*16:00 \(Room B\)/);
    await expect(page.locator('.version').count()).resolves.toBe(2);
    await screenshot(page, 'dashboard-agenda-changelog');
  });

  it('shows a person booked in two overlapping sessions as a conflict', async () => {
    const discussion = meeting.sessions.discussion;
    await page.goto(url(`/dashboard/events/${meeting.event.id}/agenda/sessions/${discussion.id}`));
    await page.locator('#f-startsAt').fill('2019-10-08T10:00');
    await page.locator('#f-endsAt').fill('2019-10-08T10:45');
    await page.getByRole('button', { name: 'Save session' }).click();
    await page.waitForURL((u) => u.searchParams.get('saved') === 'updated');

    const conflicts = (await api().get(`${meeting.base}/agenda/conflicts`).set('Authorization', auth).expect(200)).body.items;
    expect(conflicts.map((c: { personName: string }) => c.personName)).toEqual([meeting.chair.name]);
    const shown = page.locator('.conflict');
    await expect(shown.count()).resolves.toBe(1);
    const text = await shown.textContent();
    expect(text).toContain(meeting.chair.name);
    expect(text).toContain(meeting.sessions.session1.title);
    expect(text).toContain(discussion.title);
    await screenshot(page, 'dashboard-agenda-conflict');
  });

  it('adds a session through the form, and keeps a refused one typed with the 422 beside its time', async () => {
    await page.goto(url(`/dashboard/events/${meeting.event.id}/agenda`));
    const add = page.locator('form[action$="/agenda/sessions"]');
    await add.getByLabel('Title').fill('Closing summary');
    await add.getByLabel('Kind').selectOption('keynote');
    await add.getByLabel('Starts').fill('2019-10-10T16:00');
    await add.getByLabel('Ends').fill('2019-10-10T16:30');
    await add.getByLabel('Room').selectOption({ label: 'Plenary hall' });
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      add.getByRole('button', { name: 'Add session' }).click(),
    ]);
    expect(refused.status()).toBe(422);
    await expect(add.locator('#f-startsAt-error').textContent()).resolves.toContain(
      "must be on one of the event's days (2019-10-08, 2019-10-09)",
    );
    await expect(add.getByLabel('Title').inputValue()).resolves.toBe('Closing summary');
    await expect(add.getByLabel('Kind').inputValue()).resolves.toBe('keynote');
    await expect(add.getByLabel('Starts').inputValue()).resolves.toBe('2019-10-10T16:00');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-agenda-outside-days');

    await add.getByLabel('Starts').fill('2019-10-09T16:00');
    await add.getByLabel('Ends').fill('2019-10-09T16:30');
    await add.getByRole('button', { name: 'Add session' }).click();
    await page.waitForURL((u) => u.searchParams.get('saved') === 'added');
    const sessions = (await api().get(`${meeting.base}/sessions`).set('Authorization', auth).expect(200)).body.items;
    const added = sessions.find((s: { title: string }) => s.title === 'Closing summary');
    expect([added.kind, added.startsAt, added.roomId]).toEqual(['keynote', '2019-10-09T16:00:00+02:00', meeting.rooms.plenary.id]);
    const row = page.locator(`#session-${added.id}`);
    await expect(row.locator('.session-time').textContent()).resolves.toBe('16:00–16:30');
    expect(await page.locator('section.day', { has: row }).locator('h2').textContent()).toContain('9 October 2019');
  });

  it('cancels a session only once the organiser confirms', async () => {
    const coffee = meeting.sessions.coffee;
    await page.goto(url(`/dashboard/events/${meeting.event.id}/agenda/sessions/${coffee.id}`));
    // The browser insists on the box; without it, the server refuses too.
    const csrf = (await organiser.cookies()).find((c) => c.name === 'plenary_csrf')?.value as string;
    const unconfirmed = await page.request.post(url(`/dashboard/events/${meeting.event.id}/agenda/sessions/${coffee.id}/cancel`), {
      form: { _csrf: csrf },
      maxRedirects: 0,
    });
    expect(unconfirmed.status()).toBe(400);
    expect(await unconfirmed.text()).toContain('Tick the box to confirm the cancellation');
    expect((await sessionNow(coffee.id)).status).toBe('scheduled');
    await page.getByLabel(`Yes, cancel “${coffee.title}”`).check();
    await page.getByRole('button', { name: 'Cancel session' }).click();
    await page.waitForURL((u) => u.searchParams.get('saved') === 'cancelled');
    await expect(page.locator(`#session-${coffee.id} .badge`).textContent()).resolves.toBe('Cancelled');
    expect((await sessionNow(coffee.id)).status).toBe('cancelled');
  });

  it('checks an attendee in by code at the desk, then says when on a second scan', async () => {
    const guest = (
      await api()
        .post(`${meeting.base}/registrations`)
        .set('Authorization', auth)
        .send(attendee({ name: 'Rosa Quispe', organisation: 'Gobierno Regional de Piura' }))
        .expect(201)
    ).body;
    await page.goto(url(`/dashboard/events/${meeting.event.id}/check-in`));
    await expect(page.locator('#f-code:focus').count()).resolves.toBe(1);
    await page.locator('#f-day').selectOption('2019-10-08');
    await page.locator('#f-code').fill(guest.checkInCode);
    await page.locator('#f-code').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('already') === '0');

    const result = page.locator('.big-result');
    await expect(result.getAttribute('class')).resolves.toContain('ok');
    await expect(result.textContent()).resolves.toMatch(/Checked in\s+Rosa Quispe, Gobierno Regional de Piura/);
    await expect(page.locator('#checked-in-count').textContent()).resolves.toBe('1');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-check-in');

    // The scanner types the next code straight away: the field is focused again and the day kept.
    await expect(page.locator('#f-code:focus').count()).resolves.toBe(1);
    await expect(page.locator('#f-day').inputValue()).resolves.toBe('2019-10-08');
    await page.locator('#f-code').fill(guest.checkInCode);
    await page.locator('#f-code').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('already') === '1');
    const checkIns = (await api().get(`${meeting.base}/check-ins?day=2019-10-08`).set('Authorization', auth).expect(200)).body;
    expect(checkIns.items).toHaveLength(1);
    await expect(result.textContent()).resolves.toContain(`Already checked in at ${checkIns.items[0].checkedInAt.slice(11, 16)}`);
    await expect(page.locator('#checked-in-count').textContent()).resolves.toBe('1');
    await screenshot(page, 'dashboard-check-in-again');
  });

  it('refuses a cancelled registration and an unknown code in large type', async () => {
    const gone = (await api().post(`${meeting.base}/registrations`).set('Authorization', auth).send(attendee()).expect(201)).body;
    await api().post(`${meeting.base}/registrations/${gone.id}/cancel`).set('Authorization', auth).expect(200);
    await page.goto(url(`/dashboard/events/${meeting.event.id}/check-in?day=2019-10-09`));
    await page.locator('#f-code').fill(gone.checkInCode);
    await page.locator('#f-code').press('Enter');
    const result = page.locator('.big-result.refused');
    await expect(result.textContent()).resolves.toMatch(/Not admitted[\s\S]*was cancelled/);
    await screenshot(page, 'dashboard-check-in-refused');

    await page.locator('#f-code').fill('ZZZZ-0000');
    await page.locator('#f-code').press('Enter');
    await expect(page.locator('.big-result.refused').textContent()).resolves.toContain('Unknown code');
    const checkIns = (await api().get(`${meeting.base}/check-ins?day=2019-10-09`).set('Authorization', auth).expect(200)).body;
    expect(checkIns.items).toEqual([]);
  });

  it('prints a badge with a QR code for each confirmed attendee, and a door list by name', async () => {
    await api()
      .post(`${meeting.base}/registrations`)
      .set('Authorization', auth)
      .send(attendee({ name: 'Anders Berg' }))
      .expect(201);
    const confirmed = (await api().get(`${meeting.base}/registrations?status=confirmed`).set('Authorization', auth).expect(200)).body.items;
    expect(confirmed.length).toBe(2);

    await page.goto(url(`/dashboard/events/${meeting.event.id}/badges`));
    const badges = page.locator('.name-badge');
    await expect(badges.count()).resolves.toBe(confirmed.length);
    await expect(page.locator('.name-badge .badge-qr svg').count()).resolves.toBe(confirmed.length);
    for (const registration of confirmed) {
      const badge = page.locator('.name-badge', { hasText: registration.name });
      await expect(badge.locator('.badge-qr').getAttribute('aria-label')).resolves.toContain(registration.checkInCode);
      await expect(badge.locator('.badge-place').textContent()).resolves.toContain(registration.region);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-badges');

    await page.goto(url(`/dashboard/events/${meeting.event.id}/door-list`));
    const names = await page.locator('.door-list tbody tr td:first-child').allTextContents();
    expect(names).toEqual(confirmed.map((r: { name: string }) => r.name).sort((a: string, b: string) => a.localeCompare(b)));
    await expect(page.locator('.door-list thead th').count()).resolves.toBe(3 + 2);
    await screenshot(page, 'dashboard-door-list');
  });

  it('lists the presentations with their materials status and invites their presenters', async () => {
    await page.goto(url(`/dashboard/events/${meeting.event.id}/presentations`));
    const row = page.locator(`#presentation-${meeting.presentations.ohiggins.id}`);
    await expect(page.locator('.presentation-row').count()).resolves.toBe(3);
    await expect(row.locator('.materials-missing').textContent()).resolves.toBe('missing');
    expect(await row.textContent()).toContain(meeting.sessions.session1.title);

    await page.getByLabel('Materials').selectOption('submitted');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL((u) => u.searchParams.get('materials') === 'submitted');
    await expect(page.locator('.presentation-row').count()).resolves.toBe(0);

    await page.goto(url(`/dashboard/events/${meeting.event.id}/presentations`));
    await row.getByRole('button', { name: /Invite presenters/ }).click();
    await page.waitForURL((u) => u.searchParams.get('invited') === meeting.presentations.ohiggins.id);
    await expect(page.locator('[aria-live] .notice-ok').textContent()).resolves.toContain('2 emailed');
    await expect(row.locator('.invitation-invited').count()).resolves.toBe(2);
    const mails = await ctx.smtp.waitForMail('ignacio.tello@ohiggins.test');
    expect(mails[0].text).toContain('/presenter?token=');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-presentations');
  });

  it('lists the events and creates one, showing errors beside the fields first', async () => {
    await page.goto(url('/dashboard'));
    await expect(page.getByRole('link', { name: meeting.event.title }).count()).resolves.toBe(1);
    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByLabel('Starts').fill('2031-05-04T09:00');
    await page.getByLabel('Ends').fill('2031-05-05T17:00');
    await page.getByRole('button', { name: 'Create event' }).click();
    await expect(page.locator('#f-title-error').textContent()).resolves.toBe('This is required.');
    await expect(page.locator('#f-timezone-error').textContent()).resolves.toBe(
      'Choose a time zone from the list, such as Europe/Brussels.',
    );
    await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe('Mars/Olympus');
    await expect(page.getByLabel('Starts').inputValue()).resolves.toBe('2031-05-04T09:00');
    await screenshot(page, 'dashboard-new-event-errors');

    await page.getByLabel('Title').fill('Regions for innovation 2031');
    await page.getByLabel('Time zone').fill('America/Santiago');
    await page.getByRole('button', { name: 'Create event' }).click();
    await page.waitForURL((u) => /^\/dashboard\/events\/[0-9a-f-]{36}$/.test(u.pathname));
    await expect(page.locator('h1').textContent()).resolves.toBe('Regions for innovation 2031');
    expect(await page.textContent('main')).toContain('America/Santiago');
    await page.getByRole('button', { name: 'Publish the event' }).click();
    await page.waitForURL((u) => u.searchParams.get('published') === '1');
    const slug = (await page.getByRole('link', { name: 'Open the public page' }).getAttribute('href')) as string;
    expect(slug).toMatch(/^\/e\/regions-for-innovation-2031/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-new-event');
  });

  it('shows the counts on the event overview', async () => {
    const counts = (await api().get(`${meeting.base}/registrations/counts`).set('Authorization', auth).expect(200)).body;
    await page.goto(url(`/dashboard/events/${meeting.event.id}`));
    await expect(page.locator('[data-count="confirmed"]').textContent()).resolves.toBe(String(counts.confirmed));
    await expect(page.locator('[data-count="registered"]').textContent()).resolves.toBe(
      String(counts.pending + counts.confirmed + counts.waitlisted),
    );
    await screenshot(page, 'dashboard-overview');
  });

  it('refuses a form posted without its CSRF token and changes nothing', async () => {
    const discussion = meeting.sessions.discussion;
    const before = await sessionNow(discussion.id);
    const response = await page.request.post(url(`/dashboard/events/${meeting.event.id}/agenda/sessions/${discussion.id}`), {
      form: {
        title: 'Hijacked',
        kind: 'discussion',
        startsAt: '2019-10-09T13:00',
        endsAt: '2019-10-09T14:00',
        roomId: '',
        themeId: '',
        capacity: '',
      },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await sessionNow(discussion.id)).toEqual(before);
  });

  it('answers 404 on every page of the event to an organiser who is not a member', async () => {
    const outsider = { email: 'outsider@plenary.test', name: 'Olga Outsider', password: 'outsider-password-1' };
    await api().post('/organisers').set('Authorization', auth).send(outsider).expect(201);
    const context = await browsers.newContext();
    const tab = await logIn(context, outsider.email, outsider.password, '/dashboard');
    await expect(tab.locator('main').textContent()).resolves.not.toContain(meeting.event.title);
    const base = `/dashboard/events/${meeting.event.id}`;
    for (const path of [
      base,
      `${base}/agenda`,
      `${base}/agenda/sessions/${meeting.sessions.discussion.id}`,
      `${base}/presentations`,
      `${base}/check-in`,
      `${base}/badges`,
      `${base}/door-list`,
    ]) {
      const response = await tab.goto(url(path));
      expect([path, response?.status()]).toEqual([path, 404]);
    }
    await screenshot(tab, 'dashboard-not-a-member');
    await context.close();
  });
});
