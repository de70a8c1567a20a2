import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { Tx, TransactionService } from '../database/transaction.service';
import { StatementRows } from '../database/statement-rows';
import { EnqueueOptions, JobQueueService } from '../queue/job-queue.service';
import { JobName, QueueName } from '../queue/queue-names';
import { Page, PageQuery, decodeCursor, toPage } from '../http/pagination';
import { Problem } from '../http/problem';
import { Email, EmailAttachment, EmailStatus } from './email.entity';
import { EmailsRepository, OutboxField, OutboxRow } from './emails.repository';
import { MailSuppressionsRepository } from './mail-suppressions.repository';
import { MailTemplate, renderMail } from './mail-template';

export interface OutboxMessage<P> {
  eventId?: string | null;
  /** Unique per effect, e.g. `reminder:<ruleId>:<occurrence>:<personId>`. */
  dedupeKey: string;
  to: { address: string; name?: string | null };
  template: MailTemplate<P>;
  params: P;
  headers?: Record<string, string>;
  attachments?: EmailAttachment[];
}

/** Rows still queued after this long without a live job are re-enqueued. */
const RECONCILE_GRACE_MS = 5_000;
/** Rows looked at per round trip; a pass goes on until it has seen every candidate. */
const RECONCILE_PAGE = 1000;
const LIVE_JOB_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly emails: EmailsRepository,
    private readonly suppressions: MailSuppressionsRepository,
    private readonly transactions: TransactionService,
    private readonly queues: JobQueueService,
  ) {}

  /**
   * Writes the message in the caller's transaction and enqueues its send after
   * commit. A second call with the same dedupe key adds nothing.
   */
  async enqueue<P>(tx: Tx, message: OutboxMessage<P>): Promise<{ id: string; created: boolean }> {
    const id = randomUUID();
    const inserted = await this.emails.insertOne(tx.manager, outboxRow(id, message));
    if (inserted.length === 0) return { id: await this.emails.idByDedupeKey(tx.manager, message.dedupeKey), created: false };
    if (inserted[0].status === 'queued') tx.afterCommit(() => this.dispatch(id));
    return { id, created: true };
  }

  /**
   * The outbox INSERT of `rows`, as the part of a larger statement that writes
   * emails together with what they announce. The job id is the row id; an
   * address that hard-bounced for this event is written down but not sent to;
   * a dedupe key already present adds nothing. Its rows are `id, status` of
   * the emails written; enqueue their jobs after commit (`dispatch`).
   */
  insertPart(rows: StatementRows<OutboxField>): string {
    return this.emails.insertPart(rows);
  }

  /**
   * Many messages in one statement (fan-outs to thousands), with the same
   * rules as `enqueue`: dedupe keys, held-back suppressed addresses, jobs
   * added after commit (in one round trip). Answers how many rows it created.
   */
  async enqueueMany<P>(tx: Tx, messages: Array<OutboxMessage<P>>): Promise<number> {
    if (messages.length === 0) return 0;
    const inserted = await this.emails.insertMany(
      tx.manager,
      messages.map((m) => outboxRow(randomUUID(), m)),
    );
    const queued = inserted.filter((row) => row.status === 'queued');
    tx.afterCommit(() =>
      this.queues.enqueueMany(
        JobName.SendMail,
        queued.map(({ id }) => ({ payload: { emailId: id }, options: this.sendOptions(id) })),
      ),
    );
    return inserted.length;
  }

  /** Which of these dedupe keys already have a row: a re-run skips them before minting links. */
  async existingKeys(manager: EntityManager, keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    return this.emails.existingKeys(manager, keys);
  }

  /** For a message that is the whole of its own change (e.g. a password reset). */
  send<P>(message: OutboxMessage<P>): Promise<{ id: string; created: boolean }> {
    return this.transactions.run((tx) => this.enqueue(tx, message));
  }

  async listForEvent(
    eventId: string,
    query: PageQuery & { status?: EmailStatus; kind?: string },
  ): Promise<Page<ReturnType<typeof emailView>>> {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.emails.pageForEvent(eventId, { limit: query.limit, status: query.status, kind: query.kind, cursor });
    return toPage(rows, query.limit, emailView, (e) => ({ after: e.createdAt.toISOString(), id: e.id }));
  }

  /**
   * Sends a failed, bounced or held-back message again under a new job id
   * (`<rowId>-<n>`); the organiser's say lifts the address's suppression.
   */
  async resend(eventId: string, emailId: string): Promise<Email> {
    await this.transactions.run(async (tx) => {
      const email = await this.emails.lockForEvent(tx.manager, eventId, emailId);
      if (!email) throw Problem.notFound(`No email ${emailId} in this event`);
      if (!['failed', 'bounced', 'cancelled'].includes(email.status)) {
        throw Problem.conflict(`The email is ${email.status}; only failed, bounced or held-back emails are sent again`);
      }
      await this.suppressions.lift(tx.manager, eventId, email.toAddress.toLowerCase());
      const next = email.enqueues + 1;
      const jobId = `${email.id}-${next}`;
      await this.emails.queueAgain(tx.manager, email.id, jobId, next);
      tx.afterCommit(() => this.enqueueSend(email.id, jobId));
    });
    return this.emails.getOrFail(emailId);
  }

  /**
   * Every failed message of the event sent again, each through `resend` (its
   * own `<rowId>-<n>` job); a row that moved on meanwhile (resent by someone
   * else) is left alone and not counted.
   */
  async resendFailed(eventId: string): Promise<{ resent: number; skipped: number }> {
    const ids = await this.emails.failedIds(eventId);
    let resent = 0;
    for (const id of ids) {
      try {
        await this.resend(eventId, id);
        resent += 1;
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
      }
    }
    return { resent, skipped: ids.length - resent };
  }

  /** One message of the event as it was written, body and attachments included; 404 for another event's. */
  async getForEvent(eventId: string, emailId: string): Promise<Email> {
    const email = await this.emails.findForEvent(eventId, emailId);
    if (!email) throw Problem.notFound(`No email ${emailId} in this event`);
    return email;
  }

  async countsForEvent(eventId: string): Promise<{ byStatus: Record<string, number>; byKind: Record<string, Record<string, number>> }> {
    const rows = await this.emails.countsForEvent(eventId);
    const byStatus: Record<string, number> = {};
    const byKind: Record<string, Record<string, number>> = {};
    for (const { kind, status, n } of rows) {
      byStatus[status] = (byStatus[status] ?? 0) + n;
      byKind[kind] = { ...byKind[kind], [status]: n };
    }
    return { byStatus, byKind };
  }

  /** Blanks every email of the event sent to an address whose owner asked to be erased. */
  eraseRecipient(manager: EntityManager, eventId: string, address: string): Promise<void> {
    return this.emails.eraseRecipient(manager, eventId, address);
  }

  findById(id: string): Promise<Email | null> {
    return this.emails.findById(id);
  }

  /**
   * Re-creates the jobs of rows that have none: queued rows whose job vanished
   * (Redis restarted empty, an enqueue after commit failed) and rows in
   * `sending` whose job is gone too (a lock duration after their claim, so an
   * attempt still talking to SMTP can finish first); the new job may claim the
   * row again (see SendMailProcessor). Every such
   * row is handled in one pass, a page at a time: the job states of a page are
   * asked for together, the rows without a live job get their next job id in
   * one statement, and their jobs are added in one round trip.
   */
  async reconcile(): Promise<{ requeued: number }> {
    const queue = this.queues.queue(QueueName.Mail);
    let requeued = 0;
    let after: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const page = await this.emails.orphanCandidates(
        RECONCILE_GRACE_MS / 1000,
        this.config.queue.lockDurationMs / 1000,
        after,
        RECONCILE_PAGE,
      );
      if (page.length === 0) break;
      after = { createdAt: page[page.length - 1].created_at, id: page[page.length - 1].id };
      const states = await Promise.all(page.map((row) => queue.getJobState(row.job_id)));
      const orphans = page.filter((_, i) => !LIVE_JOB_STATES.has(states[i]));
      if (orphans.length === 0) continue;
      const renamed = await this.emails.renameJobs(orphans);
      await this.queues.enqueueMany(
        JobName.SendMail,
        renamed.map((row) => ({ payload: { emailId: row.id }, options: this.sendOptions(row.job_id) })),
      );
      requeued += renamed.length;
    }
    if (requeued > 0) this.logger.warn(`re-enqueued ${requeued} outbox row(s) that had no live job`);
    return { requeued };
  }

  /**
   * The send job of a row just committed as `queued` (job id = row id), for a
   * caller that wrote it with `insertIntoOutbox` in a statement of its own.
   */
  dispatch(emailId: string): Promise<void> {
    return this.queues.enqueueBatched(JobName.SendMail, { emailId }, this.sendOptions(emailId));
  }

  private enqueueSend(emailId: string, jobId: string): Promise<void> {
    return this.queues.enqueue(JobName.SendMail, { emailId }, this.sendOptions(jobId));
  }

  private sendOptions(jobId: string): EnqueueOptions {
    return { jobId, attempts: this.config.mail.attempts, backoffBaseMs: this.config.mail.backoffBaseMs };
  }
}

/** The outbox row of a message, rendered in its template. */
function outboxRow<P>(id: string, message: OutboxMessage<P>): OutboxRow {
  const rendered = renderMail(message.template, message.params);
  return {
    id,
    eventId: message.eventId ?? null,
    kind: message.template.kind,
    dedupeKey: message.dedupeKey,
    toAddress: message.to.address,
    toName: message.to.name ?? null,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    headers: JSON.stringify({ ...rendered.headers, ...message.headers }),
    attachments: JSON.stringify(message.attachments ?? []),
  };
}

/** What organisers see of an email; the body stays in the row for resends. */
function emailView(e: Email) {
  return {
    id: e.id,
    kind: e.kind,
    to: e.toAddress,
    subject: e.subject,
    status: e.status,
    attempts: e.attempts,
    lastError: e.lastError,
    messageId: e.messageId,
    createdAt: e.createdAt.toISOString(),
    sentAt: e.sentAt?.toISOString() ?? null,
    failedAt: e.failedAt?.toISOString() ?? null,
    bouncedAt: e.bouncedAt?.toISOString() ?? null,
  };
}
