import { attendee, createOpenEvent, daysFromNow } from '../support/future-event';
import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';
import { registrationBearerIn } from '../support/registration-link';

/** The month of an event day as a speaker of `locale` writes it. */
const monthOf = (day: string, locale: string, zone: string) =>
  new Intl.DateTimeFormat(locale, { timeZone: zone, month: 'long' }).format(new Date(`${day}T12:00:00Z`));

describe('registration and invitation emails in the person’s language', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  it('confirms in Spanish with Spanish dates, the zone and the check-in code', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const luisa = attendee({ name: 'Luisa Pérez', language: 'es' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(luisa).expect(201);
    const [mail] = await ctx.smtp.waitForMail(luisa.email);
    const me = await ctx.app.http.get('/registrations/me').set('Authorization', registrationBearerIn(mail.text)).expect(200);

    expect(mail.subject).toBe(`Inscripción confirmada: ${event.title}`);
    expect(mail.text).toContain('Estimado/a Luisa Pérez,');
    expect(mail.text).toContain(monthOf(event.days[0], 'es-ES', event.timezone));
    expect(mail.text).toContain(`(${event.timezone})`);
    expect(mail.text).toContain(`Su código de acceso es ${me.body.checkInCode}.`);
    expect(mail.html).toContain('mi inscripción');
  });

  it('puts a French speaker on the waiting list in French, and promotes her in French when a seat frees up', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false, capacity: 1 });
    const [first, claire] = [attendee({ language: 'de' }), attendee({ name: 'Claire Martin', language: 'fr' })];
    for (const body of [first, claire]) await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);

    const [firstMail] = await ctx.smtp.waitForMail(first.email);
    // German has no translation: English.
    expect(firstMail.subject).toBe(`Registration confirmed: ${event.title}`);
    const [waitlisted] = await ctx.smtp.waitForMail(claire.email);
    expect(waitlisted.subject).toBe(`Vous êtes sur la liste d'attente : ${event.title}`);
    expect(waitlisted.text).toContain("liste d'attente");

    await ctx.app.http.delete('/registrations/me').set('Authorization', registrationBearerIn(firstMail.text)).expect(200);
    const [, promoted] = await ctx.smtp.waitForMail(claire.email, 2);
    expect(promoted.subject).toBe(`Une place vous revient : ${event.title}`);
    expect(promoted.text).toContain(monthOf(event.days[0], 'fr-FR', event.timezone));
  });

  it('confirms a cancellation in Portuguese', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const joana = attendee({ name: 'Joana Silva', language: 'pt' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(joana).expect(201);
    const [confirmation] = await ctx.smtp.waitForMail(joana.email);
    expect(confirmation.subject).toBe(`Inscrição confirmada: ${event.title}`);

    await ctx.app.http.delete('/registrations/me').set('Authorization', registrationBearerIn(confirmation.text)).expect(200);
    const [, cancelled] = await ctx.smtp.waitForMail(joana.email, 2);
    expect(cancelled.subject).toBe(`Inscrição cancelada: ${event.title}`);
    expect(cancelled.text).toContain('Caro/a Joana Silva,');
  });

  it('invites a Spanish-speaking presenter in Spanish, with the slot and the materials deadline in Spanish', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false, materialsDueAt: `${daysFromNow(20)}` });
    const session = await ctx.app.http
      .post(`/events/${event.id}/sessions`)
      .set('Authorization', auth)
      .send({
        title: 'Pairing: Piura and Flanders',
        kind: 'presentations',
        startsAt: `${event.days[1]}T14:00`,
        endsAt: `${event.days[1]}T15:30`,
      })
      .expect(201);
    const email = `javier-${Date.now()}@piura.test`;
    const presentation = await ctx.app.http
      .post(`/events/${event.id}/presentations`)
      .set('Authorization', auth)
      .send({
        title: 'Cacao value chains in Piura',
        sessionId: session.body.id,
        presenters: [
          { name: 'Javier Bereche', email, organisation: 'Gobierno Regional Piura', region: 'Piura', countryCode: 'PE', language: 'es' },
        ],
      })
      .expect(201);
    await ctx.app.http.post(`/events/${event.id}/agenda/versions`).set('Authorization', auth).send({ note: 'v1' }).expect(201);
    await ctx.app.http.post(`/presentations/${presentation.body.id}/invitations`).set('Authorization', auth).send({}).expect(201);

    const [mail] = await ctx.smtp.waitForMail(email);
    expect(mail.subject).toBe(`[Acción necesaria] Confirme su presentación en ${event.title}`);
    expect(mail.text).toContain('Estimado/a Javier Bereche,');
    expect(mail.text).toContain('Su turno: ');
    expect(mail.text).toContain('"Pairing: Piura and Flanders"');
    expect(mail.text).toContain(monthOf(event.days[1], 'es-ES', event.timezone));
    expect(mail.text).toContain('subir sus materiales antes del ');
  });

  it('confirms in the language already stored for a presenter who registers without naming one', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const email = `rosa-${Date.now()}@piura.test`;
    const presenter = { name: 'Rosa Chumpitaz', email, organisation: 'Gobierno Regional Piura', region: 'Piura', countryCode: 'PE' };
    await ctx.app.http
      .post(`/events/${event.id}/presentations`)
      .set('Authorization', auth)
      .send({ title: 'Water boards in Piura', presenters: [{ ...presenter, language: 'es' }] })
      .expect(201);

    await ctx.app.http.post(`/events/${event.id}/registrations`).send(attendee(presenter)).expect(201);
    const [mail] = await ctx.smtp.waitForMail(email);
    expect(mail.subject).toBe(`Inscripción confirmada: ${event.title}`);
    const me = await ctx.app.http.get('/registrations/me').set('Authorization', registrationBearerIn(mail.text)).expect(200);
    expect(me.body.language).toBe('es');
  });
});
