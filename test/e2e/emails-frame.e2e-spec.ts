import { ReceivedMail } from '../support/smtp-sink';
import { attendee, createOpenEvent } from '../support/future-event';
import { pixelsUnlikeQrOf } from '../support/qr-image';
import { registrationBearerIn } from '../support/registration-link';
import { createReminderSoon } from '../support/reminder-soon';
import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';
import { waitFor } from '../support/wait-for';

/** The footer line and the `lang` of a message, and the language its headers declare. */
function frameOf(mail: ReceivedMail) {
  return {
    lang: /<html lang="([^"]+)"/.exec(mail.html)?.[1] ?? null,
    contentLanguage: mail.parsed.headers.get('content-language') ?? null,
    textFooter: mail.text.trim().split('\n').at(-1),
    htmlFooter: /<p[^>]*>([^<]*)<\/p><\/body>/.exec(mail.html)?.[1] ?? null,
  };
}

describe('every email speaks its recipient’s language from its first line to its last', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  it('frames a Spanish confirmation in Spanish: footer, lang, Content-Language and its calendar file', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const luisa = attendee({ name: 'Luisa Pérez', language: 'es' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(luisa).expect(201);
    const [mail] = await ctx.smtp.waitForMail(luisa.email);
    const me = await ctx.app.http.get('/registrations/me').set('Authorization', registrationBearerIn(mail.text)).expect(200);

    expect(frameOf(mail)).toEqual({
      lang: 'es',
      contentLanguage: 'es',
      textFooter: 'Enviado por Plenary.',
      htmlFooter: 'Enviado por Plenary.',
    });
    const ics = mail.parsed.attachments.find((a) => a.filename === 'event.ics')!.content.toString();
    expect(ics).toContain(`DESCRIPTION:Su código de acceso: ${me.body.checkInCode}`);
    expect(ics).not.toContain('check-in code');
    const file = await ctx.app.http.get('/registrations/me.ics').set('Authorization', registrationBearerIn(mail.text)).expect(200);
    expect(file.text).toContain(`DESCRIPTION:Su código de acceso: ${me.body.checkInCode}`);
  });

  it('keeps English, all of it, for an attendee who named no language', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const body = attendee();
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
    const [mail] = await ctx.smtp.waitForMail(body.email);
    expect(frameOf(mail)).toEqual({ lang: 'en', contentLanguage: 'en', textFooter: 'Sent by Plenary.', htmlFooter: 'Sent by Plenary.' });
  });

  it('shows the check-in code as a QR image inside the confirmation, for the desk to scan, and the code in the text', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const claire = attendee({ language: 'fr' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(claire).expect(201);
    const [mail] = await ctx.smtp.waitForMail(claire.email);
    const { checkInCode } = (await ctx.app.http.get('/registrations/me').set('Authorization', registrationBearerIn(mail.text)).expect(200))
      .body;

    const image = mail.parsed.attachments.find((a) => a.contentType === 'image/png');
    expect(image).toMatchObject({ contentDisposition: 'inline', related: true });
    // mailparser puts the related image's content where the HTML refers to its cid.
    const shown = `<img src="data:image/png;base64,${image!.content.toString('base64')}" alt="Code QR du code d&#39;entrée ${checkInCode}" />`;
    expect(mail.html).toContain(shown);
    expect(pixelsUnlikeQrOf(image!.content, checkInCode)).toEqual([]);
    expect(mail.text).toContain(`Votre code d'entrée est ${checkInCode}.`);
  });

  it('invites a presenter from the event’s organisers and co-organisers, not from the account that clicked', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, {
      defaultReminders: false,
      coOrganisers: [
        { name: 'Joint Research Centre', url: null },
        { name: 'Región de Piura', url: null },
      ],
    });
    const [es, en] = [`javier-${Date.now()}@piura.test`, `anna-${Date.now()}@flanders.test`];
    const presentation = await ctx.app.http
      .post(`/events/${event.id}/presentations`)
      .set('Authorization', auth)
      .send({
        title: 'Cacao value chains in Piura',
        presenters: [
          {
            name: 'Javier Bereche',
            email: es,
            organisation: 'Gobierno Regional Piura',
            region: 'Piura',
            countryCode: 'PE',
            language: 'es',
          },
          { name: 'Anna Peeters', email: en, organisation: 'Flanders Investment', region: 'Flanders', countryCode: 'BE' },
        ],
      })
      .expect(201);
    await ctx.app.http.post(`/presentations/${presentation.body.id}/invitations`).set('Authorization', auth).send({}).expect(201);

    const [spanish] = await ctx.smtp.waitForMail(es);
    expect(spanish.text).toContain(`Los organizadores de "${event.title}" (`);
    expect(spanish.text).toContain(
      ', junto con Joint Research Centre y Región de Piura, le invitan a presentar "Cacao value chains in Piura".',
    );
    const [english] = await ctx.smtp.waitForMail(en);
    expect(english.text).toContain(`The organisers of "${event.title}" (`);
    expect(english.text).toContain(
      ', together with Joint Research Centre and Región de Piura, invite you to present "Cacao value chains in Piura".',
    );
    for (const mail of [spanish, english]) expect(mail.text).not.toContain('Administrator');
    expect(frameOf(spanish)).toMatchObject({ lang: 'es', contentLanguage: 'es', textFooter: 'Enviado por Plenary.' });
  });

  it('words an announcement’s frame in the recipient’s language, with the same unsubscribe footer in its text and its HTML', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const joana = attendee({ name: 'Joana Silva', language: 'pt' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(joana).expect(201);
    const base = `/events/${event.id}/announcements`;
    const news = await ctx.app.http
      .post(base)
      .set('Authorization', auth)
      .send({ subject: 'Photos online', message: 'The photos of day one are online.', audience: 'confirmed' })
      .expect(201);
    await ctx.app.http.post(`${base}/${news.body.id}/send`).set('Authorization', auth).expect(202);
    const mail = await waitFor('the announcement', () => ctx.smtp.for(joana.email).find((m) => m.subject.startsWith('Photos online')));

    const why = `Recebe esta mensagem como participante em "${event.title}". Não receber mais notícias deste evento`;
    expect(mail.text).toContain('Caro/a Joana Silva,');
    expect(mail.text).toMatch(new RegExp(`${escape(why)}: http://plenary\\.test/unsubscribe\\?token=\\S+`));
    // The HTML quotes nothing around the title; the words are the same.
    const htmlFooter = /<p style="font-size:0.85em;color:#555">(.*?)<\/p>/s.exec(mail.html)![1].replace(/<[^>]+>/g, '');
    expect(htmlFooter).toBe(`${why.replace(`"${event.title}"`, event.title)}.`);
    expect(frameOf(mail)).toMatchObject({ lang: 'pt', contentLanguage: 'pt', textFooter: 'Enviado pelo Plenary.' });
  });

  it('writes the words of a Spanish presenter’s reminder calendar in Spanish, and leaves agenda.ics as it is', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const base = `/events/${event.id}`;
    const session = await ctx.app.http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({
        title: 'Pairing: Piura and Flanders',
        kind: 'presentations',
        startsAt: `${event.days[1]}T14:00`,
        endsAt: `${event.days[1]}T15:30`,
        hostOrganisation: 'Joint Research Centre',
      })
      .expect(201);
    const email = `javier-${Date.now()}@piura.test`;
    await ctx.app.http
      .post(`${base}/presentations`)
      .set('Authorization', auth)
      .send({
        title: 'Cacao value chains in Piura',
        sessionId: session.body.id,
        presenters: [
          { name: 'Javier Bereche', email, organisation: 'Gobierno Regional Piura', region: 'Piura', countryCode: 'PE', language: 'es' },
        ],
      })
      .expect(201);
    await ctx.app.http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'v1' }).expect(201);
    await createReminderSoon(ctx.app.http, auth, event.id, { name: 'Soon', offsetMinutes: 0, audience: 'presenters' }, 2000);

    const [reminder] = await ctx.smtp.waitForMail(email);
    expect(reminder.subject).toMatch(/^Recordatorio:/);
    const ics = reminder.parsed.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString();
    expect(ics).toContain('Organizada por Joint Research Centre');
    expect(ics).not.toContain('Hosted by');
    expect((await ctx.app.http.get(`${base}/agenda.ics`).expect(200)).text).toContain('Hosted by Joint Research Centre');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
