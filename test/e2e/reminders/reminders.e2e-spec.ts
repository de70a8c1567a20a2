import Redis from 'ioredis';
import { attendee, createOpenEvent, daysFromNow } from '../../support/future-event';
import { SmtpSink } from '../../support/smtp-sink';
import { ADMIN, TestApp, login, startTestApp, testEnv } from '../../support/test-app';
import { TestDatabase, createTestDatabase } from '../../support/test-database';
import { TEST_REDIS_URL } from '../../support/test-env';
import { waitFor } from '../../support/wait-for';

/** Each file builds its app itself here: one test stops it and starts another on the same database. */
describe('reminders', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let env: NodeJS.ProcessEnv;
  let app: TestApp;
  let auth: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new SmtpSink().start();
    env = testEnv(db.url, smtp.url);
    app = await startTestApp(env);
    auth = await login(app.http, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  const reminderMails = (address: string) =>
    smtp.for(address).filter((m) => m.subject.startsWith('Reminder') || m.subject.startsWith('Recordatorio'));

  it('gives a new event the default rules, unless asked not to', async () => {
    const event = await createOpenEvent(app.http, auth, { materialsDueAt: daysFromNow(20) });
    const rules = await waitFor('the default rules', async () => {
      const list = await app.http.get(`/events/${event.id}/reminder-rules`).set('Authorization', auth).expect(200);
      return list.body.items.length === 4 ? list.body.items : null;
    });
    expect(rules.map((r: { anchor: string; offsetMinutes: number; audience: string }) => [r.anchor, r.offsetMinutes, r.audience])).toEqual([
      ['event_start', -7 * 1440, 'confirmed'],
      ['event_start', -1440, 'confirmed'],
      ['materials_due', -3 * 1440, 'presenters_missing_materials'],
      ['session_start', -30, 'session_signups'],
    ]);
    expect(rules[0].scheduled).toEqual([expect.objectContaining({ state: 'pending', occurrence: 'event' })]);
    const bare = await createOpenEvent(app.http, auth, { defaultReminders: false });
    const none = await app.http.get(`/events/${bare.id}/reminder-rules`).set('Authorization', auth).expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('sends a reminder within 5 s of its due time, once per recipient, in their language, and not to someone who cancelled', async () => {
    const event = await createOpenEvent(app.http, auth, { defaultReminders: false });
    const [ana, luis, gone] = [attendee(), attendee({ language: 'es' }), attendee()];
    for (const body of [ana, luis, gone]) await app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
    const goneMail = (await smtp.waitForMail(gone.email))[0];
    const goneToken = decodeURIComponent(/\/my-registration\?token=(\S+)/.exec(goneMail.text)![1]);

    const due = new Date(Date.now() + 4000);
    const rule = await app.http
      .post(`/events/${event.id}/reminder-rules`)
      .set('Authorization', auth)
      .send({ name: 'Soon', anchor: 'fixed', fixedAt: due.toISOString(), offsetMinutes: 0, audience: 'confirmed' })
      .expect(201);
    expect(rule.body.scheduled).toEqual([expect.objectContaining({ state: 'pending' })]);
    await app.http.delete('/registrations/me').set('Authorization', `Bearer ${goneToken}`).expect(200);

    const [anaMail] = await waitFor(
      "Ana's reminder",
      () => (reminderMails(ana.email).length > 0 ? reminderMails(ana.email) : null),
      20_000,
      20,
    );
    const arrived = Date.now();
    expect(arrived).toBeGreaterThanOrEqual(due.getTime() - 100);
    expect(arrived - due.getTime()).toBeLessThan(5000);
    expect(anaMail.text).toContain('/my-registration?token=');
    const [luisMail] = await waitFor("Luis's reminder", () => (reminderMails(luis.email).length > 0 ? reminderMails(luis.email) : null));
    expect(luisMail.subject).toMatch(/^Recordatorio: /);

    const state = await waitFor('the reminder to be fanned out and every mail sent', async () => {
      const rows = await db.query<{ state: string; recipients: number }>(
        `SELECT state, recipients FROM scheduled_reminders WHERE rule_id = $1`,
        [rule.body.id],
      );
      const unsent = await db.query(`SELECT 1 FROM emails WHERE kind = 'reminder' AND event_id = $1 AND status <> 'sent'`, [event.id]);
      return rows[0]?.state === 'fanned_out' && unsent.length === 0 ? rows[0] : null;
    });
    expect(state.recipients).toBe(2);
    expect(reminderMails(gone.email)).toHaveLength(0);
    expect(reminderMails(ana.email)).toHaveLength(1);
  });

  it('moves a session reminder when a published version moves the session, and cancels it with the session', async () => {
    const event = await createOpenEvent(app.http, auth, { defaultReminders: false });
    const day = event.days[0];
    const session = await app.http
      .post(`/events/${event.id}/sessions`)
      .set('Authorization', auth)
      .send({ title: 'Workshop', kind: 'workshop', startsAt: `${day}T10:00`, endsAt: `${day}T11:00`, capacity: 20 })
      .expect(201);
    const rule = await app.http
      .post(`/events/${event.id}/reminder-rules`)
      .set('Authorization', auth)
      .send({ name: 'Half an hour before', anchor: 'session_start', offsetMinutes: -30, audience: 'session_signups' })
      .expect(201);
    expect(rule.body.scheduled).toEqual([]);
    await app.http.post(`/events/${event.id}/agenda/versions`).set('Authorization', auth).send({ note: 'v1' }).expect(201);
    const first = await waitFor('the reminder of the published session', async () => {
      const r = await app.http.get(`/events/${event.id}/reminder-rules/${rule.body.id}`).set('Authorization', auth).expect(200);
      return r.body.scheduled.length === 1 ? r.body.scheduled[0] : null;
    });
    expect(first.dueAt).toBe(`${day}T09:30:00${session.body.startsAt.slice(-6)}`);

    await app.http
      .patch(`/events/${event.id}/sessions/${session.body.id}`)
      .set('Authorization', auth)
      .send({ startsAt: `${day}T14:00`, endsAt: `${day}T15:00` })
      .expect(200);
    const unchanged = await app.http.get(`/events/${event.id}/reminder-rules/${rule.body.id}`).set('Authorization', auth).expect(200);
    expect(unchanged.body.scheduled[0].dueAt).toBe(first.dueAt);
    await app.http.post(`/events/${event.id}/agenda/versions`).set('Authorization', auth).send({ note: 'v2' }).expect(201);
    const moved = await waitFor('the reminder to follow the session', async () => {
      const r = await app.http.get(`/events/${event.id}/reminder-rules/${rule.body.id}`).set('Authorization', auth).expect(200);
      return r.body.scheduled[0].dueAt !== first.dueAt ? r.body.scheduled[0] : null;
    });
    expect(moved).toMatchObject({ id: first.id, dueAt: `${day}T13:30:00${session.body.startsAt.slice(-6)}`, state: 'pending' });

    await app.http.delete(`/events/${event.id}/sessions/${session.body.id}`).set('Authorization', auth).expect(200);
    await app.http.post(`/events/${event.id}/agenda/versions`).set('Authorization', auth).send({ note: 'v3' }).expect(201);
    await waitFor('the reminder to be cancelled', async () => {
      const r = await app.http.get(`/events/${event.id}/reminder-rules/${rule.body.id}`).set('Authorization', auth).expect(200);
      return r.body.scheduled[0].state === 'cancelled';
    });
  });

  it('marks a reminder missed, not sent late, when it is already overdue as it is first scheduled', async () => {
    const event = await createOpenEvent(app.http, auth, { defaultReminders: false });
    await app.http.post(`/events/${event.id}/registrations`).send(attendee()).expect(201);
    const rule = await app.http
      .post(`/events/${event.id}/reminder-rules`)
      .set('Authorization', auth)
      .send({
        name: 'Too late',
        anchor: 'fixed',
        fixedAt: new Date(Date.now() - 60_000).toISOString(),
        offsetMinutes: 0,
        audience: 'confirmed',
      })
      .expect(201);
    expect(rule.body.scheduled).toEqual([expect.objectContaining({ state: 'missed' })]);
  });

  it("still delivers every pending reminder exactly once after a restart with the queue's Redis keys gone", async () => {
    const event = await createOpenEvent(app.http, auth, { defaultReminders: false });
    const people = [attendee(), attendee(), attendee()];
    for (const body of people) await app.http.post(`/events/${event.id}/registrations`).send(body).expect(201);
    await waitFor('the confirmations', async () => (await Promise.all(people.map((p) => smtp.waitForMail(p.email)))).length === 3);
    await app.http
      .post(`/events/${event.id}/reminder-rules`)
      .set('Authorization', auth)
      .send({
        name: 'After restart',
        anchor: 'fixed',
        fixedAt: new Date(Date.now() + 6000).toISOString(),
        offsetMinutes: 0,
        audience: 'confirmed',
      })
      .expect(201);
    await app.stop();

    const redis = new Redis(TEST_REDIS_URL);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.QUEUE_PREFIX}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      expect(await redis.keys(`${env.QUEUE_PREFIX}:*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }

    app = await startTestApp(env);
    for (const person of people) {
      await waitFor(`${person.email}'s reminder`, () => reminderMails(person.email).length > 0, 30_000);
    }
    await waitFor(
      'every reminder mail to be sent',
      async () =>
        (await db.query(`SELECT 1 FROM emails WHERE kind = 'reminder' AND event_id = $1 AND status <> 'sent'`, [event.id])).length === 0,
    );
    for (const person of people) expect(reminderMails(person.email)).toHaveLength(1);
  });
});
