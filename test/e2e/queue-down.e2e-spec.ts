import { attendee, createOpenEvent } from '../support/future-event';
import { RedisServer } from '../support/restartable-redis';
import { SmtpSink } from '../support/smtp-sink';
import { ADMIN, TestApp, login, startTestApp, testEnv } from '../support/test-app';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

/** Writes while the queue is down: saved, answered as saved, and their jobs added once it is back. */
describe('a write whose job cannot be added after commit', () => {
  let redis: RedisServer;
  let db: TestDatabase;
  let smtp: SmtpSink;
  let app: TestApp;
  let auth: string;

  beforeAll(async () => {
    redis = await RedisServer.start();
    db = await createTestDatabase();
    smtp = await new SmtpSink().start();
    app = await startTestApp(testEnv(db.url, smtp.url, { REDIS_URL: redis.url }));
    auth = await login(app.http, ADMIN.email, ADMIN.password);
  });

  afterAll(async () => {
    // Workers stop only once their connection answers.
    if (redis && !redis.running) await redis.start();
    await app?.stop();
    await redis?.close();
    await smtp?.stop();
    await db?.drop();
  });

  it('answers 2xx within 5 s with Redis stopped, saves it once, and delivers it once Redis is back', async () => {
    const event = await createOpenEvent(app.http, auth, { defaultReminders: false });
    const person = attendee();
    await redis.stop();

    let started = Date.now();
    const registration = await app.http.post(`/events/${event.id}/registrations`).timeout(5000).send(person).expect(201);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(registration.body.status).toBe('confirmed');

    const due = new Date(Date.now() + 12_000);
    started = Date.now();
    await app.http
      .post(`/events/${event.id}/reminder-rules`)
      .set('Authorization', auth)
      .timeout(5000)
      .send({ name: 'While Redis was down', anchor: 'fixed', fixedAt: due.toISOString(), audience: 'confirmed' })
      .expect(201);
    expect(Date.now() - started).toBeLessThan(5000);
    const rules = await app.http.get(`/events/${event.id}/reminder-rules`).set('Authorization', auth).expect(200);
    expect(rules.body.items).toHaveLength(1);

    await redis.start();
    const [confirmation] = await smtp.waitForMail(person.email);
    expect(confirmation.text).toContain('/my-registration?token=');
    const reminders = () => smtp.for(person.email).filter((m) => m.subject.startsWith('Reminder'));
    await waitFor('the reminder', () => reminders().length > 0, 30_000);
    const rows = await waitFor('both messages recorded as sent', async () => {
      const found = await db.query<{ kind: string; status: string; attempts: number }>(
        `SELECT kind, status, attempts FROM emails WHERE to_address = $1 ORDER BY kind`,
        [person.email],
      );
      return found.every((row) => row.status === 'sent') ? found : null;
    });
    expect(rows.map((row) => [row.kind, row.attempts])).toEqual([
      [expect.stringMatching(/^registration/), 1],
      ['reminder', 1],
    ]);
    expect(smtp.for(person.email)).toHaveLength(2);
  });
});
