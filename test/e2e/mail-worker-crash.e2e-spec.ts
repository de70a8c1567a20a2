import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { OutboxService } from '../../src/platform/mail/outbox.service';
import { MailTemplate, html } from '../../src/platform/mail/mail-template';
import { JobQueueService } from '../../src/platform/queue/job-queue.service';
import { QueueName } from '../../src/platform/queue/queue-names';
import { PlenaryProcess, cleanEnv } from '../support/plenary-process';
import { TestApp, startTestApp, testEnv } from '../support/test-app';
import { SmtpSink } from '../support/smtp-sink';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const MAIN = resolve(__dirname, '../../dist/main.js');

interface HeldAnswers {
  /** For SmtpSink.holdUntil: the sink awaits it once a message has been read in full. */
  gate: Promise<void>;
  /** How many messages have been read in full and wait for their answer. */
  held(): number;
  release(): void;
}

/**
 * A hold that counts who waits on it. The sink only awaits its hold after the
 * whole message arrived, so a test can tell "fully received, answer held" from
 * "DATA started" and kill a client only once its message is complete.
 */
function holdAnswers(): HeldAnswers {
  let release!: () => void;
  const gate = new Promise<void>((resolveGate) => (release = resolveGate));
  let held = 0;
  const counting = {
    then(onFulfilled?: () => unknown, onRejected?: (reason: unknown) => unknown) {
      held += 1;
      return gate.then(onFulfilled, onRejected);
    },
  };
  return { gate: counting as unknown as Promise<void>, held: () => held, release };
}

const noticeTemplate: MailTemplate<{ name: string }> = {
  kind: 'test-notice',
  language: () => 'en',
  subject: (p) => `Notice for ${p.name}`,
  html: (p) => html`<p>Hello ${p.name}</p>`,
  text: (p) => `Hello ${p.name}`,
};

interface EmailRow {
  status: string;
  attempts: number;
  claimed_at: Date | null;
  job_id: string;
}

describe('a mail worker process that dies mid-send', () => {
  let db: TestDatabase;
  let smtp: SmtpSink;
  let env: NodeJS.ProcessEnv;
  let api: TestApp;
  let worker: TestApp | undefined;
  let locker: Client;
  const children: PlenaryProcess[] = [];

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
    db = await createTestDatabase();
    smtp = await new SmtpSink().start();
    env = testEnv(db.url, smtp.url);
    api = await startTestApp({ ...env, PLENARY_ROLE: 'api' });
    locker = new Client({ connectionString: db.url });
    await locker.connect();
  });

  afterAll(async () => {
    await Promise.all(children.map((child) => child.stop('SIGKILL')));
    await worker?.stop();
    await locker?.end();
    await api?.stop();
    await smtp?.stop();
    await db?.drop();
  });

  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  /** A worker as its own OS process, so a test can kill it outright. */
  async function startWorkerProcess(settings = env as Record<string, string>): Promise<PlenaryProcess> {
    const child = new PlenaryProcess(cleanEnv({ ...settings, PLENARY_ROLE: 'worker', PLENARY_LOG_LEVEL: 'info' })).start();
    children.push(child);
    let exited = false;
    void child.finished().then(() => (exited = true));
    await waitFor('the worker process to start', () => {
      if (exited) throw new Error(`process exited:\n${child.text}`);
      return child.output.some((line) => line.includes('"msg":"Plenary started"'));
    });
    return child;
  }

  async function emailRow(id: string): Promise<EmailRow> {
    const [row] = await db.query<EmailRow>('SELECT status, attempts, claimed_at, job_id FROM emails WHERE id = $1', [id]);
    return row;
  }

  function sendNotice(address: string) {
    return api.plenary.app.get(OutboxService).send({
      dedupeKey: `test-notice:${randomUUID()}`,
      to: { address },
      template: noticeTemplate,
      params: { name: address },
    });
  }

  /** Starts holding answers, then waits until the worker has claimed the row and the SMTP server holds its message. */
  async function sendHeld(address: string): Promise<{ id: string; claimed: EmailRow; before: number; answers: HeldAnswers }> {
    const answers = holdAnswers();
    smtp.holdUntil(answers.gate);
    const before = smtp.attempts;
    const { id } = await sendNotice(address);
    const claimed = await waitFor('the message to be held by the SMTP server', async () => {
      const row = await emailRow(id);
      return row.status === 'sending' && answers.held() === 1 ? row : null;
    });
    return { id, claimed, before, answers };
  }

  it('skips the re-run of a job whose worker died after the row was marked sent', async () => {
    const child = await startWorkerProcess();
    const { id, before, answers } = await sendHeld('sent-then-killed@region.test');

    // The row lock makes the worker's "sent" update wait, so the process can be
    // frozen between recording the result and completing its BullMQ job.
    await locker.query('BEGIN');
    try {
      await locker.query('SELECT id FROM emails WHERE id = $1 FOR UPDATE', [id]);
      answers.release();
      await smtp.waitForMail('sent-then-killed@region.test');
      await waitFor('the worker to record the message as sent', async () => {
        const waiting = await db.query(
          `SELECT 1 FROM pg_stat_activity
            WHERE $1::int = ANY(pg_blocking_pids(pid)) AND query ILIKE 'UPDATE emails%SET status = ''sent''%'`,
          [(locker as unknown as { processID: number }).processID],
        );
        return waiting.length === 1;
      });
      // SIGSTOP freezes it with its connections open; the exit comes with the SIGKILL below.
      void child.stop('SIGSTOP');
    } finally {
      await locker.query('COMMIT');
    }
    await waitFor('the row to be sent', async () => (await emailRow(id)).status === 'sent');
    await child.stop('SIGKILL');

    const queue = api.plenary.app.get(JobQueueService).queue(QueueName.Mail);
    expect(await (await queue.getJob(id))?.getState()).toBe('active');

    worker = await startTestApp({ ...env, PLENARY_ROLE: 'worker' });
    const job = await waitFor('the stalled job to be re-run', async () =>
      (await queue.getJobState(id)) === 'completed' ? queue.getJob(id) : null,
    );

    expect(job.stalledCounter).toBe(1);
    expect(job.returnvalue).toEqual({ skipped: 'email is sent' });
    expect(await emailRow(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(smtp.for('sent-then-killed@region.test')).toHaveLength(1);
    expect(smtp.attempts - before).toBe(1);
  });

  /**
   * A worker process claims the row, the SMTP server holds the DATA answer and
   * the process is killed. The held message is then refused, as the connection
   * that carried it is gone, so any copy the sink accepts is a re-send.
   */
  async function killMidSend(address: string): Promise<{ id: string; claimed: EmailRow; before: number }> {
    const child = await startWorkerProcess();
    const { id, claimed, before, answers } = await sendHeld(address);
    await child.stop('SIGKILL');
    smtp.replyWith(451);
    answers.release();
    return { id, claimed, before };
  }

  async function expectResentOnceAfterLockExpiry(address: string, id: string, claimed: EmailRow, before: number): Promise<EmailRow> {
    await smtp.waitForMail(address);
    const row = await waitFor('the row to be sent', async () => {
      const current = await emailRow(id);
      return current.status === 'sent' ? current : null;
    });
    expect(row.attempts).toBe(2);
    const lockMs = Number(env.PLENARY_QUEUE_LOCK_SECONDS) * 1000;
    expect(row.claimed_at!.getTime() - claimed.claimed_at!.getTime()).toBeGreaterThanOrEqual(lockMs / 2);
    expect(smtp.for(address)).toHaveLength(1);
    expect(smtp.attempts - before).toBe(2);
    return row;
  }

  it("sends a row left in sending by a killed worker again once its job's lock expires, once", async () => {
    const { id, claimed, before } = await killMidSend('killed-mid-send@region.test');
    expect(await emailRow(id)).toMatchObject({ status: 'sending', attempts: 1 });

    worker = await startTestApp({ ...env, PLENARY_ROLE: 'worker' });

    await expectResentOnceAfterLockExpiry('killed-mid-send@region.test', id, claimed, before);
  });

  it('has the reconciler re-send a row left in sending when its job was lost too', async () => {
    const { id, claimed, before } = await killMidSend('killed-and-lost@region.test');
    const queue = api.plenary.app.get(JobQueueService).queue(QueueName.Mail);
    await queue.obliterate({ force: true });
    expect(await queue.getJob(id)).toBeUndefined();
    expect(await emailRow(id)).toMatchObject({ status: 'sending', attempts: 1, job_id: id });

    worker = await startTestApp({ ...env, PLENARY_ROLE: 'worker' });

    const row = await expectResentOnceAfterLockExpiry('killed-and-lost@region.test', id, claimed, before);
    expect(row.job_id).toBe(`${id}-2`);
  });

  describe('with the default lock duration and sweep interval', () => {
    /** The test's settings without the shortened lock and sweep. */
    const defaults = () => {
      const { PLENARY_QUEUE_LOCK_SECONDS: _lock, PLENARY_SWEEP_INTERVAL_SECONDS: _sweep, ...rest } = env as Record<string, string>;
      return rest;
    };

    it('delivers the mails a SIGKILLed worker had claimed within 60 s, each once', async () => {
      const child = await startWorkerProcess(defaults());
      const answers = holdAnswers();
      smtp.holdUntil(answers.gate);
      const addresses = [1, 2, 3, 4].map((n) => `claimed-${n}@region.test`);
      const ids: string[] = [];
      for (const address of addresses) ids.push((await sendNotice(address)).id);
      await waitFor('the four messages to be held by the SMTP server', async () => {
        const rows = await Promise.all(ids.map((id) => emailRow(id)));
        return rows.every((row) => row.status === 'sending') && answers.held() === 4;
      });
      await child.stop('SIGKILL');
      const killedAt = Date.now();
      smtp.replyWith(451, 451, 451, 451);
      answers.release();

      worker = await startTestApp({ ...defaults(), PLENARY_ROLE: 'worker' });

      for (const address of addresses) await smtp.waitForMail(address, 1, 60_000);
      expect(Date.now() - killedAt).toBeLessThan(60_000);
      for (const address of addresses) expect(smtp.for(address)).toHaveLength(1);
      const rows = await waitFor('the rows to be sent', async () => {
        const current = await Promise.all(ids.map((id) => emailRow(id)));
        return current.every((row) => row.status === 'sent') ? current : null;
      });
      expect(rows.map((row) => row.attempts)).toEqual([2, 2, 2, 2]);
    }, 120_000);

    it('sends a message once to an SMTP server that takes 45 s to accept it', async () => {
      worker = await startTestApp({ ...defaults(), PLENARY_ROLE: 'worker' });
      const answers = holdAnswers();
      smtp.holdUntil(answers.gate);
      const before = smtp.attempts;
      const { id } = await sendNotice('slow-server@region.test');
      await waitFor('the message to be held by the SMTP server', () => answers.held() === 1);
      const release = setTimeout(() => answers.release(), 45_000);
      try {
        await smtp.waitForMail('slow-server@region.test', 1, 60_000);
      } finally {
        clearTimeout(release);
      }
      const row = await waitFor('the row to be sent', async () => {
        const current = await emailRow(id);
        return current.status === 'sent' ? current : null;
      });
      expect(row.attempts).toBe(1);
      expect(smtp.attempts - before).toBe(1);
      expect(smtp.for('slow-server@region.test')).toHaveLength(1);
    }, 120_000);
  });
});
