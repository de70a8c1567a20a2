import type { Page } from 'playwright-core';
import { screenshot, seriousA11yViolations, useBrowser } from '../../support/browser';
import { attendee, createOpenEvent, daysFromNow } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { myRegistrationLink, registeredAttendee } from './attendee-support';

describe('attendee registration pages', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  const appUrl = () => ctx.app.plenary.url ?? '';
  let auth: string;
  let event: { id: string; title: string; slug: string };

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const created = await createOpenEvent(ctx.app.http, auth);
    const questions = [
      { key: 'dietary', label: 'Dietary requirements', type: 'text', required: true },
      { key: 'workshop', label: 'Preferred workshop', type: 'choice', required: false, options: ['Innovation', 'Tourism'] },
      { key: 'first_time', label: 'Is this your first meeting?', type: 'boolean', required: false },
    ];
    for (const question of questions) {
      await ctx.app.http.post(`/events/${created.id}/questions`).set('Authorization', auth).send(question).expect(201);
    }
    const read = await ctx.app.http.get(`/events/${created.id}`).set('Authorization', auth).expect(200);
    event = { id: created.id, title: created.title, slug: read.body.slug };
  });

  const registrationsOf = async (email: string) =>
    (await ctx.app.http.get(`/events/${event.id}/registrations`).query({ q: email }).set('Authorization', auth).expect(200)).body
      .items as Array<{ email: string; status: string; answers: Record<string, unknown> }>;

  async function fillForm(page: Page, person: ReturnType<typeof attendee>) {
    await page.getByLabel('Full name').fill(String(person.name));
    await page.getByLabel('Email address').fill(String(person.email));
    await page.getByLabel('Organisation', { exact: false }).first().fill(String(person.organisation));
    await page.getByLabel('Type of organisation').selectOption('public_authority');
    await page.getByLabel('Region').fill(String(person.region));
    await page.getByLabel('Country').selectOption('PE');
  }

  it('registers from the public event page and shows the confirmation; the emailed link opens "my registration", which cancels after a confirmation step', async () => {
    const person = attendee();
    const context = await browsers.newContext();
    const page = await context.newPage();
    await page.goto(`${appUrl()}/e/${event.slug}`);
    await page.getByRole('link', { name: 'Register' }).click();
    await page.waitForURL(`**/e/${event.slug}/register`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await fillForm(page, person);
    await page.getByLabel('Dietary requirements').fill('Vegetarian');
    await page.getByLabel('Preferred workshop').selectOption('Tourism');
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel('I agree to appear in photos').check();
    await screenshot(page, 'attendee-register-form');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(`**/e/${event.slug}/registered?status=confirmed`);
    expect(await page.locator('h1').textContent()).toBe('You are registered');
    expect(await page.textContent('main')).toContain('check-in code and your personal link');
    await screenshot(page, 'attendee-registered');

    const [stored] = await registrationsOf(String(person.email));
    expect(stored).toMatchObject({ status: 'confirmed', answers: { dietary: 'Vegetarian', workshop: 'Tourism', first_time: true } });

    const [mail] = await ctx.smtp.waitForMail(String(person.email));
    const link = myRegistrationLink(ctx, mail.text);
    expect(link).not.toBe('');
    await page.goto(link);
    await page.waitForURL((url) => url.pathname === '/my-registration');
    expect(page.url()).not.toContain('token=');
    expect(await page.locator('h1').textContent()).toBe('My registration');
    expect(await page.textContent('#registration-status')).toBe('Confirmed');
    expect(await page.textContent('main')).toContain('Europe/Brussels');
    const code = (await page.textContent('#check-in-code'))?.trim();
    expect(code).toBeTruthy();
    expect(await page.locator('.qr-image svg').count()).toBe(1);
    expect(await page.getAttribute('.qr-image', 'aria-label')).toContain(code);
    expect(await page.textContent('.details')).toContain('Vegetarian');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'attendee-my-registration');

    await page.getByRole('link', { name: 'Cancel my registration' }).click();
    await page.waitForURL('**/my-registration/cancel');
    expect(await page.locator('h1').textContent()).toBe('Cancel your registration?');
    expect((await registrationsOf(String(person.email)))[0].status).toBe('confirmed');
    await screenshot(page, 'attendee-cancel-confirmation');
    await page.getByRole('button', { name: 'Yes, cancel my registration' }).click();
    await page.waitForURL('**/my-registration/cancelled');
    expect(await page.locator('h1').textContent()).toBe('Your registration is cancelled');
    expect(await page.textContent('#registration-status')).toBe('Cancelled');
    await screenshot(page, 'attendee-cancelled');
    expect((await registrationsOf(String(person.email)))[0].status).toBe('cancelled');
    await context.close();
  });

  it('shows errors beside the fields with what was typed kept, and passes axe with the errors shown', async () => {
    const person = attendee();
    const context = await browsers.newContext();
    const page = await context.newPage();
    await page.goto(`${appUrl()}/e/${event.slug}/register`);
    await fillForm(page, person);
    await page.getByLabel('Email address').fill('not-an-address');
    await page.getByLabel('Preferred workshop').selectOption('Innovation');
    await page.getByRole('button', { name: 'Register' }).click();

    await page.locator('#form-errors').waitFor();
    expect(await page.textContent('#f-email-error')).toBe('Enter an email address such as name@example.org.');
    expect(await page.getAttribute('#f-email', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-email', 'aria-describedby')).toContain('f-email-error');
    expect(await page.textContent('#q-dietary-error')).toBe('This is required.');
    expect(await page.inputValue('#f-email')).toBe('not-an-address');
    expect(await page.inputValue('#f-name')).toBe(person.name);
    expect(await page.inputValue('#f-region')).toBe(person.region);
    expect(await page.inputValue('#f-countryCode')).toBe('PE');
    expect(await page.inputValue('#q-workshop')).toBe('Innovation');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'attendee-register-errors');
    expect(await registrationsOf('not-an-address')).toEqual([]);
    await context.close();
  });

  it('says beside the email field that an address is already registered, and emails its link again', async () => {
    const { person, email } = await registeredAttendee(ctx, event.id, { answers: { dietary: 'None' } });
    const context = await browsers.newContext();
    const page = await context.newPage();
    await page.goto(`${appUrl()}/e/${event.slug}/register`);
    await fillForm(page, person);
    await page.getByLabel('Dietary requirements').fill('None');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.locator('#f-email-error').waitFor();
    expect(await page.textContent('#f-email-error')).toContain('already registered');
    expect(await ctx.smtp.waitForMail(email, 2)).toHaveLength(2);
    await context.close();
  });

  it('refuses a registration posted without the CSRF field and creates nothing', async () => {
    const person = attendee();
    const form = await ctx.app.http.get(`/e/${event.slug}/register`).expect(200);
    const cookies = form.headers['set-cookie'] as unknown as string[];
    const refused = await ctx.app.http
      .post(`/e/${event.slug}/register`)
      .set('Cookie', cookies.map((c) => c.split(';')[0]).join('; '))
      .type('form')
      .send({ ...person, 'answers.dietary': 'None' })
      .expect(403);
    expect(refused.headers['content-type']).toMatch(/text\/html/);
    expect(refused.text).toContain('This form has expired or was not sent from this site');
    expect(await registrationsOf(String(person.email))).toEqual([]);
  });

  it('says when registration opens instead of showing the form, and refuses a submission before then', async () => {
    const early = await createOpenEvent(ctx.app.http, auth, { registrationOpensAt: daysFromNow(10) });
    const slug = (await ctx.app.http.get(`/events/${early.id}`).set('Authorization', auth).expect(200)).body.slug;
    const page = await ctx.app.http.get(`/e/${slug}/register`).expect(200);
    expect(page.text).toContain('Registration opens on');
    expect(page.text).not.toContain('name="email"');
    const cookies = (page.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]);
    const csrf = cookies.find((c) => c.startsWith('plenary_csrf='))?.split('=')[1] ?? '';
    const person = attendee();
    await ctx.app.http
      .post(`/e/${slug}/register`)
      .set('Cookie', cookies.join('; '))
      .type('form')
      .send({ ...person, _csrf: csrf })
      .expect(422);
    const list = await ctx.app.http.get(`/events/${early.id}/registrations`).set('Authorization', auth).expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('shows the form in Spanish to a Spanish-speaking visitor', async () => {
    const context = await browsers.newContext({ locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(`${appUrl()}/e/${event.slug}/register`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.locator('h1').textContent()).toBe('Inscripción');
    expect(await page.locator('label[for="f-countryCode"]').textContent()).toContain('País');
    expect(await page.locator('#f-organisationType option[value="public_authority"]').textContent()).toBe('Administración pública');
    expect(await page.getByRole('button', { name: 'Inscribirme' }).count()).toBe(1);
    await screenshot(page, 'attendee-register-es');
    await context.close();
  });
});
