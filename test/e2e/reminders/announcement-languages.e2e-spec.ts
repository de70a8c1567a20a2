import { attendee, createOpenEvent } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

describe('announcements in the recipient’s language, and to registrations picked by hand', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  async function register(eventId: string, overrides: Record<string, unknown>) {
    const body = attendee(overrides);
    const created = await ctx.app.http.post(`/events/${eventId}/registrations`).set('Authorization', auth).send(body).expect(201);
    return { ...body, id: created.body.id as string };
  }

  it('sends each recipient the version written in their language, else the main text, and previews every version', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const luisa = await register(event.id, { name: 'Luisa Pérez', language: 'es' });
    const joana = await register(event.id, { name: 'Joana Silva', language: 'pt' });
    const anna = await register(event.id, { name: 'Anna Peeters' });
    const base = `/events/${event.id}/announcements`;

    const created = await ctx.app.http
      .post(base)
      .set('Authorization', auth)
      .send({
        subject: 'Bus to the venue',
        message: 'A bus leaves the station at 8:15.',
        audience: 'confirmed',
        optional: false,
        translations: { es: { subject: 'Autobús al lugar', message: 'Un autobús sale de la estación a las 8:15.' } },
      })
      .expect(201);
    expect(created.body).toMatchObject({
      translations: { es: { subject: 'Autobús al lugar', message: 'Un autobús sale de la estación a las 8:15.' } },
      registrationIds: null,
    });

    const preview = await ctx.app.http.get(`${base}/${created.body.id}/preview`).set('Authorization', auth).expect(200);
    expect(preview.body.recipients).toBe(3);
    expect(preview.body.sample).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Luisa Pérez', language: 'es' }),
        expect.objectContaining({ name: 'Joana Silva', language: 'pt' }),
        expect.objectContaining({ name: 'Anna Peeters', language: 'en' }),
      ]),
    );
    expect(
      preview.body.versions.map((v: { language: string; subject: string; recipients: number }) => [v.language, v.subject, v.recipients]),
    ).toEqual([
      ['en', `Bus to the venue — ${event.title}`, 1],
      ['es', `Autobús al lugar — ${event.title}`, 1],
      ['pt', `Bus to the venue — ${event.title}`, 1],
    ]);

    await ctx.app.http.post(`${base}/${created.body.id}/send`).set('Authorization', auth).expect(202);
    // Each got the confirmation of their registration first, then the announcement.
    for (const person of [luisa, joana, anna]) await ctx.smtp.waitForMail(person.email, 2);
    const news = (address: string) => ctx.smtp.for(address).find((m) => /Bus|Autob/.test(m.subject));
    expect(news(luisa.email)).toMatchObject({ subject: `Autobús al lugar — ${event.title}` });
    expect(news(luisa.email)?.text).toContain('Un autobús sale de la estación a las 8:15.');
    expect(news(luisa.email)?.text).toMatch(/^Estimado\/a Luisa Pérez,/);
    // Portuguese has no version: the main text, inside a Portuguese frame.
    expect(news(joana.email)).toMatchObject({ subject: `Bus to the venue — ${event.title}` });
    expect(news(joana.email)?.text).toMatch(/^Caro\/a Joana Silva,\n\nA bus leaves the station at 8:15\./);
    expect(news(anna.email)?.text).toContain('A bus leaves the station at 8:15.');
  });

  it('goes only to the registrations picked, and names what is wrong with the picking', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const [picked, alsoPicked, left] = [await register(event.id, {}), await register(event.id, {}), await register(event.id, {})];
    const base = `/events/${event.id}/announcements`;
    const body = { subject: 'Your poster slot', message: 'Posters go up at noon.', audience: 'selected_registrations', optional: false };

    const missing = await ctx.app.http.post(base).set('Authorization', auth).send(body).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'registrationIds', message: 'required' }]);
    const elsewhere = await ctx.app.http
      .post(base)
      .set('Authorization', auth)
      .send({ ...body, registrationIds: [picked.id, '00000000-0000-4000-8000-000000000000'] })
      .expect(422);
    expect(elsewhere.body.errors).toEqual([{ field: 'registrationIds[1]', message: 'is not a registration of this event' }]);
    const mixed = await ctx.app.http
      .post(base)
      .set('Authorization', auth)
      .send({ ...body, audience: 'confirmed', registrationIds: [picked.id] })
      .expect(400);
    expect(mixed.body.errors[0].field).toBe('registrationIds');
    const badLanguage = await ctx.app.http
      .post(base)
      .set('Authorization', auth)
      .send({ ...body, registrationIds: [picked.id], translations: { de: { subject: 'x', message: 'y' } } })
      .expect(400);
    expect(badLanguage.body.errors[0].field).toMatch(/^translations/);

    const created = await ctx.app.http
      .post(base)
      .set('Authorization', auth)
      .send({ ...body, registrationIds: [picked.id, alsoPicked.id] })
      .expect(201);
    expect(created.body).toMatchObject({ audience: 'selected_registrations', registrationIds: [picked.id, alsoPicked.id] });
    const preview = await ctx.app.http.get(`${base}/${created.body.id}/preview`).set('Authorization', auth).expect(200);
    expect(preview.body.recipients).toBe(2);
    await ctx.app.http.post(`${base}/${created.body.id}/send`).set('Authorization', auth).expect(202);
    for (const person of [picked, alsoPicked]) {
      const mails = await ctx.smtp.waitForMail(person.email, 2);
      expect(mails.map((m) => m.subject)).toContain(`Your poster slot — ${event.title}`);
    }
    const sent = await waitFor('the announcement to be sent', async () => {
      const list = await ctx.app.http.get(base).set('Authorization', auth).expect(200);
      return list.body.items[0].status === 'sent' ? list.body.items[0] : null;
    });
    expect(sent).toMatchObject({ recipients: 2 });
    expect(ctx.smtp.for(left.email).map((m) => m.subject)).not.toContain(`Your poster slot — ${event.title}`);
  });
});
