import { randomUUID } from 'node:crypto';
import { Job } from 'bullmq';
import { OutboxService } from '../../src/platform/mail/outbox.service';
import { MailTemplate, html } from '../../src/platform/mail/mail-template';
import { JobQueueService } from '../../src/platform/queue/job-queue.service';
import { JobName, QueueName } from '../../src/platform/queue/queue-names';
import { ADMIN, TestApp, login, startTestApp, testEnv } from '../support/test-app';
import { SmtpSink } from '../support/smtp-sink';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { useTestApp } from '../support/use-test-app';
import { waitFor } from '../support/wait-for';

interface EmailRow {
  id: string;
  status: string;
  attempts: number;
  message_id: string | null;
  last_error: string | null;
  job_id: string;
  enqueues: number;
}

const noticeTemplate: MailTemplate<{ name: string }> = {
  kind: 'test-notice',
  language: () => 'en',
  subject: (p) => `Notice for ${p.name}`,
  html: (p) => html`<p>Hello ${p.name}</p>`,
  text: (p) => `Hello ${p.name}`,
};

async function emailRows(db: TestDatabase, where: string, params: unknown[]): Promise<EmailRow[]> {
  return db.query<EmailRow>(
    `SELECT id, status, attempts, message_id, last_error, job_id, enqueues FROM emails WHERE ${where} ORDER BY created_at`,
    params,
  );
}

async function emailRow(db: TestDatabase, id: string): Promise<EmailRow> {
  const [row] = await emailRows(db, 'id = $1', [id]);
  return row;
}

function waitForStatus(db: TestDatabase, id: string, status: string): Promise<EmailRow> {
  return waitFor(`email ${id} to be ${status}`, async () => {
    const row = await emailRow(db, id);
    return row?.status === status ? row : null;
  });
}

/** Waits until BullMQ holds the job as finished (completed or failed) and returns it. */
function waitForFinishedJob(app: TestApp, jobId: string): Promise<Job> {
  const queue = app.plenary.app.get(JobQueueService).queue(QueueName.Mail);
  return waitFor(`mail job ${jobId} to finish`, async () => {
    const state = await queue.getJobState(jobId);
    // Read after the state, so the job carries its result.
    return state === 'completed' || state === 'failed' ? queue.getJob(jobId) : null;
  });
}

function sendNotice(app: TestApp, address: string, dedupeKey = `test-notice:${randomUUID()}`) {
  return app.plenary.app.get(OutboxService).send({
    dedupeKey,
    to: { address, name: 'Test' },
    template: noticeTemplate,
    params: { name: address },
  });
}

describe('mail delivery through the outbox', () => {
  const ctx = useTestApp();
  let db: TestDatabase;
  let smtp: SmtpSink;
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    ({ db, smtp, app } = ctx);
    admin = await login(app.http, ADMIN.email, ADMIN.password);
  });

  async function createOrganiser(email: string): Promise<void> {
    await app.http
      .post('/organisers')
      .set('Authorization', admin)
      .send({ email, name: email.split('@')[0], password: 'organiser-password-1' })
      .expect(201);
  }

  async function requestReset(email: string): Promise<EmailRow> {
    await app.http.post('/auth/password-reset').send({ email }).expect(202);
    return waitFor(`the reset email row for ${email}`, async () => {
      const [row] = await emailRows(db, `kind = 'password-reset' AND to_address = $1`, [email]);
      return row;
    });
  }

  it('delivers a password reset once after the SMTP server answers 451 twice', async () => {
    await createOrganiser('retry@region.test');
    const before = smtp.attempts;
    smtp.replyWith(451, 451);

    const { id } = await requestReset('retry@region.test');
    const row = await waitForStatus(db, id, 'sent');
    const job = await waitForFinishedJob(app, id);

    expect(row.attempts).toBe(3);
    expect(row.last_error).toBeNull();
    // The row's id, so every attempt carries one Message-ID and a bounce report names the row.
    expect(row.message_id).toMatch(new RegExp(`^<${id}@[^>]+>$`));
    expect(smtp.attempts - before).toBe(3);
    const received = smtp.for('retry@region.test');
    expect(received).toHaveLength(1);
    expect(received[0].parsed.messageId).toBe(row.message_id);
    expect(received[0].headers.get('x-plenary-outbox-id')).toBe(id);
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toEqual({ sent: row.message_id });
  });

  it('marks a mail refused with 550 failed after one attempt, and does not retry it', async () => {
    await createOrganiser('refused@region.test');
    const before = smtp.attempts;
    smtp.replyWith(550);

    const { id } = await requestReset('refused@region.test');
    const row = await waitForStatus(db, id, 'failed');
    const job = await waitForFinishedJob(app, id);

    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/550.*mailbox unavailable/);
    expect(row.message_id).toBeNull();
    // Failed is final in BullMQ: a job that still had retries would be delayed or waiting.
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/refused/);

    // A later mail goes through the same worker, and the refused one has taken exactly one DATA attempt.
    const later = await sendNotice(app, 'after-refusal@region.test');
    await waitForStatus(db, later.id, 'sent');
    expect(smtp.attempts - before).toBe(2);
    expect(smtp.for('refused@region.test')).toHaveLength(0);
    expect((await emailRow(db, id)).status).toBe('failed');
  });

  it('creates one row and sends one message when the same mail is enqueued twice with one dedupe key', async () => {
    const dedupeKey = `test-notice:${randomUUID()}`;
    const [first, second] = await Promise.all([
      sendNotice(app, 'twice@region.test', dedupeKey),
      sendNotice(app, 'twice@region.test', dedupeKey),
    ]);
    const third = await sendNotice(app, 'twice@region.test', dedupeKey);

    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(third.created).toBe(false);
    expect(new Set([first.id, second.id, third.id]).size).toBe(1);
    const rows = await db.query<{ id: string }>('SELECT id FROM emails WHERE dedupe_key = $1', [dedupeKey]);
    expect(rows).toHaveLength(1);

    // The worker takes waiting jobs in order: whatever the duplicates enqueued has had its turn once this one is sent.
    const marker = await sendNotice(app, 'twice-marker@region.test');
    await waitForStatus(db, first.id, 'sent');
    await waitForStatus(db, marker.id, 'sent');
    expect(smtp.for('twice@region.test')).toHaveLength(1);
    expect((await emailRow(db, first.id)).attempts).toBe(1);
  });

  it('sends nothing when a job is added again for a sent or failed row', async () => {
    const sent = await sendNotice(app, 'rerun@region.test');
    await waitForStatus(db, sent.id, 'sent');
    smtp.replyWith(550);
    const failed = await sendNotice(app, 'rerun-refused@region.test');
    await waitForStatus(db, failed.id, 'failed');
    const attemptsBefore = smtp.attempts;

    const queues = app.plenary.app.get(JobQueueService);
    await queues.enqueue(JobName.SendMail, { emailId: sent.id }, { jobId: `${sent.id}-rerun` });
    await queues.enqueue(JobName.SendMail, { emailId: failed.id }, { jobId: `${failed.id}-rerun` });
    const rerunSent = await waitForFinishedJob(app, `${sent.id}-rerun`);
    const rerunFailed = await waitForFinishedJob(app, `${failed.id}-rerun`);

    expect(rerunSent.returnvalue).toEqual({ skipped: 'email is sent' });
    expect(rerunFailed.returnvalue).toEqual({ skipped: 'email is failed' });
    expect(smtp.attempts).toBe(attemptsBefore);
    expect(smtp.for('rerun@region.test')).toHaveLength(1);
    expect(await emailRow(db, sent.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await emailRow(db, failed.id)).toMatchObject({ status: 'failed', attempts: 1 });
  });
});

describe('the outbox reconciler', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let api: TestApp | undefined;
  let worker: TestApp | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    smtp = await new SmtpSink().start();
  });

  afterAll(async () => {
    await worker?.stop();
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  it('re-creates a lost job from the queued row and delivers it once', async () => {
    const env = testEnv(db.url, smtp.url);
    api = await startTestApp({ ...env, PLENARY_ROLE: 'api' });
    const { id } = await sendNotice(api, 'lost@region.test');
    const queue = api.plenary.app.get(JobQueueService).queue(QueueName.Mail);
    expect(await (await queue.getJob(id))?.getState()).toBe('waiting');

    // Redis lost everything it held for the mail queue.
    await queue.obliterate({ force: true });
    expect(await queue.getJob(id)).toBeUndefined();
    expect(await emailRow(db, id)).toMatchObject({ status: 'queued', attempts: 0 });

    worker = await startTestApp({ ...env, PLENARY_ROLE: 'worker' });
    const row = await waitForStatus(db, id, 'sent');

    expect(row).toMatchObject({ attempts: 1, job_id: `${id}-2`, enqueues: 2 });
    const job = await waitForFinishedJob(api, `${id}-2`);
    expect(job.returnvalue).toEqual({ sent: row.message_id });
    expect(smtp.for('lost@region.test')).toHaveLength(1);
    expect(smtp.attempts).toBe(1);
  });
});

describe('mail retries running out', () => {
  const ctx = useTestApp({ PLENARY_MAIL_ATTEMPTS: '2' });

  it('marks a mail failed with the last 4xx answer once PLENARY_MAIL_ATTEMPTS are used up', async () => {
    const { db, smtp, app } = ctx;
    smtp.replyWith(451, 452);
    const { id } = await sendNotice(app, 'busy@region.test');
    const row = await waitForStatus(db, id, 'failed');
    const job = await waitForFinishedJob(app, id);

    expect(row.attempts).toBe(2);
    expect(row.last_error).toMatch(/452/);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(2);
    expect(smtp.attempts).toBe(2);
    expect(smtp.received).toHaveLength(0);
  });
});
