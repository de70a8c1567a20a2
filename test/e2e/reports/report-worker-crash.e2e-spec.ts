import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { JobQueueService } from '../../../src/platform/queue/job-queue.service';
import { QueueName } from '../../../src/platform/queue/queue-names';
import { PlenaryProcess, cleanEnv } from '../../support/plenary-process';
import { attendeesCsv, buildRegionMeeting, importedAttendee } from '../../support/region-meeting';
import { SmtpSink } from '../../support/smtp-sink';
import { ADMIN, TestApp, login, startTestApp, testEnv } from '../../support/test-app';
import { TestDatabase, createTestDatabase } from '../../support/test-database';
import { waitFor } from '../../support/wait-for';

const MAIN = resolve(__dirname, '../../../dist/main.js');
const ATTENDEES = 60;
const MEMBER = { email: 'maria.member@org.test', name: 'Maria Member', password: 'member-password-1' };

interface ReportRow {
  id: string;
  version: number;
  status: string;
  progress: number;
  attempts: number;
}

describe('a report worker process killed mid-compile', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let env: NodeJS.ProcessEnv;
  let api: TestApp;
  let worker: TestApp | undefined;
  let auth: string;
  let base: string;
  let eventId: string;
  const children: PlenaryProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    db = await createTestDatabase();
    smtp = await new SmtpSink().start();
    env = testEnv(db.url, smtp.url);
    api = await startTestApp({ ...env, PLENARY_ROLE: 'api' });
    auth = await login(api.http, ADMIN.email, ADMIN.password);
    await api.http.post('/organisers').set('Authorization', auth).send(MEMBER).expect(201);
    const meeting = await buildRegionMeeting(api.http, auth, { capacity: 500 });
    base = meeting.base;
    eventId = meeting.event.id;
    await api.http.post(`${base}/members`).set('Authorization', auth).send({ email: MEMBER.email, role: 'organiser' }).expect(201);
    const csv = attendeesCsv(Array.from({ length: ATTENDEES }, (_, i) => importedAttendee(i)));
    await api.http
      .post(`${base}/registrations/import?notify=false`)
      .set('Authorization', auth)
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(200);
    await api.http.post(`${base}/outcomes`).set('Authorization', auth).send({ label: 'missions undertaken', value: '40' }).expect(201);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop('SIGKILL')));
    await worker?.stop();
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  afterEach(async () => {
    await Promise.all(children.map((child) => child.stop('SIGKILL')));
    await worker?.stop();
    worker = undefined;
  });

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

  const reports = () =>
    db.query<ReportRow>(`SELECT id, version, status, progress, attempts FROM reports WHERE event_id = $1 ORDER BY version`, [eventId]);
  const reportReady = (address: string) => smtp.for(address).filter((m) => m.subject.startsWith('Report ready'));

  it('re-runs the stalled job in another worker and ends with one complete version', async () => {
    const child = await startWorkerProcess();
    const locker = new Client({ connectionString: db.url });
    await locker.connect();
    let id: string;
    try {
      // The outcomes table held, the compile stops at its second-to-last statement.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE event_outcomes IN ACCESS EXCLUSIVE MODE');
      const requested = await api.http.post(`${base}/reports`).set('Authorization', auth).expect(202);
      id = requested.body.id;
      const blocked = await waitFor('the worker to wait on the outcomes mid-compile', async () => {
        const waiting = await db.query(
          `SELECT 1 FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid)) AND query LIKE 'SELECT label, value, note FROM event_outcomes%'`,
          [(locker as unknown as { processID: number }).processID],
        );
        const [row] = await reports();
        return waiting.length === 1 && row?.status === 'compiling' ? row : null;
      });
      expect(blocked).toMatchObject({ id, version: 1, attempts: 1 });
      expect(blocked.progress).toBeGreaterThan(50);
      const midway = await api.http.get(`${base}/reports/${id}`).set('Authorization', auth).expect(200);
      expect(midway.body).toMatchObject({ status: 'compiling', progress: blocked.progress, data: null, links: null });
      await child.stop('SIGKILL');
    } finally {
      await locker.query('COMMIT').catch(() => undefined);
      await locker.end();
    }
    const queue = api.plenary.app.get(JobQueueService).queue(QueueName.Reports);
    expect(await queue.getJobState(id)).toBe('active');

    worker = await startTestApp({ ...env, PLENARY_ROLE: 'worker' });
    const job = await waitFor(
      'the stalled compile to be re-run',
      async () => ((await queue.getJobState(id)) === 'completed' ? queue.getJob(id) : null),
      30_000,
    );

    expect(job!.stalledCounter).toBe(1);
    expect(job!.returnvalue).toMatchObject({ version: 1 });
    expect(await reports()).toEqual([{ id, version: 1, status: 'completed', progress: 100, attempts: 2 }]);
    const report = await api.http.get(`${base}/reports/${id}`).set('Authorization', auth).expect(200);
    expect(report.body.data.registrations.total).toBe(ATTENDEES);
    expect(report.body.data.presentations.total).toBe(20);
    expect(report.body.data.outcomes).toEqual([{ label: 'missions undertaken', value: '40', note: null }]);
    const html = await api.http.get(`${base}/reports/${id}.html`).set('Authorization', auth).expect(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    const csv = await api.http.get(`${base}/reports/${id}.csv`).set('Authorization', auth).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toContain(`registrations,total,${ATTENDEES}\r\n`);

    // One "report ready" per organiser, although two workers compiled it.
    for (const address of [ADMIN.email, MEMBER.email]) {
      await waitFor(`the report-ready mail to ${address}`, () => reportReady(address).length > 0);
    }
    // The SMTP server has the message a moment before the row says `sent`.
    const rows = await waitFor('both report-ready rows to be recorded as sent', async () => {
      const found = await db.query<{ to_address: string; status: string }>(
        `SELECT to_address, status FROM emails WHERE kind = 'report-ready' ORDER BY to_address`,
      );
      return found.every((row) => row.status !== 'sending' && row.status !== 'queued') ? found : null;
    });
    expect(rows).toEqual([
      { to_address: ADMIN.email, status: 'sent' },
      { to_address: MEMBER.email, status: 'sent' },
    ]);
    expect(reportReady(ADMIN.email)).toHaveLength(1);
    expect(reportReady(MEMBER.email)).toHaveLength(1);
  });

  it('re-creates the job of a queued report that Redis lost, from the maintenance sweep', async () => {
    const requested = await api.http.post(`${base}/reports`).set('Authorization', auth).expect(202);
    expect(requested.body).toMatchObject({ version: 2, status: 'queued', shared: false });
    const queue = api.plenary.app.get(JobQueueService).queue(QueueName.Reports);
    await queue.obliterate({ force: true });
    expect(await queue.getJob(requested.body.id)).toBeUndefined();

    worker = await startTestApp({ ...env, PLENARY_ROLE: 'worker' });
    await waitFor(
      'the sweep to re-create the job and the report to be compiled',
      async () => (await reports()).find((r) => r.id === requested.body.id)?.status === 'completed',
      30_000,
    );
    expect((await reports()).map((r) => [r.version, r.status, r.attempts])).toEqual([
      [1, 'completed', 2],
      [2, 'completed', 1],
    ]);
  });
});
