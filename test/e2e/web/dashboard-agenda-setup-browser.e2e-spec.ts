import { Page } from 'playwright-core';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { logInTo } from '../../support/dashboard-login';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

/**
 * An organiser sets up the meeting's agenda in a browser, from an empty event:
 * two themes, two rooms, a break and a day-2 session hosted by the Joint
 * Research Centre, and a pairing with a lead from Chile and a co-presenter
 * from Spain. Every page it visits passes axe, in English and in Spanish.
 */
describe('dashboard in a browser: setting up the agenda', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();

  const submitted = async (page: Page, button: string) => {
    await Promise.all([
      page.waitForURL((u) => u.searchParams.has('saved')),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
  };
  const accessible = async (page: Page, name: string) => {
    expect([name, await seriousA11yViolations(page)]).toEqual([name, []]);
    await screenshot(page, name);
  };

  it('builds rooms, themes, a break, a hosted session and a paired presentation, every page accessible in English and Spanish', async () => {
    const api = ctx.app.http;
    const auth = await login(api, ADMIN.email, ADMIN.password);
    const event = (
      await api
        .post('/events')
        .set('Authorization', auth)
        .send({
          title: 'IUC region-to-region meeting',
          timezone: 'Europe/Brussels',
          startsAt: '2030-10-08T09:00',
          endsAt: '2030-10-09T17:30',
        })
        .expect(201)
    ).body;
    const base = `/dashboard/events/${event.id}`;
    const url = (path: string) => `${ctx.app.plenary.url}${path}`;
    const context = await browsers.newContext();
    const page = await logInTo(context, ctx.app.plenary.url as string, ADMIN.email, ADMIN.password, `${base}/rooms-themes`);
    await accessible(page, 'agenda-setup-rooms-empty');

    for (const [name, capacity] of [
      ['Plenary hall', '220'],
      ['Room B', '60'],
    ]) {
      await page.getByLabel('Room name').fill(name);
      await page.locator('#f-capacity').fill(capacity);
      await submitted(page, 'Add room');
    }
    for (const [name, colour] of [
      ['Sustainability and natural resources', '#2e7d32'],
      ['Industry modernisation', '#1565c0'],
    ]) {
      await page.getByLabel('Theme name').fill(name);
      await page.getByLabel('Colour').fill(colour);
      await submitted(page, 'Add theme');
    }
    await expect(page.locator('.room-row').count()).resolves.toBe(2);
    await expect(page.locator('.theme-row rect').first().getAttribute('fill')).resolves.toBe('#2e7d32');
    await accessible(page, 'agenda-setup-rooms');
    const themes = (await api.get(`/events/${event.id}/themes`).set('Authorization', auth).expect(200)).body.items;
    expect(themes.map((t: { name: string; colour: string }) => [t.name, t.colour])).toEqual([
      ['Sustainability and natural resources', '#2e7d32'],
      ['Industry modernisation', '#1565c0'],
    ]);

    await page.goto(url(`${base}/agenda`));
    await accessible(page, 'agenda-setup-agenda-empty');
    await page.getByLabel('Title').fill('Coffee and tea');
    await page.getByLabel('Kind').selectOption({ label: 'Break' });
    await page.getByLabel('Starts').fill('2030-10-08T11:00');
    await page.getByLabel('Ends').fill('2030-10-08T11:30');
    await submitted(page, 'Add session');

    await page.getByLabel('Title').fill('Smart specialisation: the JRC day');
    await page.getByLabel('Kind').selectOption({ label: 'Discussion' });
    await page.getByLabel('Starts').fill('2030-10-09T09:30');
    await page.getByLabel('Ends').fill('2030-10-09T11:00');
    await page.getByLabel('Room', { exact: true }).selectOption({ label: 'Plenary hall' });
    await page.getByLabel('Theme', { exact: true }).selectOption({ label: 'Industry modernisation' });
    await page.getByLabel('Host organisation').fill('Joint Research Centre');
    await page.getByLabel('Description').fill('Regions and the JRC on smart specialisation');
    await submitted(page, 'Add session');
    await expect(page.locator('.session-kind').allTextContents()).resolves.toEqual(['Break', 'Discussion']);
    await expect(page.locator('.session-host').textContent()).resolves.toBe('Hosted by Joint Research Centre');
    await accessible(page, 'agenda-setup-agenda');
    const sessions = (await api.get(`/events/${event.id}/sessions`).set('Authorization', auth).expect(200)).body.items;
    expect(
      sessions.map((s: { title: string; kind: string; hostOrganisation: string | null }) => [s.title, s.kind, s.hostOrganisation]),
    ).toEqual([
      ['Coffee and tea', 'break', null],
      ['Smart specialisation: the JRC day', 'discussion', 'Joint Research Centre'],
    ]);

    await page.goto(url(`${base}/presentations`));
    await accessible(page, 'agenda-setup-presentations-empty');
    await page.getByRole('link', { name: 'New presentation' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/presentations/new'));
    await accessible(page, 'agenda-setup-presentation-new');
    await page.getByLabel('Title').fill('Value chains of Biobío and the Basque Country');
    await page.getByLabel('Session', { exact: true }).selectOption({ index: 2 });
    await page.getByLabel('Theme', { exact: true }).selectOption({ label: 'Industry modernisation' });
    const row = (n: number, field: string) => page.locator(`#f-presenters-${n}-${field}`);
    await row(0, 'name').fill('Camila Rojas');
    await row(0, 'email').fill('camila.rojas@gore-biobio.test');
    await row(0, 'organisation').fill('Gobierno Regional del Biobío');
    await row(0, 'region').fill('Biobío');
    await row(0, 'countryCode').fill('CL');
    await row(1, 'name').fill('Iker Etxeberria');
    await row(1, 'email').fill('iker.etxeberria@spri.test');
    await row(1, 'organisation').fill('SPRI');
    await row(1, 'region').fill('País Vasco');
    await row(1, 'countryCode').fill('ES');
    await page.getByLabel('Purpose').fill('Modernise food value chains together');
    await page.getByRole('button', { name: 'Add another presenter' }).click();
    await row(2, 'name').waitFor();
    await expect(row(1, 'countryCode').inputValue()).resolves.toBe('ES');
    await submitted(page, 'Create presentation');
    await expect(page.locator('.presenter-list li').allTextContents()).resolves.toEqual([
      expect.stringContaining('Camila Rojas, Gobierno Regional del Biobío (CL) Lead presenter'),
      expect.stringContaining('Iker Etxeberria, SPRI (ES) Co-presenter'),
    ]);
    await accessible(page, 'agenda-setup-presentations');
    const [presentation] = (await api.get(`/events/${event.id}/presentations`).set('Authorization', auth).expect(200)).body.items;
    expect(presentation.sessionId).toBe(sessions[1].id);
    expect(presentation.sections.purpose).toBe('Modernise food value chains together');
    expect(
      presentation.presenters.map((p: { name: string; countryCode: string; role: string }) => [p.name, p.countryCode, p.role]),
    ).toEqual([
      ['Camila Rojas', 'CL', 'lead'],
      ['Iker Etxeberria', 'ES', 'co'],
    ]);

    const [plenary] = (await api.get(`/events/${event.id}/rooms`).set('Authorization', auth).expect(200)).body.items;
    const visited = [
      ['rooms', `${base}/rooms-themes`, 'Salas y temas'],
      ['room-edit', `${base}/rooms-themes/rooms/${plenary.id}`, 'Editar sala'],
      ['theme-delete', `${base}/rooms-themes/themes/${themes[0].id}/delete`, '¿Eliminar el tema «Sustainability and natural resources»?'],
      ['agenda', `${base}/agenda`, 'Programa'],
      ['session', `${base}/agenda/sessions/${sessions[1].id}`, 'Editar sesión'],
      ['presentations', `${base}/presentations`, 'Presentaciones'],
      ['presentation-edit', `${base}/presentations/${presentation.id}/edit`, 'Editar presentación'],
      ['invite-all', `${base}/presentations/invite-all`, 'Invitar a todos los ponentes aún no invitados'],
    ];
    for (const [name, path, heading] of visited) {
      await page.goto(url(`${path}?lang=es`));
      await expect(page.locator('h1').textContent()).resolves.toBe(heading);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
      // No value of the API's enums shows through untranslated.
      const text = (await page.locator('main').textContent()) ?? '';
      expect([
        name,
        text.match(
          /\b(not_invited|draft|lead|co-presenter|break|discussion|scheduled|cancelled|invited|missing|submitted|chair|moderator|all)\b/g,
        ),
      ]).toEqual([name, null]);
      await accessible(page, `agenda-setup-es-${name}`);
    }
    await expect(page.locator('main').textContent()).resolves.toContain('2 ponentes recibirán');
    await page.goto(url(`${base}/agenda`));
    await expect(page.locator('.session-kind').allTextContents()).resolves.toEqual(['Pausa', 'Debate']);
    for (const [name, path] of visited) {
      await page.goto(url(`${path}?lang=en`));
      await accessible(page, `agenda-setup-en-${name}`);
    }
    await context.close();
  }, 120_000);
});
