import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { JobQueueService } from '../../src/platform/queue/job-queue.service';
import { QueueName } from '../../src/platform/queue/queue-names';
import { CountingSmtpSink } from '../support/counting-smtp-sink';
import { createOpenEvent } from '../support/future-event';
import { PlenaryProcess, cleanEnv } from '../support/plenary-process';
import { RedisServer } from '../support/restartable-redis';
import { reminderProgress } from '../support/reminder-progress';
import { createReminderSoon } from '../support/reminder-soon';
import { SeededAttendee, seedConfirmedAttendees } from '../support/seed-attendees';
import { ADMIN, TestApp, login, startTestApp, testEnv } from '../support/test-app';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const MAIN = resolve(__dirname, '../../dist/main.js');
const RECIPIENTS = 2000;
const SWEEP_SECONDS = 20;
/** Three sweep intervals for the recovery, and the setup and fan-out before the kill. */
const TEST_TIMEOUT_MS = 3 * SWEEP_SECONDS * 1000 + 60_000;

/**
 * design.md principle 1: losing Redis loses nothing. Redis (a server of this
 * test's own) is killed with -9 and comes back empty, once while a reminder's
 * fan-out is writing its outbox rows and once while its mail is being sent.
 * Neither the api (this process) nor the worker (an OS process) is restarted:
 * the maintenance schedule lives in Postgres, so the sweeps find what Redis
 * lost and every recipient gets one reminder.
 */
describe('Redis killed and restarted empty during a 2,000-recipient reminder', () => {
  let redis: RedisServer;
  let db: TestDatabase;
  let smtp: CountingSmtpSink;
  let api: TestApp;
  let worker: PlenaryProcess;
  let auth: string;
  let locker: Client;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    redis = await RedisServer.start();
    db = await createTestDatabase();
    smtp = await new CountingSmtpSink().start();
    const env = testEnv(db.url, smtp.url, { REDIS_URL: redis.url, PLENARY_SWEEP_INTERVAL_SECONDS: String(SWEEP_SECONDS) });
    api = await startTestApp({ ...env, PLENARY_ROLE: 'api' });
    auth = await login(api.http, ADMIN.email, ADMIN.password);
    worker = new PlenaryProcess(
      cleanEnv({ ...(env as Record<string, string>), PLENARY_ROLE: 'worker', PLENARY_LOG_LEVEL: 'info' }),
    ).start();
    await waitFor('the worker process to start', () => {
      if (worker.text.includes('"level":60')) throw new Error(worker.text);
      return worker.output.some((line) => line.includes('"msg":"Plenary started"'));
    });
    locker = new Client({ connectionString: db.url });
    await locker.connect();
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await locker?.end();
    if (redis && !redis.running) await redis.start();
    await api?.stop();
    await redis?.close();
    await smtp?.stop();
    await db?.drop();
  });

  async function startReminder(): Promise<{ eventId: string; attendees: SeededAttendee[] }> {
    const event = await createOpenEvent(api.http, auth, { defaultReminders: false });
    const attendees = await seedConfirmedAttendees(db, event.id, RECIPIENTS);
    await createReminderSoon(api.http, auth, event.id, { name: 'Crowd', audience: 'confirmed' }, 1500);
    return { eventId: event.id, attendees };
  }

  /** Kills Redis, brings it back empty and answers when it was back. */
  async function restartEmpty(): Promise<number> {
    await redis.kill();
    await redis.start();
    return Date.now();
  }

  async function expectEveryoneOnce(eventId: string, attendees: SeededAttendee[], back: number, inFlight: string[]): Promise<void> {
    const before = new Map(smtp.byOutboxId);
    const done = await waitFor(
      'every reminder to be sent',
      async () => {
        const now = await reminderProgress(db, eventId);
        return now.sent === RECIPIENTS && now.state === 'fanned_out' ? now : null;
      },
      3 * SWEEP_SECONDS * 1000 + 10_000,
      100,
    ).catch(async (error: Error) => {
      const mail = api.plenary.app.get(JobQueueService).queue(QueueName.Mail);
      const counts = await mail.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
      throw new Error(
        `${error.message}; ${JSON.stringify(await reminderProgress(db, eventId))} ${JSON.stringify(counts)} workers ${await mail.getWorkersCount()}`,
      );
    });
    const elapsed = Date.now() - back;
    expect(done).toMatchObject({ rows: RECIPIENTS, sent: RECIPIENTS, sending: 0 });
    const missing = attendees.filter((a) => !smtp.byRecipient.has(a.email));
    expect(missing).toEqual([]);
    const ids = await db.query<{ id: string }>(`SELECT id FROM emails WHERE event_id = $1 AND kind = 'reminder'`, [eventId]);
    const duplicated = ids.filter(({ id }) => (smtp.byOutboxId.get(id) ?? 0) > 1).map(({ id }) => id);
    if (process.env.TEST_LOG_LEVEL) {
      process.stdout.write(
        `redis restart: all sent ${elapsed} ms after Redis returned; ${duplicated.length} duplicate(s), ${inFlight.length} in flight\n`,
      );
    }
    // Only a message being sent at the kill may arrive twice, and at most twice.
    expect(duplicated.filter((id) => !inFlight.includes(id))).toEqual([]);
    for (const id of duplicated) expect(smtp.byOutboxId.get(id)).toBe(2);
    expect(before.size).toBeLessThanOrEqual(smtp.byOutboxId.size);
    expect(elapsed).toBeLessThan(3 * SWEEP_SECONDS * 1000);
  }

  it(
    'while the fan-out is writing its rows: every recipient gets one reminder within three sweep intervals',
    async () => {
      const { eventId, attendees } = await startReminder();
      await waitFor('the first batch of reminder rows', async () => (await reminderProgress(db, eventId)).rows > 0, 20_000, 10);
      let back: number;
      let inFlight: string[];
      // The fan-out waits where it mints the next batch's links while Redis goes and comes back empty.
      await locker.query('BEGIN');
      try {
        await locker.query('LOCK TABLE magic_link_tokens IN SHARE MODE');
        await waitFor('the fan-out to wait on the lock', async () => {
          const blocked = await db.query(`SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))`, [
            (locker as unknown as { processID: number }).processID,
          ]);
          return blocked.length > 0;
        });
        back = await restartEmpty();
        inFlight = (await db.query<{ id: string }>(`SELECT id FROM emails WHERE event_id = $1 AND status = 'sending'`, [eventId])).map(
          (r) => r.id,
        );
        expect((await reminderProgress(db, eventId)).rows).toBeLessThan(RECIPIENTS);
      } finally {
        await locker.query('COMMIT');
      }
      await expectEveryoneOnce(eventId, attendees, back, inFlight);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'while its mail is sending: every recipient gets one reminder within three sweep intervals',
    async () => {
      const { eventId, attendees } = await startReminder();
      await waitFor(
        'some reminders to be sent',
        async () => {
          const now = await reminderProgress(db, eventId);
          return now.rows === RECIPIENTS && now.sent >= RECIPIENTS / 10;
        },
        30_000,
        10,
      );
      const inFlight = (await db.query<{ id: string }>(`SELECT id FROM emails WHERE event_id = $1 AND status = 'sending'`, [eventId])).map(
        (r) => r.id,
      );
      const back = await restartEmpty();
      expect((await reminderProgress(db, eventId)).sent).toBeLessThan(RECIPIENTS);
      await expectEveryoneOnce(eventId, attendees, back, inFlight);
    },
    TEST_TIMEOUT_MS,
  );
});
