import { CountingSmtpSink } from '../../support/counting-smtp-sink';
import { createOpenEvent } from '../../support/future-event';
import {
  DELIVERY_WAIT_MS,
  REDIS_TEST_TIMEOUT_MS,
  deliveriesPerRecipient,
  scheduleReminder,
  waitForReminderSent,
} from '../../support/redis-fan-out';
import { RedisSentinelSetup, SENTINEL_MASTER_NAME } from '../../support/redis-sentinel';
import { seedConfirmedAttendees } from '../../support/seed-attendees';
import { ADMIN, TestApp, login, startTestApp, testEnv } from '../../support/test-app';
import { TestDatabase, createTestDatabase } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';

const RECIPIENTS = 600;
const PASSWORDS = { redis: 'data-node-secret', sentinel: 'sentinel-secret' };

/**
 * Plenary finds its Redis through three Sentinels (each side with its own password); the master is failed over
 * to the replica while a reminder's mail is going out. Whatever the old master
 * held and the new one lacks, the sweep re-creates from Postgres, and the
 * outbox's claim keeps every recipient at one copy.
 */
describe('on Redis Sentinel (REDIS_SENTINELS)', () => {
  let redis: RedisSentinelSetup;
  let db: TestDatabase;
  let smtp: CountingSmtpSink;
  let app: TestApp;
  let auth: string;

  beforeAll(async () => {
    redis = await RedisSentinelSetup.start(PASSWORDS);
    db = await createTestDatabase();
    smtp = await new CountingSmtpSink().start();
    app = await startTestApp(
      testEnv(db.url, smtp.url, {
        REDIS_URL: '',
        REDIS_SENTINELS: redis.sentinelEntries(PASSWORDS.redis),
        REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME,
        REDIS_SENTINEL_PASSWORD: PASSWORDS.sentinel,
        // At most 100 mails a second (the queue's rate limiter, in Redis too), so the failover meets mail still going out.
        SMTP_RATE_PER_SECOND: '100',
      }),
    );
    auth = await login(app.http, ADMIN.email, ADMIN.password);
  }, REDIS_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await db?.drop();
    await redis?.stop();
  });

  it(
    `delivers a ${RECIPIENTS}-recipient reminder exactly once each across a failover in the middle of it`,
    async () => {
      await app.http.get('/health').expect(200);
      const event = await createOpenEvent(app.http, auth, { defaultReminders: false });
      const attendees = await seedConfirmedAttendees(db, event.id, RECIPIENTS);
      const ruleId = await scheduleReminder(app.http, auth, event.id, 500);
      await waitFor('the first reminders to go out', () => smtp.messages >= RECIPIENTS / 10, DELIVERY_WAIT_MS, 10);
      await redis.failover();
      const sentBefore = smtp.messages;
      expect(sentBefore).toBeLessThan(RECIPIENTS);

      await waitForReminderSent(db, event.id, ruleId);
      expect(deliveriesPerRecipient(smtp, attendees)).toEqual({ 1: RECIPIENTS });
      const health = await app.http.get('/health').expect(200);
      expect(health.body.checks.queue).toEqual({ status: 'up' });
      expect((await redis.replica.command<string[]>('ROLE'))[0]).toBe('master');
    },
    REDIS_TEST_TIMEOUT_MS,
  );
});
