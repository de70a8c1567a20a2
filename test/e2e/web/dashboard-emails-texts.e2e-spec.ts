import { attendee, createOpenEvent, daysFromNow } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { fieldErrors, organiserAgent, unescape } from './dashboard-emails-support';

const EDITED_SUBJECT = 'Su plaza en {eventTitle} está reservada';
const EDITED_BODY = 'Hola {name}:\n\nle esperamos en {eventTitle}, {when}. Traiga su código {code}.';

describe('dashboard: texts of the system emails, per event and language', () => {
  const ctx = useTestApp();
  let auth: string;
  let event: Awaited<ReturnType<typeof createOpenEvent>>;
  let organiser: Awaited<ReturnType<typeof organiserAgent>>;
  const base = () => `/dashboard/events/${event.id}/email-texts`;
  const spanishConfirmation = () => `${base()}/registration-confirmed/es`;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    organiser = await organiserAgent(ctx.app.plenary.url as string, ADMIN.email, ADMIN.password);
  });

  const stateOf = async (kind: string, language: string) => {
    const page = await organiser.get(base()).expect(200);
    const row = new RegExp(`<tr data-kind="${kind}">([\\s\\S]*?)</tr>`).exec(page.text)?.[1] ?? '';
    return new RegExp(`data-language="${language}">\\s*<span class="badge status-(\\w+)">`).exec(row)?.[1];
  };

  it('lists the six editable kinds in four languages, all default, and shows the default text with its placeholders', async () => {
    const page = await organiser.get(base()).expect(200);
    for (const kind of [
      'Registration confirmed',
      'Placed on the waiting list',
      'Moved off the waiting list',
      'Presenter invitation',
      'Reminder',
      'Change notice',
    ]) {
      expect(page.text).toContain(`<th scope="row">${kind}</th>`);
    }
    expect(page.text).not.toContain('status-edited');
    expect(await stateOf('registration-confirmed', 'es')).toBe('default');

    const form = await organiser.get(spanishConfirmation()).expect(200);
    expect(unescape(form.text)).toContain('value="Inscripción confirmada: {eventTitle}"');
    expect(unescape(form.text)).toContain('Estimado/a {name},\n\nsu plaza en {eventTitle}{at} está confirmada: {when}.</textarea>');
    for (const placeholder of ['{name}', '{eventTitle}', '{when}', '{code}', '{link}'])
      expect(form.text).toContain(`<code translate="no">${placeholder}</code>`);
  });

  it('refuses an unknown placeholder beside the field and keeps what was typed; refuses a form without its CSRF value', async () => {
    const typed = { subject: 'Hola {nombre}', body: 'Texto con {nombre} y {eventTitle}', intent: 'save' };
    const refused = await organiser.post(spanishConfirmation(), typed).expect(400);
    expect(fieldErrors(refused.text)).toEqual({
      'f-subject': 'Unknown placeholder {nombre}: use only the placeholders listed above.',
      'f-body': 'Unknown placeholder {nombre}: use only the placeholders listed above.',
    });
    expect(unescape(refused.text)).toContain('value="Hola {nombre}"');
    expect(unescape(refused.text)).toContain('>Texto con {nombre} y {eventTitle}</textarea>');

    const blank = await organiser.post(spanishConfirmation(), { subject: '  ', body: '', intent: 'save' }).expect(400);
    expect(fieldErrors(blank.text)).toEqual({ 'f-subject': 'Please enter a subject.', 'f-body': 'Please enter the text.' });

    await organiser.post(spanishConfirmation(), { subject: EDITED_SUBJECT, body: EDITED_BODY, intent: 'save' }, false).expect(403);
    await organiser.post(`${spanishConfirmation()}/reset`, {}, false).expect(403);
    expect(await stateOf('registration-confirmed', 'es')).toBe('default');
  });

  it('previews a draft with sample values in a sandboxed frame of its own, without saving it', async () => {
    const preview = await organiser
      .post(spanishConfirmation(), { subject: EDITED_SUBJECT, body: EDITED_BODY, intent: 'preview' })
      .expect(200);
    const text = unescape(preview.text);
    expect(text).toContain(`<span class="preview-subject" lang="es">Su plaza en ${event.title} está reservada</span>`);
    expect(text).toContain(`Hola Ana García:\n\nle esperamos en ${event.title}`);
    expect(text).toContain('Traiga su código K7M2Q9XP.');
    // The fixed parts stay: the code with its QR image, the personal link, the Spanish footer.
    expect(text).toContain('Su código de acceso es K7M2Q9XP.');
    expect(text).toContain('Enviado por Plenary.');
    const frameSrc = /<iframe class="mail-frame" src="([^"]+)" sandbox/.exec(text)?.[1] as string;
    expect(frameSrc).toContain('/frame?draft=');

    const frame = await organiser.get(frameSrc).expect(200);
    expect(frame.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none';/);
    expect(frame.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(frame.headers['content-security-policy']).not.toContain('script-src');
    expect(frame.text).toContain(`<p>Hola Ana García:</p>`);
    expect(frame.text).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="Código QR del código de acceso K7M2Q9XP"/);
    expect(await stateOf('registration-confirmed', 'es')).toBe('default');

    await organiser.get(`${spanishConfirmation()}/frame?draft=not-a-draft`).expect(400);
  });

  it('sends the edited Spanish confirmation to a Spanish speaker, and the default again after a reset', async () => {
    await organiser
      .post(spanishConfirmation(), { subject: EDITED_SUBJECT, body: EDITED_BODY, intent: 'save' })
      .expect(303)
      .expect('Location', `${base()}?done=saved`);
    expect(await stateOf('registration-confirmed', 'es')).toBe('edited');
    expect(await stateOf('registration-confirmed', 'en')).toBe('default');

    const luisa = attendee({ name: 'Luisa Pérez', language: 'es' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(luisa).expect(201);
    const [edited] = await ctx.smtp.waitForMail(luisa.email);
    expect(edited.subject).toBe(`Su plaza en ${event.title} está reservada`);
    expect(edited.text).toMatch(new RegExp(`^Hola Luisa Pérez:\\n\\nle esperamos en ${event.title}, .+\\. Traiga su código [A-Z0-9]+\\.`));
    expect(edited.text).not.toContain('Estimado/a');
    expect(edited.text).toContain('Su código de acceso es');
    expect(edited.text.trim().split('\n').at(-1)).toBe('Enviado por Plenary.');
    expect(edited.parsed.attachments.map((a) => a.contentType)).toEqual(expect.arrayContaining(['image/png', 'text/calendar']));

    // An English speaker keeps the default: the edit is Spanish only.
    const anna = attendee({ name: 'Anna Peeters' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(anna).expect(201);
    const [english] = await ctx.smtp.waitForMail(anna.email);
    expect(english.subject).toBe(`Registration confirmed: ${event.title}`);

    const confirm = await organiser.get(`${spanishConfirmation()}/reset`).expect(200);
    expect(confirm.text).toContain('Reset Registration confirmed in Spanish to the default text?');
    await organiser.post(`${spanishConfirmation()}/reset`).expect(303).expect('Location', `${base()}?done=reset`);
    expect(await stateOf('registration-confirmed', 'es')).toBe('default');

    const pedro = attendee({ name: 'Pedro Ruiz', language: 'es' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(pedro).expect(201);
    const [standard] = await ctx.smtp.waitForMail(pedro.email);
    expect(standard.subject).toBe(`Inscripción confirmada: ${event.title}`);
    expect(standard.text).toMatch(/^Estimado\/a Pedro Ruiz,\n\nsu plaza en /);
  });

  it('rewords the presenter invitation and the change notice too, their fixed parts kept', async () => {
    const meeting = await createOpenEvent(ctx.app.http, auth, {
      defaultReminders: false,
      coOrganisers: [{ name: 'Joint Research Centre', url: null }],
    });
    const texts = `/dashboard/events/${meeting.id}/email-texts`;
    await organiser
      .post(`${texts}/presenter-invitation/es`, {
        subject: 'Le esperamos en {eventTitle}',
        body: 'Querido/a {name}:\n\n{invitation}\n\nNos alegra contar con «{presentationTitle}».',
        intent: 'save',
      })
      .expect(303);
    await organiser
      .post(`${texts}/change-notice/en`, {
        subject: 'Heads up: {headline}',
        body: 'Hi {name},\n\nnews about {eventTitle}:',
        intent: 'save',
      })
      .expect(303);

    const javier = `javier-${Date.now()}@piura.test`;
    const presentation = await ctx.app.http
      .post(`/events/${meeting.id}/presentations`)
      .set('Authorization', auth)
      .send({
        title: 'Cacao value chains in Piura',
        presenters: [
          {
            name: 'Javier Bereche',
            email: javier,
            organisation: 'Gobierno Regional Piura',
            region: 'Piura',
            countryCode: 'PE',
            language: 'es',
          },
        ],
      })
      .expect(201);
    await ctx.app.http.post(`/presentations/${presentation.body.id}/invitations`).set('Authorization', auth).send({}).expect(201);
    const [invitation] = await ctx.smtp.waitForMail(javier);
    expect(invitation.subject).toBe(`Le esperamos en ${meeting.title}`);
    expect(invitation.text).toMatch(/^Querido\/a Javier Bereche:\n\nLos organizadores de "/);
    expect(invitation.text).toContain(', junto con Joint Research Centre, le invitan a presentar "Cacao value chains in Piura".');
    expect(invitation.text).toContain('Nos alegra contar con «Cacao value chains in Piura».');
    expect(invitation.text).toMatch(/\nhttp:\/\/plenary\.test\/presenter\?token=\S+\n\nEl enlace es personal/);

    const anna = attendee({ name: 'Anna Peeters' });
    await ctx.app.http.post(`/events/${meeting.id}/registrations`).send(anna).expect(201);
    await ctx.smtp.waitForMail(anna.email);
    await ctx.app.http
      .post(`/events/${meeting.id}/postpone`)
      .set('Authorization', auth)
      .send({ startsAt: daysFromNow(60, '09:00'), endsAt: daysFromNow(61, '17:30') })
      .expect(200);
    const [, notice] = await ctx.smtp.waitForMail(anna.email, 2);
    expect(notice.subject).toBe('Heads up: The event has new dates');
    expect(notice.text).toMatch(new RegExp(`^Hi Anna Peeters,\\n\\nnews about ${meeting.title}:\\n\\n- ${meeting.title} now takes place `));
    expect(notice.text).toContain('See your programme and calendar: http://plenary.test/my-registration?token=');
  });

  it('rewords reminders where the rule has no words of its own', async () => {
    const meeting = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    await organiser
      .post(`/dashboard/events/${meeting.id}/email-texts/reminder/es`, {
        subject: 'Pronto: {subjectTitle}',
        body: 'Hola {name}:\n\nnos vemos en {venue}, {when}.',
        intent: 'save',
      })
      .expect(303);
    await ctx.app.http
      .post(`/events/${meeting.id}/registrations`)
      .send(attendee({ name: 'Luisa Pérez', language: 'es' }))
      .expect(201);
    const previewOf = async (body: Record<string, unknown>) => {
      const rule = await ctx.app.http
        .post(`/events/${meeting.id}/reminder-rules`)
        .set('Authorization', auth)
        .send({ name: 'Day before', anchor: 'event_start', offsetMinutes: -1440, audience: 'confirmed', ...body })
        .expect(201);
      return (await ctx.app.http.get(`/events/${meeting.id}/reminder-rules/${rule.body.id}/preview`).set('Authorization', auth).expect(200))
        .body.message as { subject: string; text: string };
    };
    const edited = await previewOf({});
    expect(edited.subject).toBe(`Pronto: ${meeting.title}`);
    expect(edited.text).toMatch(/^Hola Luisa Pérez:\n\nnos vemos en Brussels, .+\.\n\nLugar: Brussels/);
    const ruleOwn = await previewOf({ subject: 'Mañana empezamos', message: 'Hasta mañana.' });
    expect(ruleOwn.subject).toBe('Mañana empezamos');
    expect(ruleOwn.text).toMatch(/^Estimado\/a Luisa Pérez,\n\nHasta mañana\./);
  });

  it('answers 404 to an organiser of another event, and for a kind or language it does not know', async () => {
    const other = { email: 'olga@other.test', name: 'Olga Other', password: 'olga-password-1' };
    await ctx.app.http.post('/organisers').set('Authorization', auth).send(other).expect(201);
    const olga = await organiserAgent(ctx.app.plenary.url as string, other.email, other.password);
    await olga.get(base()).expect(404);
    await olga.get(spanishConfirmation()).expect(404);
    await olga.get(`${spanishConfirmation()}/frame`).expect(404);
    await olga.post(spanishConfirmation(), { subject: 'x', body: 'y', intent: 'save' }).expect(404);
    await organiser.get(`${base()}/password-reset/es`).expect(404);
    await organiser.get(`${base()}/registration-confirmed/de`).expect(404);
  });
});
