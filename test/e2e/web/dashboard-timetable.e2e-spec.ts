import { BrowserContext, Locator, Page, Response } from 'playwright-core';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { logInTo } from '../../support/dashboard-login';
import { createSeedMeeting } from '../../support/seed-meeting';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

type Meeting = Awaited<ReturnType<typeof createSeedMeeting>> & { briefing: { id: string; title: string } };

const ROW_PX = 16;

describe('organiser dashboard: timetable editor', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;
  const contexts: BrowserContext[] = [];

  const api = () => ctx.app.http;
  const sessionNow = async (meeting: Meeting, id: string) =>
    (await api().get(`${meeting.base}/sessions/${id}`).set('Authorization', auth).expect(200)).body;
  const placeOf = async (meeting: Meeting, id: string) => {
    const s = await sessionNow(meeting, id);
    return { startsAt: s.startsAt, endsAt: s.endsAt, roomId: s.roomId };
  };

  /** The seed's meeting plus a briefing in Room B at 09:30–10:30, so the plenary's first session cannot go there; version 1 published. */
  async function meetingWithBriefing(): Promise<Meeting> {
    const meeting = await createSeedMeeting(api(), auth);
    const briefing = (
      await api()
        .post(`${meeting.base}/sessions`)
        .set('Authorization', auth)
        .send({
          title: "Regional offices' briefing",
          kind: 'other',
          startsAt: '2019-10-08T09:30',
          endsAt: '2019-10-08T10:30',
          roomId: meeting.rooms.roomB.id,
        })
        .expect(201)
    ).body;
    await api().post(`${meeting.base}/agenda/versions`).set('Authorization', auth).send({ note: 'First programme' }).expect(201);
    return { ...meeting, briefing };
  }

  async function openTimetable(meeting: Meeting, day?: string): Promise<Page> {
    const context = await browsers.newContext();
    contexts.push(context);
    const page = await logInTo(
      context,
      ctx.app.plenary.url as string,
      ADMIN.email,
      ADMIN.password,
      `/dashboard/events/${meeting.event.id}/timetable${day ? `?day=${day}` : ''}`,
    );
    await page.locator('.tt-block').first().waitFor();
    // The whole day in view, below the event's tabs: the mouse drags only what the window shows.
    await page.setViewportSize({ width: 1280, height: 1600 });
    return page;
  }

  const block = (page: Page, id: string): Locator => page.locator(`.tt-block[data-session-id="${id}"]`);
  const saved = (page: Page, method = 'PATCH') =>
    page.waitForResponse((r) => r.url().includes('/timetable/sessions') && r.request().method() === method);

  /** A change made in the page and the answer it got, once the page has shown it. */
  async function answered(page: Page, act: () => Promise<void>, method = 'PATCH'): Promise<Response> {
    const [response] = await Promise.all([saved(page, method), act()]);
    await page.locator('#timetable[aria-busy="false"]').waitFor();
    return response;
  }

  /** The session a change in the page added (201), as its id and what the grid shows of it. */
  async function added(page: Page, act: () => Promise<void>) {
    const response = await answered(page, act, 'POST');
    expect(response.status()).toBe(201);
    const { session } = await response.json();
    return { id: session.id as string, shown: [session.title, session.kind, session.startsAt, session.endsAt, session.roomId] };
  }

  async function drag(page: Page, from: Locator, to: { x: number; y: number }) {
    const box = await from.boundingBox();
    if (!box) throw new Error('the block is not on screen');
    const start = { x: box.x + box.width / 2, y: box.y + 8 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + (to.x - start.x) / 2, start.y + (to.y - start.y) / 2, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.mouse.up();
    return start;
  }

  async function columnX(page: Page, room: string): Promise<number> {
    const header = await page.locator('.tt-room', { hasText: room }).boundingBox();
    if (!header) throw new Error(`no column for ${room}`);
    return header.x + header.width / 2;
  }

  async function publish(page: Page, meeting: Meeting, note: string) {
    await page.getByRole('link', { name: 'list editor' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/agenda'));
    await page.getByLabel('Note for this version').fill(note);
    await page.getByRole('button', { name: 'Publish version' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('saved') === 'published');
    return (await api().get(`${meeting.base}/agenda/versions`).set('Authorization', auth).expect(200)).body.items[0];
  }

  const movesIn = (version: { changes: { moved: Array<{ sessionId: string; from: object; to: object }> } }) =>
    [...version.changes.moved].sort((a, b) => a.sessionId.localeCompare(b.sessionId));

  function expectedMoves(meeting: Meeting) {
    const { discussion, session2 } = meeting.sessions;
    const { plenary, roomB } = meeting.rooms;
    return [
      {
        sessionId: discussion.id,
        title: discussion.title,
        from: {
          sessionId: discussion.id,
          title: discussion.title,
          startsAt: '2019-10-08T14:30:00+02:00',
          endsAt: '2019-10-08T16:00:00+02:00',
          roomId: roomB.id,
        },
        to: {
          sessionId: discussion.id,
          title: discussion.title,
          startsAt: '2019-10-08T14:00:00+02:00',
          endsAt: '2019-10-08T15:30:00+02:00',
          roomId: plenary.id,
        },
      },
      {
        sessionId: session2.id,
        title: session2.title,
        from: {
          sessionId: session2.id,
          title: session2.title,
          startsAt: '2019-10-08T11:30:00+02:00',
          endsAt: '2019-10-08T13:00:00+02:00',
          roomId: plenary.id,
        },
        to: {
          sessionId: session2.id,
          title: session2.title,
          startsAt: '2019-10-08T11:30:00+02:00',
          endsAt: '2019-10-08T13:30:00+02:00',
          roomId: plenary.id,
        },
      },
    ].sort((a, b) => a.sessionId.localeCompare(b.sessionId));
  }

  beforeAll(async () => {
    auth = await login(api(), ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });

  it('moves, resizes, refuses a double-booking, undoes and publishes with the mouse; the changelog names exactly those changes', async () => {
    const meeting = await meetingWithBriefing();
    const { discussion, session1, session2, coffee } = meeting.sessions;
    const page = await openTimetable(meeting);
    await expect(block(page, discussion.id).textContent()).resolves.toContain('14:30–16:00');
    await expect(page.locator('.tt-room').allTextContents()).resolves.toEqual(['', 'Plenary hall', 'Room B', 'No room']);
    expect(await page.locator('#tt-warnings').textContent()).toContain('No one is booked in two overlapping sessions.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-timetable');

    // The discussion to the plenary hall, half an hour earlier.
    const box = (await block(page, discussion.id).boundingBox())!;
    const moved = await answered(page, async () => {
      await drag(page, block(page, discussion.id), { x: await columnX(page, 'Plenary hall'), y: box.y + 8 - 2 * ROW_PX });
    });
    expect(moved.status()).toBe(200);
    expect(await placeOf(meeting, discussion.id)).toEqual({
      startsAt: '2019-10-08T14:00:00+02:00',
      endsAt: '2019-10-08T15:30:00+02:00',
      roomId: meeting.rooms.plenary.id,
    });
    await expect(block(page, discussion.id).textContent()).resolves.toContain('14:00–15:30');

    // The second pairings session half an hour longer, by its bottom edge.
    const edge = (await block(page, session2.id).locator('.tt-resize').boundingBox())!;
    const resized = await answered(page, async () => {
      await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
      await page.mouse.down();
      await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2 + 2 * ROW_PX, { steps: 5 });
      await page.mouse.up();
    });
    expect(resized.status()).toBe(200);
    expect((await placeOf(meeting, session2.id)).endsAt).toBe('2019-10-08T13:30:00+02:00');

    // The first pairings session onto Room B, where the briefing is: refused, shown at the block, nothing saved.
    const before = await sessionNow(meeting, session1.id);
    const first = (await block(page, session1.id).boundingBox())!;
    const refused = await answered(page, async () => {
      await drag(page, block(page, session1.id), { x: await columnX(page, 'Room B'), y: first.y + 8 });
    });
    expect(refused.status()).toBe(409);
    const message = `Not saved: the room is booked by “${meeting.briefing.title}” at 09:30–10:30.`;
    await expect(page.locator('#tt-status').textContent()).resolves.toBe(message);
    await expect(page.locator('.tt-flash').textContent()).resolves.toBe(message);
    await expect(block(page, session1.id).getAttribute('class')).resolves.toContain('tt-refused');
    await expect(block(page, session1.id).textContent()).resolves.toContain('Plenary hall');
    expect(await sessionNow(meeting, session1.id)).toEqual(before);
    await screenshot(page, 'dashboard-timetable-refused');

    // The coffee break later, then undone.
    const cup = (await block(page, coffee.id).boundingBox())!;
    await answered(page, async () => {
      await drag(page, block(page, coffee.id), { x: cup.x + cup.width / 2, y: cup.y + 8 + 2 * ROW_PX });
    });
    expect((await placeOf(meeting, coffee.id)).startsAt).toBe('2019-10-08T11:30:00+02:00');
    const undone = await answered(page, () => page.getByRole('button', { name: 'Undo' }).click());
    expect(undone.status()).toBe(200);
    expect(await placeOf(meeting, coffee.id)).toEqual({
      startsAt: '2019-10-08T11:00:00+02:00',
      endsAt: '2019-10-08T11:30:00+02:00',
      roomId: null,
    });
    await expect(page.locator('#tt-status').textContent()).resolves.toBe('Undone: “Coffee break” is back at 11:00–11:30 in No room.');

    const version = await publish(page, meeting, 'Timetable changes');
    expect(version.number).toBe(2);
    expect(movesIn(version)).toEqual(expectedMoves(meeting));
    expect([version.changes.added, version.changes.cancelled, version.changes.changed]).toEqual([[], [], []]);
  });
  const focusedSession = (page: Page) => page.locator(':focus').getAttribute('data-session-id');
  /** Tab from the top of the page until the session's block has the focus, as someone without a mouse would. */
  async function tabTo(page: Page, id: string) {
    await page.locator('body').focus();
    for (let presses = 0; presses < 80; presses++) {
      await page.keyboard.press('Tab');
      if ((await focusedSession(page)) === id) return;
    }
    throw new Error(`Tab never reached session ${id}`);
  }
  const key = (page: Page, keys: string) => answered(page, () => page.keyboard.press(keys));

  it('does the same with the keyboard alone', async () => {
    const meeting = await meetingWithBriefing();
    const { discussion, session1, session2, coffee } = meeting.sessions;
    const page = await openTimetable(meeting);

    await tabTo(page, discussion.id);
    expect((await key(page, 'Alt+ArrowLeft')).status()).toBe(200);
    expect((await key(page, 'ArrowUp')).status()).toBe(200);
    expect((await key(page, 'ArrowUp')).status()).toBe(200);
    expect(await placeOf(meeting, discussion.id)).toEqual({
      startsAt: '2019-10-08T14:00:00+02:00',
      endsAt: '2019-10-08T15:30:00+02:00',
      roomId: meeting.rooms.plenary.id,
    });
    await expect(focusedSession(page)).resolves.toBe(discussion.id);

    await page.keyboard.press('ArrowLeft');
    await expect(focusedSession(page)).resolves.toBe(session2.id);
    expect((await key(page, 'Shift+ArrowDown')).status()).toBe(200);
    expect((await key(page, 'Shift+ArrowDown')).status()).toBe(200);
    expect((await placeOf(meeting, session2.id)).endsAt).toBe('2019-10-08T13:30:00+02:00');

    await page.keyboard.press('ArrowLeft');
    await expect(focusedSession(page)).resolves.toBe(session1.id);
    const before = await sessionNow(meeting, session1.id);
    expect((await key(page, 'Alt+ArrowRight')).status()).toBe(409);
    await expect(page.locator('#tt-status').textContent()).resolves.toBe(
      `Not saved: the room is booked by “${meeting.briefing.title}” at 09:30–10:30.`,
    );
    expect(await sessionNow(meeting, session1.id)).toEqual(before);
    await expect(focusedSession(page)).resolves.toBe(session1.id);

    await tabTo(page, coffee.id);
    expect((await key(page, 'ArrowDown')).status()).toBe(200);
    expect((await placeOf(meeting, coffee.id)).startsAt).toBe('2019-10-08T11:15:00+02:00');
    expect((await key(page, 'Control+z')).status()).toBe(200);
    expect((await placeOf(meeting, coffee.id)).startsAt).toBe('2019-10-08T11:00:00+02:00');

    await Promise.all([page.waitForURL((u) => u.pathname.endsWith(`/agenda/sessions/${coffee.id}`)), page.keyboard.press('Enter')]);
    await page.goBack();

    const version = await publish(page, meeting, 'Timetable changes by keyboard');
    expect(movesIn(version)).toEqual(expectedMoves(meeting));
    expect([version.changes.added, version.changes.cancelled, version.changes.changed]).toEqual([[], [], []]);
  });

  it('refuses the second of two organisers saving the same session, naming the change it would overwrite', async () => {
    const meeting = await meetingWithBriefing();
    const { discussion } = meeting.sessions;
    const first = await openTimetable(meeting);
    const second = await openTimetable(meeting);

    await tabTo(first, discussion.id);
    expect((await key(first, 'ArrowDown')).status()).toBe(200);
    expect((await key(first, 'ArrowDown')).status()).toBe(200);

    await tabTo(second, discussion.id);
    expect((await key(second, 'Alt+ArrowLeft')).status()).toBe(412);
    const message = 'Someone else changed this session: it is now at 15:00–16:30 in Room B; your change was not saved.';
    await expect(second.locator('#tt-status').textContent()).resolves.toBe(message);
    await expect(block(second, discussion.id).textContent()).resolves.toContain('15:00–16:30');
    await expect(block(second, discussion.id).textContent()).resolves.toContain('Room B');
    expect(await placeOf(meeting, discussion.id)).toEqual({
      startsAt: '2019-10-08T15:00:00+02:00',
      endsAt: '2019-10-08T16:30:00+02:00',
      roomId: meeting.rooms.roomB.id,
    });
    await screenshot(second, 'dashboard-timetable-stale');

    // Now based on what it is, the same move goes through.
    expect((await key(second, 'Alt+ArrowLeft')).status()).toBe(200);
    expect((await placeOf(meeting, discussion.id)).roomId).toBe(meeting.rooms.plenary.id);

    // The first organiser's Undo would overwrite that move: refused the same way, and not offered again.
    expect((await key(first, 'Control+z')).status()).toBe(412);
    await expect(first.locator('#tt-status').textContent()).resolves.toBe(
      'Someone else changed this session: it is now at 15:00–16:30 in Plenary hall; your change was not saved.',
    );
    await expect(first.getByRole('button', { name: 'Undo' }).isDisabled()).resolves.toBe(true);
    expect((await placeOf(meeting, discussion.id)).roomId).toBe(meeting.rooms.plenary.id);
  });

  it('adds by dragging over an empty slot, duplicates, deletes after confirming, and shows person overlaps as they appear', async () => {
    const meeting = await meetingWithBriefing();
    const { discussion } = meeting.sessions;
    const page = await openTimetable(meeting);

    // Across 16:00–17:00 in Room B, scrolled into view.
    await page.evaluate('window.scrollTo(0, 450)');
    const x = await columnX(page, 'Room B');
    const top = (await page.locator('.tt-column').nth(1).boundingBox())!.y;
    const at = (minutes: number) => top + ((minutes - 8 * 60) / 15) * ROW_PX + ROW_PX / 2;
    await page.mouse.move(x, at(16 * 60));
    await page.mouse.down();
    await page.mouse.move(x, at(16 * 60 + 45), { steps: 5 });
    await page.mouse.up();
    await expect(page.getByLabel('Starts').inputValue()).resolves.toBe('16:00');
    await expect(page.getByLabel('Ends').inputValue()).resolves.toBe('17:00');
    await expect(page.getByLabel('Room').inputValue()).resolves.toBe(meeting.rooms.roomB.id);
    await page.getByLabel('Title').fill('Closing remarks');
    await page.getByLabel('Kind').selectOption('keynote');
    const closing = await added(page, () => page.getByRole('button', { name: 'Add session', exact: true }).last().click());
    expect(closing.shown).toEqual([
      'Closing remarks',
      'keynote',
      '2019-10-08T16:00:00+02:00',
      '2019-10-08T17:00:00+02:00',
      meeting.rooms.roomB.id,
    ]);
    await expect(focusedSession(page)).resolves.toBe(closing.id);

    const copy = await added(page, () => page.getByRole('button', { name: 'Duplicate' }).click());
    expect(copy.shown).toEqual([
      'Closing remarks',
      'keynote',
      '2019-10-08T17:00:00+02:00',
      '2019-10-08T18:00:00+02:00',
      meeting.rooms.roomB.id,
    ]);

    page.once('dialog', (dialog) => void dialog.accept());
    const deleted = await answered(page, () => page.keyboard.press('Delete'), 'DELETE');
    expect(deleted.status()).toBe(200);
    await api().get(`${meeting.base}/sessions/${copy.id}`).set('Authorization', auth).expect(404);
    await expect(block(page, copy.id).count()).resolves.toBe(0);

    // The discussion's moderator also chairs the first pairings session: moving it there warns.
    await tabTo(page, discussion.id);
    expect((await key(page, 'Alt+ArrowRight')).status()).toBe(200);
    for (let step = 0; step < 18; step++) await key(page, 'ArrowUp');
    expect((await placeOf(meeting, discussion.id)).startsAt).toBe('2019-10-08T10:00:00+02:00');
    await expect(page.locator('#tt-warnings').textContent()).resolves.toContain('Ana Moreau (chair, moderator)');
    await expect(block(page, discussion.id).textContent()).resolves.toContain('Person overlap');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-timetable-overlap');

    // A published session is not removed but cancelled, and marked so on the grid.
    await tabTo(page, meeting.sessions.coffee.id);
    page.once('dialog', (dialog) => void dialog.accept());
    expect((await answered(page, () => page.keyboard.press('Delete'), 'DELETE')).status()).toBe(200);
    expect((await sessionNow(meeting, meeting.sessions.coffee.id)).status).toBe('cancelled');
    await expect(block(page, meeting.sessions.coffee.id).textContent()).resolves.toContain('Cancelled');
  });

  it('adds a session from the keyboard, right after the selected one, and undoes that', async () => {
    const meeting = await meetingWithBriefing();
    const page = await openTimetable(meeting);
    await tabTo(page, meeting.briefing.id);
    await page.keyboard.press('n');
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('tt-title');
    await page.keyboard.type('Press briefing');
    const session = await added(page, () => page.keyboard.press('Enter'));
    expect(session.shown).toEqual([
      'Press briefing',
      'presentations',
      '2019-10-08T10:30:00+02:00',
      '2019-10-08T11:30:00+02:00',
      meeting.rooms.roomB.id,
    ]);
    await expect(focusedSession(page)).resolves.toBe(session.id);

    // Undoing an addition removes the session again (it was never published).
    expect((await answered(page, () => page.keyboard.press('Control+z'), 'DELETE')).status()).toBe(200);
    await api().get(`${meeting.base}/sessions/${session.id}`).set('Authorization', auth).expect(404);
    await expect(page.locator('#tt-status').textContent()).resolves.toBe('Undone: “Press briefing” is removed again.');
  });

  it('moves a session to another day at the same time with Page Down or the day picker, and undoes that; the changelog names the move', async () => {
    const meeting = await meetingWithBriefing();
    const { discussion } = meeting.sessions;
    const page = await openTimetable(meeting);
    await tabTo(page, discussion.id);

    // There is no day before the first: said at the block, nothing sent.
    await page.keyboard.press('PageUp');
    await expect(page.locator('#tt-status').textContent()).resolves.toBe('There is no earlier day in this event.');

    expect((await key(page, 'PageDown')).status()).toBe(200);
    const nextDay = { startsAt: '2019-10-09T14:30:00+02:00', endsAt: '2019-10-09T16:00:00+02:00', roomId: meeting.rooms.roomB.id };
    expect(await placeOf(meeting, discussion.id)).toEqual(nextDay);
    await expect(page.locator('#tt-status').textContent()).resolves.toBe(
      `Moved “${discussion.title}” to Wednesday, 9 October 2019, 14:30–16:00.`,
    );
    await expect(block(page, discussion.id).count()).resolves.toBe(0);
    await expect(focusedSession(page)).resolves.not.toBeNull();

    expect((await key(page, 'Control+z')).status()).toBe(200);
    expect((await placeOf(meeting, discussion.id)).startsAt).toBe('2019-10-08T14:30:00+02:00');
    await expect(block(page, discussion.id).textContent()).resolves.toContain('14:30–16:00');
    await expect(focusedSession(page)).resolves.toBe(discussion.id);

    // The same with the day picker beside the days.
    await page.selectOption('#tt-move-day', '2019-10-09');
    expect((await answered(page, () => page.click('#tt-move-day-go'))).status()).toBe(200);
    expect(await placeOf(meeting, discussion.id)).toEqual(nextDay);
    await page.goto(`${ctx.app.plenary.url}/dashboard/events/${meeting.event.id}/timetable?day=2019-10-09`);
    await expect(block(page, discussion.id).textContent()).resolves.toContain('14:30–16:00');

    const version = await publish(page, meeting, 'Discussion on day two');
    expect(version.changes.moved).toEqual([
      expect.objectContaining({
        sessionId: discussion.id,
        from: expect.objectContaining({ startsAt: '2019-10-08T14:30:00+02:00', roomId: meeting.rooms.roomB.id }),
        to: expect.objectContaining({ startsAt: '2019-10-09T14:30:00+02:00', roomId: meeting.rooms.roomB.id }),
      }),
    ]);
  });

  it('speaks Spanish, the script included, and passes axe', async () => {
    const meeting = await meetingWithBriefing();
    const context = await browsers.newContext();
    contexts.push(context);
    const page = await logInTo(
      context,
      ctx.app.plenary.url as string,
      ADMIN.email,
      ADMIN.password,
      `/dashboard/events/${meeting.event.id}/timetable?lang=es`,
    );
    await page.locator('.tt-block').first().waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('h1').textContent()).toBe('Horario');
    expect(await page.textContent('#tt-help')).toContain('Re Pág y Av Pág');
    await expect(page.locator('.tt-room').allTextContents()).resolves.toEqual(['', 'Plenary hall', 'Room B', 'Sin sala']);
    await expect(block(page, meeting.sessions.coffee.id).textContent()).resolves.toContain('Pausa');
    await tabTo(page, meeting.sessions.coffee.id);
    await expect(page.locator('#tt-selection').textContent()).resolves.toBe('Seleccionada: «Coffee break», 11:00–11:30 en Sin sala.');
    expect((await key(page, 'ArrowDown')).status()).toBe(200);
    await expect(page.locator('#tt-status').textContent()).resolves.toBe('Guardado «Coffee break»: 11:15–11:45 en Sin sala.');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('refuses to stretch a session past the last day with the 422 at the block, saving nothing', async () => {
    const meeting = await meetingWithBriefing();
    const late = (
      await api()
        .post(`${meeting.base}/sessions`)
        .set('Authorization', auth)
        .send({ title: 'Night owls', kind: 'networking', startsAt: '2019-10-09T23:00', endsAt: '2019-10-10T00:00' })
        .expect(201)
    ).body;
    const page = await openTimetable(meeting, '2019-10-09');
    await tabTo(page, late.id);
    expect((await key(page, 'Shift+ArrowDown')).status()).toBe(422);
    const message = "Not saved: The session lies outside the event's days (2019-10-08, 2019-10-09, Europe/Brussels).";
    await expect(page.locator('#tt-status').textContent()).resolves.toBe(message);
    await expect(page.locator('.tt-flash').textContent()).resolves.toBe(message);
    await expect(block(page, late.id).textContent()).resolves.toContain('23:00–00:00');
    expect((await placeOf(meeting, late.id)).endsAt).toBe('2019-10-10T00:00:00+02:00');
  });

  it("answers a scripted change without the page's CSRF value or a login with problem+json, not an error page or a redirect", async () => {
    const meeting = await meetingWithBriefing();
    const response = await api()
      .patch(`/dashboard/events/${meeting.event.id}/timetable/sessions/${meeting.sessions.coffee.id}`)
      .send({ startsAt: '2019-10-08T12:00', endsAt: '2019-10-08T12:30' })
      .expect(403);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.detail).toContain('reload it');

    // With the CSRF value but no login: a 401 the script can read, not a redirect to the login form.
    const token = 'a'.repeat(43);
    const loggedOut = await api()
      .patch(`/dashboard/events/${meeting.event.id}/timetable/sessions/${meeting.sessions.coffee.id}`)
      .set('Cookie', `plenary_csrf=${token}`)
      .set('X-CSRF-Token', token)
      .send({ startsAt: '2019-10-08T12:00', endsAt: '2019-10-08T12:30' })
      .expect(401);
    expect(loggedOut.headers['content-type']).toContain('application/problem+json');
    expect(loggedOut.body.detail).toContain('log in again');
    expect((await placeOf(meeting, meeting.sessions.coffee.id)).startsAt).toBe('2019-10-08T11:00:00+02:00');
  });
});
