import { BrowserContext } from 'playwright-core';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { logInTo } from '../../support/dashboard-login';
import { attendee, createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';
import { fieldErrors, organiserAgent, unescape } from './dashboard-emails-support';

describe('dashboard: compose an announcement, review it with its recipients, send it', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;
  let event: Awaited<ReturnType<typeof createOpenEvent>>;
  let organiser: Awaited<ReturnType<typeof organiserAgent>>;
  const people: Record<string, { id: string; email: string; name: string }> = {};
  const announcements = () => `/dashboard/events/${event.id}/announcements`;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    organiser = await organiserAgent(ctx.app.plenary.url as string, ADMIN.email, ADMIN.password);
    for (const [key, overrides] of Object.entries({
      luisa: { name: 'Luisa Pérez', language: 'es' },
      anna: { name: 'Anna Peeters' },
      claire: { name: 'Claire Martin', language: 'fr' },
    })) {
      const body = attendee(overrides);
      const created = await ctx.app.http.post(`/events/${event.id}/registrations`).set('Authorization', auth).send(body).expect(201);
      people[key] = { id: created.body.id, email: body.email, name: body.name };
      await ctx.smtp.waitForMail(body.email);
    }
  });

  it('keeps what was typed and says beside each field what is missing; refuses the form without its CSRF value', async () => {
    const typed = {
      audience: 'confirmed',
      subject: '  ',
      message: 'Bring your badge.',
      es_subject: 'Traiga su acreditación',
      es_message: '',
    };
    const refused = await organiser.post(announcements(), typed).expect(400);
    expect(fieldErrors(refused.text)).toEqual({ 'f-subject': 'Please enter a subject.', 'f-es_message': 'Please enter the message.' });
    const text = unescape(refused.text);
    expect(text).toContain('>Bring your badge.</textarea>');
    expect(text).toContain('value="Traiga su acreditación"');
    expect(text).toContain('<option value="confirmed" selected>Confirmed attendees</option>');

    await organiser.post(announcements(), { ...typed, subject: 'Badges', es_message: 'Tráigala.' }, false).expect(403);
    const list = await ctx.app.http.get(`/events/${event.id}/announcements`).set('Authorization', auth).expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('takes the registrations picked on the registrations page as its audience, and refuses ids of no registration here', async () => {
    const picked = `?registrationId=${people.luisa.id}&registrationId=${people.anna.id}`;
    const form = await organiser.get(`${announcements()}/new${picked}`).expect(200);
    expect(form.text).toContain('<option value="selected_registrations" selected>Selected registrations (2)</option>');
    expect(form.text).toContain(`<input type="hidden" name="registrationId" value="${people.luisa.id}">`);

    const stranger = await organiser
      .post(announcements(), {
        audience: 'selected_registrations',
        registrationId: [people.luisa.id, '00000000-0000-4000-8000-000000000000'],
        subject: 'Dinner',
        message: 'Dinner at eight.',
      })
      .expect(422);
    expect(stranger.text).toContain('Some of the selected registrations are not in this event');

    const created = await organiser
      .post(announcements(), {
        audience: 'selected_registrations',
        registrationId: [people.luisa.id, people.anna.id],
        subject: 'Dinner',
        message: 'Dinner at eight.',
        es_subject: 'Cena',
        es_message: 'Cena a las ocho.',
      })
      .expect(303);
    const review = unescape((await organiser.get(created.headers.location).expect(200)).text);
    expect(review).toContain('<dd class="recipient-count">2</dd>');
    expect(review).toContain('<tr><td>Luisa Pérez</td><td>Spanish</td></tr>');
    expect(review).toContain('<tr><td>Anna Peeters</td><td>English</td></tr>');
    expect(review).not.toContain('Claire Martin');
    expect(review).toContain(`<span class="preview-subject">Cena — ${event.title}</span>`);
    expect(review).toContain(`<span class="preview-subject">Dinner — ${event.title}</span>`);

    const frameSrc = /<section class="mail-version" data-language="es">[\s\S]*?<iframe class="mail-frame" src="([^"]+)"/.exec(review)?.[1];
    const frame = await organiser.get(frameSrc as string).expect(200);
    expect(frame.headers['content-security-policy']).toMatch(/^sandbox;/);
    expect(frame.text).toContain('<p>Cena a las ocho.</p>');

    await organiser.post(`${created.headers.location}/send`, {}, false).expect(403);
    await organiser.post(`${created.headers.location}/send`).expect(303);
    const luisaMail = await ctx.smtp.waitForMail(people.luisa.email, 2);
    expect(luisaMail[1].subject).toBe(`Cena — ${event.title}`);
    const annaMail = await ctx.smtp.waitForMail(people.anna.email, 2);
    expect(annaMail[1].subject).toBe(`Dinner — ${event.title}`);
  });

  describe('in a browser', () => {
    let context: BrowserContext;

    afterAll(async () => {
      await context?.close();
    });

    it.each(['en', 'es'])(
      'shows the outbox, a message as sent and the texts of the system emails without serious axe violations (%s)',
      async (language) => {
        context = await browsers.newContext();
        const emails = `/dashboard/events/${event.id}/emails`;
        // Logged in on the English form, then the dashboard switched to the language (kept in its cookie).
        const tab = await logInTo(context, ctx.app.plenary.url as string, ADMIN.email, ADMIN.password, emails);
        await tab.goto(`${ctx.app.plenary.url}${emails}?lang=${language}`);
        const [first] = (await ctx.app.http.get(`/events/${event.id}/emails`).set('Authorization', auth).expect(200)).body.items;
        for (const path of [
          `${emails}/${first.id}`,
          `${emails}/resend-failed`,
          `/dashboard/events/${event.id}/email-texts`,
          `/dashboard/events/${event.id}/email-texts/registration-confirmed/es`,
          `/dashboard/events/${event.id}/email-texts/presenter-invitation/fr/reset`,
        ]) {
          await tab.goto(`${ctx.app.plenary.url}${path}`);
          expect({ path, violations: await seriousA11yViolations(tab) }).toEqual({ path, violations: [] });
        }
        await tab.goto(`${ctx.app.plenary.url}/dashboard/events/${event.id}/email-texts/registration-confirmed/es`);
        await tab.locator('#f-body').fill('Hola {nombre}');
        await tab.locator('button[value="save"]').click();
        await tab.locator('#f-body-error').waitFor();
        expect(await seriousA11yViolations(tab)).toEqual([]);
        await screenshot(tab, `dashboard-email-text-refused-${language}`);
        await context.close();
      },
    );

    it.each(['en', 'es'])('composes and sends an announcement from the Emails tab, every page passing axe (%s)', async (language) => {
      context = await browsers.newContext();
      const path = `/dashboard/events/${event.id}/emails`;
      const tab = await logInTo(context, ctx.app.plenary.url as string, ADMIN.email, ADMIN.password, path);
      await tab.goto(`${ctx.app.plenary.url}${path}?lang=${language}`);
      const words =
        language === 'es'
          ? {
              write: 'Escribir un anuncio',
              subject: 'Asunto',
              message: 'Mensaje',
              review: 'Ver el anuncio y sus destinatarios',
              send: /^Enviar a 3/,
            }
          : {
              write: 'Write an announcement',
              subject: 'Subject',
              message: 'Message',
              review: 'Preview the announcement and its recipients',
              send: /^Send to 3/,
            };
      expect(await seriousA11yViolations(tab)).toEqual([]);

      await tab.getByRole('link', { name: words.write }).click();
      await tab.waitForURL(/\/announcements\/new/);
      expect(await seriousA11yViolations(tab)).toEqual([]);
      // Sent without a subject first: the message says so beside the field, what was typed stays.
      await tab.locator('#f-message').fill(`Coffee is served from 8:30 (${language}).`);
      await tab.getByRole('button', { name: words.review }).click();
      await tab.locator('#f-subject-error').waitFor();
      expect(await tab.locator('#f-message').inputValue()).toBe(`Coffee is served from 8:30 (${language}).`);
      expect(await seriousA11yViolations(tab)).toEqual([]);

      await tab.locator('#f-subject').fill(`Coffee ${language}`);
      await tab
        .locator('details')
        .filter({ hasText: language === 'es' ? 'Versión en Francés' : 'Version in French' })
        .locator('summary')
        .click();
      await tab.locator('#f-fr_subject').fill(`Café ${language}`);
      await tab.locator('#f-fr_message').fill('Le café est servi dès 8 h 30.');
      await tab.getByRole('button', { name: words.review }).click();
      await tab.waitForURL(/\/announcements\/[0-9a-f-]{36}$/);
      await tab.locator('.recipient-count', { hasText: '3' }).waitFor();
      expect(await tab.locator('section.mail-version').count()).toBe(3);
      expect(await seriousA11yViolations(tab)).toEqual([]);
      await screenshot(tab, `dashboard-announcement-review-${language}`);

      await tab.getByRole('button', { name: words.send }).click();
      await tab.getByRole('status').waitFor();
      expect(await seriousA11yViolations(tab)).toEqual([]);
      const received = (who: string, subject: string) =>
        waitFor(`“${subject}” to ${who}`, () => ctx.smtp.for(people[who].email).find((m) => m.subject === `${subject} — ${event.title}`));
      expect((await received('claire', `Café ${language}`)).text).toContain('Le café est servi dès 8 h 30.');
      expect((await received('anna', `Coffee ${language}`)).text).toContain(`Coffee is served from 8:30 (${language}).`);
      await context.close();
    });
  });
});
