import ICAL from 'ical.js';
import { attendee, createOpenEvent } from '../../support/future-event';
import { ReceivedMail } from '../../support/smtp-sink';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';
import { registrationBearerIn } from '../../support/registration-link';

const ZONE = 'Europe/Brussels';

/** The calendar a mail carries, through a real iCalendar parser. */
function calendarOf(mail: ReceivedMail) {
  const attachment = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  if (!attachment) throw new Error(`no calendar attached to "${mail.subject}"`);
  return parseIcs(attachment.content.toString('utf8'));
}

function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    method: calendar.getFirstPropertyValue('method'),
    events: calendar.getAllSubcomponents('vevent').map((vevent) => ({
      uid: vevent.getFirstPropertyValue('uid') as string,
      sequence: vevent.getFirstPropertyValue('sequence'),
      summary: vevent.getFirstPropertyValue('summary') as string,
      start: (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    })),
  };
}

/** The text body's line about a session: "- <title>…". */
function sessionLine(mail: ReceivedMail, title: string): string {
  const line = mail.text.split('\n').find((l) => l.startsWith(`- ${title}`));
  if (!line) throw new Error(`no line for "${title}" in:\n${mail.text}`);
  return line;
}

/** Local wall-clock "HH:MM" of an instant in the event's zone, as people read it. */
const localTime = (instant: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

describe('reminders list the recipient’s own sessions and carry their calendar', () => {
  const ctx = useTestApp();
  let auth: string;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  it('gives presenters their session, attendees their sign-ups, and everyone an .ics of the event and those sessions', async () => {
    const { http } = ctx.app;
    const event = await createOpenEvent(http, auth, { defaultReminders: false });
    const base = `/events/${event.id}`;
    const room = await http.post(`${base}/rooms`).set('Authorization', auth).send({ name: 'Salle Europa' }).expect(201);
    const workshop = await http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({
        title: 'Smart specialisation workshop',
        kind: 'workshop',
        startsAt: `${event.days[0]}T10:00`,
        endsAt: `${event.days[0]}T11:30`,
        capacity: 20,
        roomId: room.body.id,
      })
      .expect(201);
    const pairing = await http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({
        title: 'Pairing: Piura and Flanders',
        kind: 'presentations',
        startsAt: `${event.days[1]}T14:00`,
        endsAt: `${event.days[1]}T15:30`,
        roomId: room.body.id,
      })
      .expect(201);
    const presenterEmail = `javier-${Date.now()}@piura.test`;
    await http
      .post(`${base}/presentations`)
      .set('Authorization', auth)
      .send({
        title: 'Cacao value chains in Piura',
        sessionId: pairing.body.id,
        presenters: [
          { name: 'Javier Bereche', email: presenterEmail, organisation: 'Gobierno Regional Piura', region: 'Piura', countryCode: 'PE' },
        ],
      })
      .expect(201);
    await http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'v1' }).expect(201);

    const [ana, bo, luis] = [attendee(), attendee(), attendee({ language: 'es' })];
    const tokens: string[] = [];
    for (const body of [ana, bo, luis]) {
      await http.post(`${base}/registrations`).send(body).expect(201);
      tokens.push(registrationBearerIn((await ctx.smtp.waitForMail(body.email))[0].text));
    }
    for (const token of [tokens[0], tokens[2]]) {
      await http.post(`/registrations/me/sessions/${workshop.body.id}`).set('Authorization', token).expect(201);
    }

    const soon = new Date(Date.now() + 2000).toISOString();
    for (const audience of ['confirmed', 'presenters']) {
      await http
        .post(`${base}/reminder-rules`)
        .set('Authorization', auth)
        .send({ name: `Soon, ${audience}`, anchor: 'fixed', fixedAt: soon, offsetMinutes: 0, audience })
        .expect(201);
    }
    const reminderTo = async (address: string) => {
      const mails = await waitFor(`the reminder to ${address}`, () => {
        const found = ctx.smtp.for(address).filter((m) => /^(Reminder|Recordatorio):/.test(m.subject));
        return found.length > 0 ? found : null;
      });
      return mails[0];
    };

    // The presenter: their session with their presentation, local time and zone, room; the .ics is the event and that session.
    const presenterMail = await reminderTo(presenterEmail);
    const line = sessionLine(presenterMail, 'Pairing: Piura and Flanders');
    expect(line).toContain('Cacao value chains in Piura');
    expect(line).toMatch(new RegExp(`${localTime(pairing.body.startsAt)}\\s?–\\s?${localTime(pairing.body.endsAt)}`));
    expect(localTime(pairing.body.startsAt)).toBe('14:00');
    expect(line).toContain(`(${ZONE})`);
    expect(line).toContain('Salle Europa');
    expect(presenterMail.text).not.toContain('Smart specialisation workshop');
    const presenterCalendar = calendarOf(presenterMail);
    expect(presenterCalendar.method).toBe('PUBLISH');
    expect(presenterCalendar.events.map((e) => e.summary)).toEqual([event.title, 'Pairing: Piura and Flanders']);
    const published = parseIcs((await http.get(`${base}/agenda.ics`).expect(200)).text);
    const publicPairing = published.events.find((e) => e.summary === 'Pairing: Piura and Flanders')!;
    expect(presenterCalendar.events[1]).toEqual(publicPairing);
    expect(presenterCalendar.events[1].start).toBe(new Date(pairing.body.startsAt).toISOString());

    // Ana signed up to the workshop: it is listed and in her .ics, with the UIDs of her own calendar (me.ics).
    const anaMail = await reminderTo(ana.email);
    const workshopLine = sessionLine(anaMail, 'Smart specialisation workshop');
    expect(workshopLine).toMatch(
      new RegExp(`${localTime(workshop.body.startsAt)}\\s?–\\s?${localTime(workshop.body.endsAt)} \\(${ZONE}\\)`),
    );
    expect(workshopLine).toContain('Salle Europa');
    expect(anaMail.text).not.toContain('Pairing: Piura and Flanders');
    const anaCalendar = calendarOf(anaMail);
    expect(anaCalendar.events.map((e) => e.summary)).toEqual([event.title, 'Smart specialisation workshop']);
    expect(anaMail.text).toContain('adds the event and these sessions to your calendar');
    const anaOwn = parseIcs((await http.get('/registrations/me.ics').set('Authorization', tokens[0]).expect(200)).text);
    expect(anaCalendar.events.map((e) => e.uid)).toEqual(anaOwn.events.map((e) => e.uid));
    expect(anaCalendar.events[1].start).toBe(new Date(workshop.body.startsAt).toISOString());

    // Bo signed up to nothing: no list, and the .ics holds the event alone.
    const boMail = await reminderTo(bo.email);
    expect(boMail.text).not.toContain('Your sessions');
    expect(boMail.text).not.toMatch(/^- /m);
    expect(boMail.text).toContain('The attached calendar file (.ics) adds the event to your calendar.');
    // A reminder about the event names it once.
    expect(boMail.text).toContain(`a reminder of "${event.title}": `);
    expect(boMail.text).not.toContain(`(${event.title})`);
    const boCalendar = calendarOf(boMail);
    expect(boCalendar.events.map((e) => e.summary)).toEqual([event.title]);
    const boOwn = parseIcs((await http.get('/registrations/me.ics').set('Authorization', tokens[1]).expect(200)).text);
    expect(boCalendar.events[0].uid).toBe(boOwn.events[0].uid);

    // Luis reads Spanish: the list's heading, words and dates are Spanish.
    const luisMail = await reminderTo(luis.email);
    expect(luisMail.text).toContain('Sus sesiones:');
    expect(luisMail.text).not.toContain('Your sessions');
    const spanishMonth = new Intl.DateTimeFormat('es-ES', { timeZone: ZONE, month: 'long' }).format(new Date(workshop.body.startsAt));
    const luisLine = sessionLine(luisMail, 'Smart specialisation workshop');
    expect(luisLine).toContain(spanishMonth);
    expect(luisLine).toContain('Sala Salle Europa');
    expect(luisLine).toContain(`(${ZONE})`);
    expect(calendarOf(luisMail).events.map((e) => e.summary)).toEqual([event.title, 'Smart specialisation workshop']);
  });
});

describe('the preview of a session reminder', () => {
  const ctx = useTestApp();

  it('shows the message its first recipient will get: about the session, in their language, with their sessions', async () => {
    const { http } = ctx.app;
    const auth = await login(http, ADMIN.email, ADMIN.password);
    const event = await createOpenEvent(http, auth, { defaultReminders: false });
    const base = `/events/${event.id}`;
    const room = await http.post(`${base}/rooms`).set('Authorization', auth).send({ name: 'Salle Europa' }).expect(201);
    const sessionAt = (title: string, day: string, start: string, end: string) =>
      http
        .post(`${base}/sessions`)
        .set('Authorization', auth)
        .send({ title, kind: 'workshop', startsAt: `${day}T${start}`, endsAt: `${day}T${end}`, capacity: 20, roomId: room.body.id })
        .expect(201);
    const visit = await sessionAt('Site visit to the port', event.days[0], '10:00', '12:00');
    const workshop = await sessionAt('Smart specialisation workshop', event.days[1], '10:00', '11:30');
    await http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'v1' }).expect(201);

    const luis = attendee({ name: 'Luis Ramírez', language: 'es' });
    await http.post(`${base}/registrations`).send(luis).expect(201);
    const token = registrationBearerIn((await ctx.smtp.waitForMail(luis.email))[0].text);
    for (const session of [visit, workshop]) {
      await http.post(`/registrations/me/sessions/${session.body.id}`).set('Authorization', token).expect(201);
    }
    const rule = await http
      .post(`${base}/reminder-rules`)
      .set('Authorization', auth)
      .send({ name: 'Before each session', anchor: 'session_start', offsetMinutes: -60, audience: 'session_signups' })
      .expect(201);

    const preview = await http.get(`${base}/reminder-rules/${rule.body.id}/preview`).set('Authorization', auth).expect(200);

    // The next occurrence is the site visit's: the message is about it, not about the event.
    expect(preview.body.next.sessionId).toBe(visit.body.id);
    expect(preview.body.sample).toEqual([expect.objectContaining({ email: luis.email, language: 'es' })]);
    expect(preview.body.message.subject).toMatch(/^Recordatorio: Site visit to the port — /);
    expect(preview.body.message.subject).toContain(localTime(visit.body.startsAt));
    expect(preview.body.message.text).toContain('Sus sesiones:');
    const lines = (preview.body.message.text as string).split('\n').filter((l) => l.startsWith('- '));
    expect(lines.map((l) => l.replace(/:.*$/, ''))).toEqual(['- Site visit to the port', '- Smart specialisation workshop']);
    expect(lines[1]).toContain(localTime(workshop.body.startsAt));
  });
});

describe('a session reminder follows the published version, not unpublished edits', () => {
  const ctx = useTestApp();

  it('goes to the presenters the published version names after their presentation was changed without publishing', async () => {
    const { http } = ctx.app;
    const auth = await login(http, ADMIN.email, ADMIN.password);
    const hour = 3_600_000;
    const event = await createOpenEvent(http, auth, {
      defaultReminders: false,
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      endsAt: new Date(Date.now() + 6 * hour).toISOString(),
    });
    const base = `/events/${event.id}`;
    // An hour and a few seconds away: a reminder an hour before it falls due during the test.
    const startsAt = new Date(Date.now() + hour + 8_000);
    const session = await http
      .post(`${base}/sessions`)
      .set('Authorization', auth)
      .send({
        title: 'Pairing: Piura and Flanders',
        kind: 'presentations',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + hour).toISOString(),
      })
      .expect(201);
    const stamp = Date.now();
    const published = {
      name: 'Javier Bereche',
      email: `javier-${stamp}@piura.test`,
      organisation: 'Gobierno Regional Piura',
      region: 'Piura',
      countryCode: 'PE',
    };
    const unpublished = {
      name: 'Els Peeters',
      email: `els-${stamp}@flanders.test`,
      organisation: 'VLAIO',
      region: 'Flanders',
      countryCode: 'BE',
    };
    const presentation = await http
      .post(`${base}/presentations`)
      .set('Authorization', auth)
      .send({ title: 'Cacao value chains in Piura', sessionId: session.body.id, presenters: [published] })
      .expect(201);
    await http.post(`${base}/agenda/versions`).set('Authorization', auth).send({ note: 'v1' }).expect(201);
    await http
      .patch(`/events/${event.id}/presentations/${presentation.body.id}`)
      .set('Authorization', auth)
      .send({ presenters: [unpublished] })
      .expect(200);
    const rule = await http
      .post(`${base}/reminder-rules`)
      .set('Authorization', auth)
      .send({ name: 'An hour before', anchor: 'session_start', offsetMinutes: -60, audience: 'presenters' })
      .expect(201);

    const mail = await waitFor('the reminder to the published presenter', () =>
      ctx.smtp.for(published.email).find((m) => m.subject.startsWith('Reminder: Pairing: Piura and Flanders')),
    );
    expect(sessionLine(mail, 'Pairing: Piura and Flanders')).toContain('Cacao value chains in Piura');
    const fannedOut = await waitFor('the reminder to be fanned out', async () => {
      const r = await http.get(`${base}/reminder-rules/${rule.body.id}`).set('Authorization', auth).expect(200);
      return r.body.scheduled[0]?.state === 'fanned_out' ? r.body.scheduled[0] : null;
    });
    expect(fannedOut.recipients).toBe(1);
    const outbox = await http.get(`${base}/emails?kind=reminder&limit=100`).set('Authorization', auth).expect(200);
    const reminders = outbox.body.items;
    expect(reminders.map((e: { to: string }) => e.to)).toEqual([published.email]);
    expect(ctx.smtp.for(unpublished.email).filter((m) => m.subject.startsWith('Reminder'))).toEqual([]);
  });
});
