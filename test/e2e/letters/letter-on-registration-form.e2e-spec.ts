import request from 'supertest';
import { attendee, createOpenEvent } from '../../support/future-event';
import { passportDetails } from '../../support/letter-request';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';

/**
 * The visa letter asked for on the public registration form itself: offered only where the
 * organisers set letters up, checked before anything is written, then written for the new
 * registration; the passport number never comes back in a page.
 */
describe('visa letter on the registration form', () => {
  const ctx = useTestApp();
  let auth: string;
  let plain: { id: string; slug: string };
  let offering: { id: string; slug: string };
  /** Every page this file was answered, to look for the passport number in at the end. */
  const pages: string[] = [];
  const NUMBER = 'PE-7654 3298';

  async function openEvent(body: Record<string, unknown> = {}) {
    const created = await createOpenEvent(ctx.app.http, auth, body);
    return { id: created.id, slug: (await ctx.app.http.get(`/events/${created.id}`).set('Authorization', auth).expect(200)).body.slug };
  }

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    plain = await openEvent();
    offering = await openEvent({ startsAt: '2027-03-09T09:00', endsAt: '2027-03-10T17:30' });
    await ctx.app.http
      .put(`/events/${offering.id}/letter-settings`)
      .set('Authorization', auth)
      .send({ letterhead: 'European Committee of the Regions\nRue Belliard 99–101, Brussels', signatoryName: '', signatoryTitle: '' })
      .expect(200);
  });

  /** A cookie-keeping visitor of the running app that opened the event's registration form, with its CSRF value. */
  async function visitor(slug: string, language = 'en') {
    const agent = request.agent(ctx.app.plenary.url as string);
    const form = await agent.get(`/e/${slug}/register`).set('Accept-Language', language).expect(200);
    pages.push(form.text);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] as string;
    const register = async (fields: Record<string, string>, expected: number) => {
      const answer = await agent
        .post(`/e/${slug}/register`)
        .set('Accept-Language', language)
        .type('form')
        .send({ ...fields, _csrf: csrf })
        .expect(expected);
      pages.push(answer.text);
      return answer;
    };
    const open = async (path: string) => {
      const page = await agent.get(path).set('Accept-Language', language).expect(200);
      pages.push(page.text);
      return page;
    };
    return { form, register, open };
  }

  const registrationFields = (overrides: Record<string, unknown> = {}) =>
    Object.fromEntries(Object.entries(attendee(overrides)).map(([key, value]) => [key, String(value)]));

  const fieldErrors = (html: string) =>
    Object.fromEntries([...html.matchAll(/<p class="field-error" id="([^"]+)-error">([^<]*)<\/p>/g)].map((m) => [m[1], m[2]]));

  async function rowCounts(eventId: string) {
    const [counts] = await ctx.db.query<{ registrations: string; letters: string }>(
      `SELECT (SELECT count(*) FROM registrations WHERE event_id = $1) AS registrations,
              (SELECT count(*) FROM letter_requests WHERE event_id = $1) AS letters`,
      [eventId],
    );
    return { registrations: Number(counts.registrations), letters: Number(counts.letters) };
  }

  it('offers the box and the passport fields only where the organisers saved letter settings, with its script', async () => {
    const { form: without } = await visitor(plain.slug);
    expect(without.text).not.toContain('name="visaLetter"');
    expect(without.text).not.toContain('id="f-passportNumber"');
    expect(without.text).not.toContain('reveal-on-tick.js');

    const { form: offered } = await visitor(offering.slug);
    expect(offered.text).toContain('I need a visa invitation letter');
    expect(offered.text).toMatch(
      /<input type="checkbox" id="f-visaLetter" name="visaLetter" value="yes"[^>]*data-reveals="visa-letter-fields"/,
    );
    for (const field of Object.keys(passportDetails())) expect(offered.text).toContain(`id="f-${field}"`);
    // Without script the fields are simply there under the box; the script hides them while it is not ticked.
    expect(offered.text).not.toMatch(/id="visa-letter-fields"[^>]*hidden/);
    expect(offered.text).toContain('<script src="/assets/reveal-on-tick.js" defer></script>');
    expect(offered.headers['content-security-policy']).toContain("script-src 'self'");
    expect(offered.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const script = await ctx.app.http.get('/assets/reveal-on-tick.js').expect(200);
    expect(script.headers['content-type']).toContain('javascript');

    const { form: spanish } = await visitor(offering.slug, 'es');
    expect(spanish.text).toContain('Necesito una carta de invitación para visado');
    expect(spanish.text).toContain('Número de pasaporte');
  });

  it('registers with the box ticked and leaves a pending letter request for the organisers, the number masked', async () => {
    const { register, open } = await visitor(offering.slug);
    const person = registrationFields({ name: 'José Peña Quispe' });
    const done = await register({ ...person, visaLetter: 'yes', ...passportDetails({ passportNumber: NUMBER }) }, 303);
    expect(done.headers.location).toBe(`/e/${offering.slug}/registered?status=confirmed&letter=requested`);
    const confirmation = await open(done.headers.location);
    expect(confirmation.text).toContain('Your request for a visa invitation letter was received. The organisers will review it');

    const [registration] = (
      await ctx.app.http.get(`/events/${offering.id}/registrations`).query({ q: person.email }).set('Authorization', auth).expect(200)
    ).body.items;
    expect(registration).toMatchObject({ status: 'confirmed', name: 'José Peña Quispe' });
    const letters = (await ctx.app.http.get(`/events/${offering.id}/letters`).set('Authorization', auth).expect(200)).body.items;
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      registrationId: registration.id,
      status: 'requested',
      passportName: 'José Peña Quispe',
      nationality: 'PE',
      passportNumber: '••••••98',
      passportExpiry: '2031-05-31',
      dateOfBirth: '1984-11-02',
      consulateCity: 'Lima',
      consulateCountry: 'PE',
    });
    const [logged] = await ctx.db.query<{ actor_kind: string; action: string }>(
      `SELECT actor_kind, action FROM letter_access_log WHERE letter_request_id = $1 ORDER BY at LIMIT 1`,
      [letters[0].id],
    );
    expect(logged).toEqual({ actor_kind: 'attendee', action: 'submitted' });
  });

  it.each([
    [
      'en',
      'an expiry before the event ends',
      { passportExpiry: '2027-03-01' },
      { 'f-passportExpiry': 'Your passport must be valid until the event ends (2027-03-10).' },
    ],
    ['en', 'a missing nationality', { nationality: '' }, { 'f-nationality': 'Please choose your nationality.' }],
    ['es', 'a birth date to come', { dateOfBirth: '2090-01-01' }, { 'f-dateOfBirth': 'Indique una fecha de nacimiento pasada.' }],
    [
      'fr',
      'a passport number too short',
      { passportNumber: '12' },
      { 'f-passportNumber': 'Veuillez indiquer le numéro de passeport : 5 à 20 lettres et chiffres (espaces et traits d’union admis).' },
    ],
  ])('in %s, re-renders %s with its message beside the field and writes nothing', async (language, _case, bad, expected) => {
    const before = await rowCounts(offering.id);
    const { register } = await visitor(offering.slug, language);
    const person = registrationFields();
    const refused = await register({ ...person, visaLetter: 'yes', ...passportDetails({ passportNumber: NUMBER, ...bad }) }, 400);
    expect(fieldErrors(refused.text)).toMatchObject(expected);
    expect(refused.text).toContain("role='alert'");
    expect(refused.headers['cache-control']).toBe('no-store');
    // What was typed comes back (the box still ticked), the passport number never.
    expect(refused.text).toMatch(/id="f-visaLetter"[^>]*checked/);
    expect(refused.text).toContain(`value="${person.email}"`);
    expect(refused.text).toContain('value="José Peña Quispe"');
    expect(refused.text).toMatch(/id="f-passportNumber" name="passportNumber" type="text" value=""/);
    expect(await rowCounts(offering.id)).toEqual(before);
  });

  it('names the empty consulate city in its own words and shows registration and letter errors together', async () => {
    const before = await rowCounts(offering.id);
    const { register } = await visitor(offering.slug);
    const refused = await register(
      { ...registrationFields({ name: '  ' }), visaLetter: 'yes', ...passportDetails({ passportNumber: NUMBER, consulateCity: '' }) },
      400,
    );
    expect(fieldErrors(refused.text)).toEqual({
      'f-name': 'Please enter your name.',
      'f-consulateCity': 'Please enter the city of the consulate or embassy.',
    });
    expect(await rowCounts(offering.id)).toEqual(before);
  });

  it('ignores the passport fields when the box is not ticked, and where the event offers no letters', async () => {
    const unticked = await visitor(offering.slug);
    const before = await rowCounts(offering.id);
    const done = await unticked.register({ ...registrationFields(), ...passportDetails({ passportNumber: NUMBER, nationality: '' }) }, 303);
    expect(done.headers.location).toBe(`/e/${offering.slug}/registered?status=confirmed`);
    expect(await rowCounts(offering.id)).toEqual({ registrations: before.registrations + 1, letters: before.letters });
    expect((await unticked.open(done.headers.location)).text).not.toContain('visa invitation letter');

    const elsewhere = await visitor(plain.slug);
    const crafted = await elsewhere.register(
      { ...registrationFields(), visaLetter: 'yes', ...passportDetails({ passportNumber: NUMBER }) },
      303,
    );
    expect(crafted.headers.location).toBe(`/e/${plain.slug}/registered?status=confirmed`);
    expect(await rowCounts(plain.id)).toEqual({ registrations: 1, letters: 0 });
  });

  it('writes no letter when the address is already registered (409), and keeps the box ticked', async () => {
    const person = registrationFields();
    await ctx.app.http
      .post(`/events/${offering.id}/registrations`)
      .send(attendee({ email: person.email }))
      .expect(201);
    const before = await rowCounts(offering.id);
    const { register } = await visitor(offering.slug);
    const refused = await register({ ...person, visaLetter: 'yes', ...passportDetails({ passportNumber: NUMBER }) }, 409);
    expect(fieldErrors(refused.text)['f-email']).toBeTruthy();
    expect(refused.text).toMatch(/id="f-visaLetter"[^>]*checked/);
    expect(await rowCounts(offering.id)).toEqual(before);
  });

  it('keeps the registration and says so when the request cannot be written after it', async () => {
    // A refusal the checks cannot foresee (the database's own), for this one passport name only.
    await ctx.db.query(`CREATE FUNCTION refuse_letter() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$`);
    await ctx.db.query(`CREATE TRIGGER refuse_letter BEFORE INSERT ON letter_requests FOR EACH ROW
      WHEN (NEW.passport_name = 'Refused Name') EXECUTE FUNCTION refuse_letter()`);
    try {
      const before = await rowCounts(offering.id);
      const { register, open } = await visitor(offering.slug);
      const done = await register(
        { ...registrationFields(), visaLetter: 'yes', ...passportDetails({ passportNumber: NUMBER, passportName: 'Refused Name' }) },
        303,
      );
      expect(done.headers.location).toBe(`/e/${offering.slug}/registered?status=confirmed&letter=failed`);
      expect((await open(done.headers.location)).text).toContain('Please ask for it from your registration page');
      expect(await rowCounts(offering.id)).toEqual({ registrations: before.registrations + 1, letters: before.letters });
    } finally {
      await ctx.db.query(`DROP TRIGGER refuse_letter ON letter_requests`);
      await ctx.db.query(`DROP FUNCTION refuse_letter()`);
    }
  });

  it('never answered the passport number in any page', () => {
    expect(pages.length).toBeGreaterThan(10);
    for (const html of pages) for (const written of [NUMBER, 'PE76543298', '76543298', '7654 3298']) expect(html).not.toContain(written);
  });
});
