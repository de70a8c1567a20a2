import { CountingSmtpSink } from '../../support/counting-smtp-sink';
import { attendee, createOpenEvent } from '../../support/future-event';
import { RedisCluster } from '../../support/redis-cluster';
import { REDIS_TEST_TIMEOUT_MS, deliveriesPerRecipient, scheduleReminder, waitForReminderSent } from '../../support/redis-fan-out';
import { seedConfirmedAttendees } from '../../support/seed-attendees';
import { ADMIN, TestApp, login, startTestApp, testEnv } from '../../support/test-app';
import { TestDatabase, createTestDatabase } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';

const RECIPIENTS = 300;
/** Low enough to reach: counted per route, and besides that test this file logs in once. */
const RATE_LIMIT = 5;

/**
 * Plenary on a 3-master Redis Cluster started by the test (password in the
 * seed entries, as REDIS_CLUSTER_NODES takes it): the process in
 * role `all` boots its workers and schedulers there, and each queue's keys
 * must share one slot (BullMQ's scripts touch many keys at once).
 */
describe('on a Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  let cluster: RedisCluster;
  let db: TestDatabase;
  let smtp: CountingSmtpSink;
  let app: TestApp;
  let auth: string;
  let prefix: string;

  beforeAll(async () => {
    cluster = await RedisCluster.start(3, 'cluster-secret');
    db = await createTestDatabase();
    smtp = await new CountingSmtpSink().start();
    const env = testEnv(db.url, smtp.url, {
      REDIS_URL: '',
      REDIS_CLUSTER_NODES: cluster.seedNodes,
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    });
    prefix = env.QUEUE_PREFIX as string;
    app = await startTestApp(env);
    auth = await login(app.http, ADMIN.email, ADMIN.password);
  }, REDIS_TEST_TIMEOUT_MS);

  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
    await db?.drop();
    await cluster?.stop();
  });

  it('answers /health 200 and lists every queue on /admin/queues', async () => {
    const health = await app.http.get('/health').expect(200);
    expect(health.body.checks.queue).toEqual({ status: 'up' });
    const queues = await app.http.get('/admin/queues/api/queues').set('Authorization', auth).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['certificates', 'mail', 'reminders', 'reports']);
    // The workers' blocking connections are named on the node that holds each queue: the board finds them all.
    await waitFor('every queue to show its workers', async () => {
      const { body } = await app.http.get('/admin/queues/api/queues').set('Authorization', auth).expect(200);
      return (body.queues as Array<{ hasWorkers: boolean | null }>).every((queue) => queue.hasWorkers === true);
    });
    const metrics = await app.http.get('/metrics').expect(200);
    expect(metrics.text).toMatch(/plenary_queue_jobs\{queue="mail",state="waiting"\} \d+/);
  });

  it('counts the public rate limit in the cluster', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMIT; i++) {
      const response = await app.http.post('/auth/login').send({ email: ADMIN.email, password: 'wrong-password' });
      statuses.push(response.status);
    }
    expect(statuses[0]).toBe(401);
    expect(statuses[statuses.length - 1]).toBe(429);
    const [key] = (await Promise.all(cluster.nodes.map((node) => node.command<string[]>('KEYS', `${prefix}:rate-limit:*`)))).flat();
    expect(key).toMatch(/:\/auth\/login$/);
  });

  it('delivers a registration confirmation exactly once', async () => {
    const event = await createOpenEvent(app.http, auth, { defaultReminders: false });
    const person = attendee();
    await app.http.post(`/events/${event.id}/registrations`).send(person).expect(201);
    await waitFor('the confirmation to be sent', async () => {
      const rows = await db.query<{ status: string }>(`SELECT status FROM emails WHERE event_id = $1 AND to_address = $2`, [
        event.id,
        person.email.toLowerCase(),
      ]);
      return rows.length === 1 && rows[0].status === 'sent';
    });
    expect(smtp.byRecipient.get(person.email.toLowerCase())).toBe(1);
  });

  it(
    `fans a reminder out to ${RECIPIENTS} attendees, each receiving it exactly once`,
    async () => {
      const event = await createOpenEvent(app.http, auth, { defaultReminders: false });
      const attendees = await seedConfirmedAttendees(db, event.id, RECIPIENTS);
      const ruleId = await scheduleReminder(app.http, auth, event.id, 1000);
      await waitForReminderSent(db, event.id, ruleId);
      expect(deliveriesPerRecipient(smtp, attendees)).toEqual({ 1: RECIPIENTS });
    },
    REDIS_TEST_TIMEOUT_MS,
  );

  it('compiles a report on the reports queue', async () => {
    const event = await createOpenEvent(app.http, auth, { defaultReminders: false });
    const requested = await app.http.post(`/events/${event.id}/reports`).set('Authorization', auth).expect(202);
    await waitFor('the report to be compiled', async () => {
      const report = await app.http.get(`/events/${event.id}/reports/${requested.body.id}`).set('Authorization', auth).expect(200);
      return report.body.status === 'completed';
    });
  });

  it('keeps each queue in one hash slot and spreads the queues over the masters', async () => {
    const holders = new Map<string, Set<string>>();
    for (const node of cluster.nodes) {
      // Queue keys only; the rate limit's keys are one per window and may live anywhere.
      for (const key of await node.command<string[]>('KEYS', `${prefix}:*`)) {
        if (key.startsWith(`${prefix}:rate-limit:`)) continue;
        const queue = /^[^:]+:\{([^}]+)\}:/.exec(key)?.[1] ?? `untagged ${key}`;
        holders.set(queue, (holders.get(queue) ?? new Set()).add(node.address));
      }
    }
    expect([...holders.keys()].sort()).toEqual(expect.arrayContaining(['mail', 'reminders', 'reports']));
    for (const [queue, nodes] of holders) expect({ queue, nodes: nodes.size }).toEqual({ queue, nodes: 1 });
    expect(new Set([...holders.values()].map((nodes) => [...nodes][0])).size).toBeGreaterThan(1);
  });
});
