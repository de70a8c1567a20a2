import request from 'supertest';
import { screenshot, useBrowser } from '../../support/browser';
import { attendee, createOpenEvent } from '../../support/future-event';
import { invitePresenters } from '../../support/presenter-invitations';
import { registrationTokenIn } from '../../support/registration-link';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

/**
 * What the public forms say when something is missing: the person's language,
 * a sentence for people, and only spaces counting as nothing — in the page,
 * the browser's own check and the API.
 */
describe('public form messages', () => {
  const ctx = useTestApp();
  const browsers = useBrowser();
  let auth: string;
  let event: { id: string; slug: string };

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    const created = await createOpenEvent(ctx.app.http, auth);
    event = { id: created.id, slug: (await ctx.app.http.get(`/events/${created.id}`).set('Authorization', auth).expect(200)).body.slug };
  });

  /**
   * A cookie-keeping client of the running app in the given language that opened `entry`
   * (an emailed link moves its token into a cookie), with the CSRF value of the form at `formPage`.
   */
  async function visitor(language: string, entry: string, formPage = entry) {
    const agent = request.agent(ctx.app.plenary.url as string);
    await agent.get(entry).set('Accept-Language', language).redirects(1).expect(200);
    const page = await agent.get(formPage).set('Accept-Language', language).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const post = (target: string, form: Record<string, string>) =>
      agent
        .post(target)
        .set('Accept-Language', language)
        .type('form')
        .send({ ...form, _csrf: csrf });
    return { page, post };
  }

  const fieldErrors = (html: string) =>
    Object.fromEntries([...html.matchAll(/<p class="field-error" id="([^"]+)-error">([^<]*)<\/p>/g)].map((m) => [m[1], m[2]]));

  const blankForm = { name: '   ', email: '', organisation: '  ', organisationType: '', region: ' ', countryCode: '' };

  it.each([
    [
      'es',
      {
        'f-name': 'Indique su nombre.',
        'f-email': 'Indique su dirección de correo electrónico.',
        'f-organisation': 'Indique su organización.',
        'f-organisationType': 'Elija el tipo de su organización.',
        'f-region': 'Indique su región.',
        'f-countryCode': 'Elija su país.',
      },
    ],
    ['en', { 'f-name': 'Please enter your name.', 'f-countryCode': 'Please choose your country.' }],
    ['pt', { 'f-name': 'Indique o seu nome.', 'f-region': 'Indique a sua região.' }],
    ['fr', { 'f-name': 'Veuillez indiquer votre nom.', 'f-email': 'Veuillez indiquer votre adresse e-mail.' }],
  ])('says on the %s registration form which field is empty, spaces counting as empty', async (language, expected) => {
    const { post } = await visitor(language, `/e/${event.slug}/register`);
    const refused = await post(`/e/${event.slug}/register`, blankForm).expect(400);
    expect(fieldErrors(refused.text)).toMatchObject(expected);
    expect(refused.text).not.toMatch(/Invalid input|expected string|received undefined/);
  });

  it('says so on the attendee edit form in the language they registered with, and keeps their name', async () => {
    const person = attendee({ language: 'es' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(person).expect(201);
    const [mail] = await ctx.smtp.waitForMail(person.email);
    const link = `/my-registration?token=${encodeURIComponent(registrationTokenIn(mail.text))}`;
    const { post } = await visitor('es', link, '/my-registration/edit');
    const refused = await post('/my-registration/edit', { name: '    ', organisation: '', region: '', countryCode: '' }).expect(400);
    expect(fieldErrors(refused.text)).toEqual({ 'f-name': 'Indique su nombre.' });
    const stored = await ctx.app.http.get(`/events/${event.id}/registrations`).query({ q: person.email }).set('Authorization', auth);
    expect(stored.body.items[0].name).toBe(person.name);
  });

  it('says so on the presenter form in the page language, and keeps the title', async () => {
    const presenter = { ...attendee(), role: 'lead' };
    const presentation = (
      await ctx.app.http
        .post(`/events/${event.id}/presentations`)
        .set('Authorization', auth)
        .send({ title: 'Joint results', presenters: [presenter] })
        .expect(201)
    ).body;
    const tokens = await invitePresenters(ctx, auth, presentation.id);
    const { post } = await visitor('fr', `/presenter?token=${encodeURIComponent(tokens[presenter.email])}`, '/presenter');
    const refused = await post(`/presenter/presentations/${presentation.id}`, { title: '   ', abstract: '' }).expect(400);
    expect(refused.text).toContain(`id="p-${presentation.id}-title-error">Veuillez indiquer le titre de votre présentation.</p>`);
    const longReason = await post(`/presenter/presentations/${presentation.id}/decline`, { reason: 'x'.repeat(2001) }).expect(400);
    expect(longReason.text).toContain(`id="p-${presentation.id}-reason-error">Ce texte est trop long : 2000 caractères au plus.</p>`);
    const stored = await ctx.app.http.get(`/events/${event.id}/presentations/${presentation.id}`).set('Authorization', auth).expect(200);
    expect(stored.body.title).toBe('Joint results');
  });

  it('answers the API with messages for people, naming each field, and refuses a name of spaces', async () => {
    const refused = await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .send({ name: '   ', email: 'someone@region.test', organisation: 'Agency', region: 'Piura', countryCode: 'PE' })
      .expect(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors).toEqual([
      { field: 'name', message: 'required' },
      { field: 'organisationType', message: 'required' },
    ]);
    const wrongTypes = await ctx.app.http
      .post(`/events/${event.id}/registrations`)
      .send({ ...attendee(), name: 42, organisation: undefined, consents: { photos: 'yes' } })
      .expect(400);
    expect(wrongTypes.body.errors).toEqual([
      { field: 'name', message: 'expected text' },
      { field: 'organisation', message: 'required' },
      { field: 'consents.photos', message: 'expected true or false' },
    ]);

    const asking = await createOpenEvent(ctx.app.http, auth);
    const question = { key: 'dietary', label: 'Dietary requirements', type: 'text', required: true };
    await ctx.app.http.post(`/events/${asking.id}/questions`).set('Authorization', auth).send(question).expect(201);
    const blankAnswer = await ctx.app.http
      .post(`/events/${asking.id}/registrations`)
      .send({ ...attendee(), answers: { dietary: '   ' } })
      .expect(400);
    expect(blankAnswer.body.errors).toEqual([{ field: 'answers.dietary', message: 'required' }]);
  });

  it('has the browser refuse a required field of only spaces', async () => {
    const context = await browsers.newContext({ locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(`${ctx.app.plenary.url}/e/${event.slug}/register`);
    await page.locator('#f-name').fill('   ');
    await page.locator('#f-region').fill('Piura');
    expect(await page.locator('#f-name').evaluate((input) => (input as unknown as { validity: { valid: boolean } }).validity.valid)).toBe(
      false,
    );
    expect(await page.locator('#f-region').evaluate((input) => (input as unknown as { validity: { valid: boolean } }).validity.valid)).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Inscribirme' }).click();
    await page.locator('#f-name-error').waitFor();
    expect(await page.textContent('#f-name-error')).toBe('Indique su nombre.');
    await screenshot(page, 'attendee-register-blank-name-es');
    await context.close();
  });
});
