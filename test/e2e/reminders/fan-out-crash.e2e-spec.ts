import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { CountingSmtpSink } from '../../support/counting-smtp-sink';
import { createOpenEvent } from '../../support/future-event';
import { PlenaryProcess, cleanEnv } from '../../support/plenary-process';
import { ReminderProgress, reminderProgress } from '../../support/reminder-progress';
import { createReminderSoon } from '../../support/reminder-soon';
import { SeededAttendee, seedConfirmedAttendees } from '../../support/seed-attendees';
import { ADMIN, TestApp, login, startTestApp, testEnv } from '../../support/test-app';
import { TestDatabase, createTestDatabase } from '../../support/test-database';
import { TEST_REDIS_URL } from '../../support/test-env';
import { waitFor } from '../../support/wait-for';

const MAIN = resolve(__dirname, '../../../dist/main.js');
const RECIPIENTS = 2000;
/** Room for its waits (20 s, 20 s, 45 s) and two worker processes starting, past Jest's 60 s default, which a loaded machine overran. */
const TEST_LIMIT_MS = 150_000;

/**
 * design.md "Queues": a row whose claiming worker died is sent again once
 * its job's lock expires, and the one duplicate possible is a message the SMTP server accepted
 * just before a crash. Here the API runs in this process (role api, adds jobs
 * only) and the workers are OS processes, so one can be SIGKILLed mid-way
 * through a reminder's fan-out and delivery, and another started in its place.
 */
describe('a worker process killed during a 2,000-recipient reminder fan-out', () => {
  let db: TestDatabase;
  let smtp: CountingSmtpSink;
  let env: NodeJS.ProcessEnv;
  let api: TestApp;
  let auth: string;
  let locker: Client;
  const children: PlenaryProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    db = await createTestDatabase();
    smtp = await new CountingSmtpSink().start();
    // testEnv already sets PLENARY_QUEUE_LOCK_SECONDS=2 and PLENARY_SWEEP_INTERVAL_SECONDS=1;
    // they are spelled out because this test depends on them.
    env = testEnv(db.url, smtp.url, {
      PLENARY_QUEUE_LOCK_SECONDS: '2',
      PLENARY_SWEEP_INTERVAL_SECONDS: '1',
    });
    api = await startTestApp({ ...env, PLENARY_ROLE: 'api' });
    auth = await login(api.http, ADMIN.email, ADMIN.password);
    locker = new Client({ connectionString: db.url });
    await locker.connect();
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop('SIGKILL')));
    await locker?.end();
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
    if (env?.QUEUE_PREFIX) await deleteQueueKeys(env.QUEUE_PREFIX);
  });

  /** A worker as its own OS process, with the API's database, Redis, queue prefix and SMTP server. */
  async function startWorkerProcess(): Promise<PlenaryProcess> {
    const child = new PlenaryProcess(
      cleanEnv({ ...(env as Record<string, string>), PLENARY_ROLE: 'worker', PLENARY_LOG_LEVEL: 'info' }),
    ).start();
    children.push(child);
    let exited = false;
    void child.finished().then(() => (exited = true));
    await waitFor('the worker process to start', () => {
      if (exited) throw new Error(`process exited:\n${child.text}`);
      return child.output.some((line) => line.includes('"msg":"Plenary started"'));
    });
    return child;
  }

  it(
    'delivers every reminder after a new worker takes over, duplicating only messages caught in flight at the kill',
    async () => {
      const event = await createOpenEvent(api.http, auth, { defaultReminders: false });
      const attendees: SeededAttendee[] = await seedConfirmedAttendees(db, event.id, RECIPIENTS);
      expect(attendees).toHaveLength(RECIPIENTS);
      const first = await startWorkerProcess();

      await createReminderSoon(api.http, auth, event.id, { name: 'Crowd', offsetMinutes: 0, audience: 'confirmed' }, 1500);

      // Once the first batch is in the outbox, the fan-out is paused where it mints the next
      // recipient's link (every reminder carries a magic link), however fast it runs: a table
      // lock that stops inserts of tokens and nothing the sending needs. The worker goes on
      // sending the committed batches, and is killed once some (not all) are sent.
      await waitFor('the first batch of reminder rows', async () => (await reminderProgress(db, event.id)).rows > 0, 20_000, 10);
      let beforeKill: ReminderProgress;
      let afterKill: ReminderProgress;
      let inFlight: Array<{ id: string; to_address: string }>;
      await locker.query('BEGIN');
      try {
        await locker.query('LOCK TABLE magic_link_tokens IN SHARE MODE');
        beforeKill = await waitFor(
          'the fan-out to wait on the lock while some reminders are sent',
          async () => {
            const blocked = await db.query(`SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))`, [
              (locker as unknown as { processID: number }).processID,
            ]);
            const now = await reminderProgress(db, event.id);
            return blocked.length > 0 && now.sent >= Math.min(RECIPIENTS / 20, now.rows / 2) ? now : null;
          },
          20_000,
          10,
        );
        await first.stop('SIGKILL');
        // No worker runs now (the API process only adds jobs), so the rows stay as the dead worker left them.
        afterKill = await reminderProgress(db, event.id);
        inFlight = await db.query<{ id: string; to_address: string }>(
          `SELECT id, to_address FROM emails WHERE event_id = $1 AND kind = 'reminder' AND status = 'sending'`,
          [event.id],
        );
      } finally {
        // The dead worker's backend, once its insert gets the lock, finds its client gone and rolls back.
        await locker.query('COMMIT');
      }
      expect(afterKill).toMatchObject({ state: 'pending', sending: inFlight.length });
      expect(afterKill.rows).toBeLessThan(RECIPIENTS);
      expect(afterKill.sent).toBeGreaterThan(0);
      const receivedAtKill = smtp.messages;

      await startWorkerProcess();

      const done = await waitFor(
        'every reminder row to be sent',
        async () => {
          const now = await reminderProgress(db, event.id);
          return now.rows === RECIPIENTS && now.sent === RECIPIENTS && now.state === 'fanned_out' ? now : null;
        },
        45_000,
        100,
      );
      expect(done).toMatchObject({ rows: RECIPIENTS, sent: RECIPIENTS, sending: 0 });
      // A row is marked sent only after the server accepted it, so the sink has counted every message by now.
      const { byRecipient: perAddress, byOutboxId: perOutboxId } = smtp;
      const missing = attendees.filter((a) => !perAddress.has(a.email));
      const duplicatedIds = [...perOutboxId].filter(([, n]) => n > 1).map(([id]) => id);
      const duplicates = smtp.messages - perOutboxId.size;
      const context =
        `before the kill ${JSON.stringify(beforeKill)}, after ${JSON.stringify(afterKill)} ` +
        `(${receivedAtKill} received at the kill); ${smtp.messages} received in all, ${duplicates} duplicate(s), ` +
        `${smtp.connectionErrors.length} connection(s) broken off (${[...new Set(smtp.connectionErrors.map((e) => (e as NodeJS.ErrnoException).code ?? e.message))].join(', ')})`;
      if (process.env.TEST_LOG_LEVEL) process.stdout.write(`fan-out crash: ${context}\n`);

      expect({ missing: missing.map((a) => a.email), context }).toEqual({ missing: [], context });
      expect(perAddress.size).toBe(RECIPIENTS);
      expect(perOutboxId.size).toBe(RECIPIENTS);
      // Only rows the dead worker had claimed and not recorded may arrive twice.
      expect({ duplicates: duplicates <= inFlight.length, context }).toEqual({ duplicates: true, context });
      expect(duplicatedIds.filter((id) => !inFlight.some((row) => row.id === id))).toEqual([]);
      for (const id of duplicatedIds) expect(perOutboxId.get(id)).toBe(2);
      // One outbox row per person, though the fan-out may have run twice.
      const [rows] = await db.query<{ n: number; people: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT to_address)::int AS people FROM emails WHERE event_id = $1 AND kind = 'reminder'`,
        [event.id],
      );
      expect(rows).toEqual({ n: RECIPIENTS, people: RECIPIENTS });
    },
    TEST_LIMIT_MS,
  );
});

/** This file's BullMQ keys (its own prefix) leave the shared Redis with it. */
async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
