import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { JobQueueService } from '../../src/platform/queue/job-queue.service';
import { QueueName } from '../../src/platform/queue/queue-names';
import { PlenaryProcess, cleanEnv } from '../support/plenary-process';
import { ADMIN, TestApp, login, startTestApp, testEnv } from '../support/test-app';
import { SmtpSink } from '../support/smtp-sink';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const MAIN = resolve(__dirname, '../../dist/main.js');

/** The "Plenary started" log line of a process that serves no HTTP, so has no url to wait for. */
function startedLine(child: PlenaryProcess): Promise<Record<string, unknown>> {
  let exited = false;
  void child.finished().then(() => (exited = true));
  return waitFor('the worker process to log that it started', () => {
    const line = child.output.find((l) => l.startsWith('{') && l.includes('"msg":"Plenary started"'));
    if (line) return JSON.parse(line) as Record<string, unknown>;
    if (exited) throw new Error(`process exited:\n${child.text}`);
    return null;
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

describe('roles: api and worker processes', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let env: NodeJS.ProcessEnv;
  let api: TestApp;
  let worker: TestApp | undefined;
  const children: PlenaryProcess[] = [];
  let admin: string;
  let eventId: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    db = await createTestDatabase();
    smtp = await new SmtpSink().start();
    env = testEnv(db.url, smtp.url);
    api = await startTestApp({ ...env, PLENARY_ROLE: 'api' });
    admin = await login(api.http, ADMIN.email, ADMIN.password);
    const event = await api.http
      .post('/events')
      .set('Authorization', admin)
      .send({ title: 'Region to region', timezone: 'Europe/Brussels', startsAt: '2031-10-08T09:00', endsAt: '2031-10-09T17:00' })
      .expect(201);
    eventId = event.body.id;
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop('SIGKILL')));
    await worker?.stop();
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  function spawnWorker(overrides: Record<string, string> = {}): PlenaryProcess {
    const child = new PlenaryProcess(
      cleanEnv({ ...(env as Record<string, string>), PLENARY_ROLE: 'worker', PLENARY_LOG_LEVEL: 'info', ...overrides }),
    ).start();
    children.push(child);
    return child;
  }

  async function invite(email: string): Promise<string> {
    await api.http.post(`/events/${eventId}/members`).set('Authorization', admin).send({ email, role: 'organiser' }).expect(201);
    const [row] = await db.query<{ id: string }>(`SELECT id FROM emails WHERE kind = 'organiser-invitation' AND to_address = $1`, [email]);
    return row.id;
  }

  async function outbox(): Promise<Map<string, { status: string; attempts: number }>> {
    const response = await api.http.get(`/events/${eventId}/emails`).set('Authorization', admin).expect(200);
    return new Map((response.body.items as Array<{ to: string; status: string; attempts: number }>).map((e) => [e.to, e]));
  }

  function mailQueue() {
    return api.plenary.app.get(JobQueueService).queue(QueueName.Mail);
  }

  it('the api process serves HTTP, runs no processor and leaves mail queued', async () => {
    expect(api.plenary.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await api.http.get('/health').expect(200);
    const queues = api.plenary.app.get(JobQueueService).allQueues();
    for (const queue of queues) expect(await queue.getWorkersCount()).toBe(0);
    expect(await db.query(`SELECT task FROM maintenance_runs`)).toEqual([]);

    const id = await invite('waiting@region.test');

    expect((await outbox()).get('waiting@region.test')).toMatchObject({ status: 'queued', attempts: 0 });
    const job = await mailQueue().getJob(id);
    expect(await job?.getState()).toBe('waiting');
    expect(job?.attemptsStarted).toBe(0);
    expect(smtp.attempts).toBe(0);
  });

  it('an api process and a worker child process deliver mail together', async () => {
    const port = await freePort();
    const child = spawnWorker({ PORT: String(port) });
    const started = await startedLine(child);

    expect(started).toMatchObject({ role: 'worker', url: null });
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    const id = await invite('delivered@region.test');
    const [mail] = await smtp.waitForMail('delivered@region.test');
    expect(mail.subject).toMatch(/Region to region/);
    // The invitation left queued by the api alone goes out too.
    await smtp.waitForMail('waiting@region.test');
    await waitFor('both invitations to be sent', async () => {
      const emails = await outbox();
      return emails.get('delivered@region.test')?.status === 'sent' && emails.get('waiting@region.test')?.status === 'sent';
    });
    expect(mail.headers.get('x-plenary-outbox-id')).toBe(id);
    expect(await mailQueue().getWorkersCount()).toBeGreaterThan(0);
    expect(smtp.for('delivered@region.test')).toHaveLength(1);
    expect(smtp.for('waiting@region.test')).toHaveLength(1);
    expect(smtp.attempts).toBe(2);

    expect(await child.stop()).toBe(0);
  });

  it('mail stays queued while no worker runs; a restarted worker sends each message once', async () => {
    await waitFor('the stopped worker to leave the queue', async () => (await mailQueue().getWorkersCount()) === 0);
    const before = smtp.attempts;

    const first = await invite('after-stop@region.test');
    expect((await outbox()).get('after-stop@region.test')).toMatchObject({ status: 'queued', attempts: 0 });
    const second = await invite('after-stop-2@region.test');
    expect(await (await mailQueue().getJob(first))?.getState()).toBe('waiting');
    expect(smtp.attempts).toBe(before);

    worker = await startTestApp({ ...env, PLENARY_ROLE: 'worker' });
    expect(worker.plenary.url).toBeNull();
    await smtp.waitForMail('after-stop@region.test');
    await smtp.waitForMail('after-stop-2@region.test');
    await waitFor('both invitations to be sent', async () => {
      const rows = await db.query<{ status: string }>(`SELECT status FROM emails WHERE id IN ($1, $2) AND status = 'sent'`, [
        first,
        second,
      ]);
      return rows.length === 2;
    });

    const emails = await outbox();
    expect(emails.get('after-stop@region.test')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(emails.get('after-stop-2@region.test')).toMatchObject({ status: 'sent', attempts: 1 });
    expect(smtp.for('after-stop@region.test')).toHaveLength(1);
    expect(smtp.for('after-stop-2@region.test')).toHaveLength(1);
    expect(smtp.attempts - before).toBe(2);
  });
});
