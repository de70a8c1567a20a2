import { attendee, createOpenEvent, daysFromNow } from '../../support/future-event';
import { ReceivedMail } from '../../support/smtp-sink';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';
import { registrationBearerIn } from '../../support/registration-link';

const ZONE = 'Europe/Brussels';
const TITLE = 'Smart specialisation workshop';

/** A moment as a reader of this locale expects it: date and time in the event's zone. */
const moment = (locale: string, instant: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: ZONE }).format(new Date(instant));

/** Wall-clock "HH:MM" in the event's zone, whatever the locale writes around it. */
const clock = (instant: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

describe('change notices speak the recipient’s language', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  /** The change notices of one event, by address, once every one of them is sent. */
  async function sentNotices(eventId: string): Promise<Map<string, string[]>> {
    await waitFor(
      'every notice to be sent',
      async () =>
        (await ctx.db.query(`SELECT 1 FROM emails WHERE event_id = $1 AND kind = 'change-notice'`, [eventId])).length > 0 &&
        (await ctx.db.query(`SELECT 1 FROM emails WHERE event_id = $1 AND kind = 'change-notice' AND status <> 'sent'`, [eventId]))
          .length === 0,
    );
    const rows = await ctx.db.query<{ to_address: string; subject: string }>(
      `SELECT to_address, subject FROM emails WHERE event_id = $1 AND kind = 'change-notice'`,
      [eventId],
    );
    const byAddress = new Map<string, string[]>();
    for (const { to_address, subject } of rows) byAddress.set(to_address, [...(byAddress.get(to_address) ?? []), subject]);
    return byAddress;
  }

  const received = (address: string, subject: string): Promise<ReceivedMail> =>
    waitFor(`"${subject}" to ${address}`, () => ctx.smtp.for(address).find((m) => m.subject === subject));

  it('tells the presenter and the signed-up attendees of a moved session in their own words, dates and zone', async () => {
    const { http } = ctx.app;
    const event = await createOpenEvent(http, auth, { defaultReminders: false });
    const base = `/events/${event.id}`;
    const day = event.days[0];
    const workshop = await http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({ title: TITLE, kind: 'workshop', startsAt: `${day}T10:00`, endsAt: `${day}T11:00`, capacity: 10 })
      .expect(201);
    const presenter = { name: 'Javier Bereche', email: `javier-${Date.now()}@piura.test`, countryCode: 'PE', language: 'es' };
    await http
      .post(`${base}/presentations`)
      .set('Authorization', auth)
      .send({ title: 'Cacao value chains in Piura', sessionId: workshop.body.id, presenters: [presenter] })
      .expect(201);
    await http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'v1' }).expect(201);
    const [claire, anne] = [attendee({ name: 'Claire Martin', language: 'fr' }), attendee({ name: 'Anne Smith', language: 'en' })];
    for (const person of [claire, anne]) {
      await http.post(`${base}/registrations`).send(person).expect(201);
      const token = registrationBearerIn((await ctx.smtp.waitForMail(person.email))[0].text);
      await http.post(`/registrations/me/sessions/${workshop.body.id}`).set('Authorization', token).expect(201);
    }

    const moved = await http
      .patch(`${base}/sessions/${workshop.body.id}`)
      .set('Authorization', auth)
      .send({ startsAt: `${day}T15:00`, endsAt: `${day}T16:00` })
      .expect(200);
    await http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'v2' }).expect(201);
    const [before, after]: string[] = [workshop.body.startsAt, moved.body.startsAt];
    expect([clock(before), clock(after)]).toEqual(['10:00', '15:00']);

    const notices = await sentNotices(event.id);
    expect(notices.get(presenter.email)).toEqual([`El programa ha cambiado: ${event.title}`]);
    expect(notices.get(claire.email)).toEqual([`Le programme a changé: ${event.title}`]);
    expect(notices.get(anne.email)).toEqual([`The programme has changed: ${event.title}`]);
    expect(notices.size).toBe(3);

    const spanish = await received(presenter.email, `El programa ha cambiado: ${event.title}`);
    expect(spanish.text).toContain(`Estimado/a ${presenter.name},`);
    expect(spanish.text).toContain(
      `- La sesión "${TITLE}" se traslada del ${moment('es-ES', before)} al ${moment('es-ES', after)} (${ZONE})\n`,
    );
    expect(spanish.text).toContain('Consulte su programa y su calendario: http');
    expect(spanish.html).toContain('Consulte su programa y su calendario</a>');

    const french = await received(claire.email, `Le programme a changé: ${event.title}`);
    expect(french.text).toContain(`Bonjour ${claire.name},`);
    expect(french.text).toContain(
      `- La session "${TITLE}" est déplacée du ${moment('fr-FR', before)} au ${moment('fr-FR', after)} (${ZONE})\n`,
    );
    expect(french.text).toContain('Consultez votre programme et votre agenda: http');

    const english = await received(anne.email, `The programme has changed: ${event.title}`);
    expect(english.text).toContain(`Dear ${anne.name},`);
    expect(english.text).toContain(`- "${TITLE}" moved from ${moment('en-GB', before)} to ${moment('en-GB', after)} (${ZONE})\n`);
    expect(english.text).toContain('See your programme and calendar: http');
  });

  it('tells a Portuguese speaker in Portuguese that the event is cancelled and why, and an unknown language in English', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const [joana, hans] = [attendee({ name: 'Joana Silva', language: 'pt' }), attendee({ name: 'Hans Weber', language: 'de' })];
    for (const person of [joana, hans]) await ctx.app.http.post(`/events/${event.id}/registrations`).send(person).expect(201);
    await ctx.app.http.post(`/events/${event.id}/cancel`).set('Authorization', auth).send({ reason: 'o local está fechado' }).expect(200);

    const notices = await sentNotices(event.id);
    expect(notices.get(joana.email)).toEqual([`O evento foi cancelado: ${event.title}`]);
    expect(notices.get(hans.email)).toEqual([`The event is cancelled: ${event.title}`]);

    const portuguese = await received(joana.email, `O evento foi cancelado: ${event.title}`);
    expect(portuguese.text).toContain(`Caro/a ${joana.name},`);
    expect(portuguese.text).toContain(`- ${event.title} não se realizará: o local está fechado\n`);
    expect(portuguese.text).toContain('Consulte o seu programa e o seu calendário: http');
    const english = await received(hans.email, `The event is cancelled: ${event.title}`);
    expect(english.text).toContain(`- ${event.title} will not take place: o local está fechado\n`);
  });

  it('gives a postponed event’s new dates in the reader’s locale, with the zone named', async () => {
    const event = await createOpenEvent(ctx.app.http, auth, { defaultReminders: false });
    const claire = attendee({ name: 'Claire Martin', language: 'fr' });
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(claire).expect(201);
    const postponed = await ctx.app.http
      .post(`/events/${event.id}/postpone`)
      .set('Authorization', auth)
      .send({ startsAt: daysFromNow(60, '09:00'), endsAt: daysFromNow(61, '17:30') })
      .expect(200);

    const french = await received(claire.email, `L'événement change de dates: ${event.title}`);
    const span = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: ZONE }).formatRange(
      new Date(postponed.body.startsAt),
      new Date(postponed.body.endsAt),
    );
    expect(french.text).toContain(`- Nouvelles dates de ${event.title} : ${span} (${ZONE}).\n`);
    expect([clock(postponed.body.startsAt), clock(postponed.body.endsAt)]).toEqual(['09:00', '17:30']);
  });
});
