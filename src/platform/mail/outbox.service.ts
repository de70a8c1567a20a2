import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { Tx, TransactionService } from '../database/transaction.service';
import { StatementRows } from '../database/statement-rows';
import { sql } from '../database/sql';
import { EnqueueOptions, JobQueueService } from '../queue/job-queue.service';
import { JobName, QueueName } from '../queue/queue-names';
import { Page, PageQuery, decodeCursor, toPage } from '../http/pagination';
import { Problem } from '../http/problem';
import { Email, EmailAttachment, EmailStatus } from './email.entity';
import { MailSuppression } from './mail-suppression.entity';
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
/** What `insertPart` needs of each email. */
export type OutboxField =
  'id' | 'eventId' | 'kind' | 'dedupeKey' | 'toAddress' | 'toName' | 'subject' | 'html' | 'text' | 'headers' | 'attachments';

/** The relation `t` this service's own statements write from. */
const OUTBOX_T: StatementRows<OutboxField>['fields'] = {
  id: 't.id',
  eventId: 't.event_id',
  kind: 't.kind',
  dedupeKey: 't.dedupe_key',
  toAddress: 't.to_address',
  toName: 't.to_name',
  subject: 't.subject',
  html: 't.html',
  text: 't.text',
  headers: 't.headers',
  attachments: 't.attachments',
};

/** Rows looked at per round trip; a pass goes on until it has seen every candidate. */
const RECONCILE_PAGE = 1000;
const LIVE_JOB_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(Email) private readonly emails: Repository<Email>,
    private readonly transactions: TransactionService,
    private readonly queues: JobQueueService,
  ) {}

  /**
   * Writes the message in the caller's transaction and enqueues its send after
   * commit. A second call with the same dedupe key adds nothing.
   */
  async enqueue<P>(tx: Tx, message: OutboxMessage<P>): Promise<{ id: string; created: boolean }> {
    const rendered = renderMail(message.template, message.params);
    const id = randomUUID();
    const inserted: Array<{ id: string; status: string }> = await tx.manager.query(
      this.insertPart({
        from: `(VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb))
           AS t(id, event_id, kind, dedupe_key, to_address, to_name, subject, html, text, headers, attachments)`,
        fields: OUTBOX_T,
      }),
      [
        id,
        message.eventId ?? null,
        message.template.kind,
        message.dedupeKey,
        message.to.address,
        message.to.name ?? null,
        rendered.subject,
        rendered.html,
        rendered.text,
        JSON.stringify({ ...rendered.headers, ...message.headers }),
        JSON.stringify(message.attachments ?? []),
      ],
    );
    if (inserted.length === 0) {
      const existing = await tx.manager.findOneOrFail(Email, { where: { dedupeKey: message.dedupeKey }, select: { id: true } });
      return { id: existing.id, created: false };
    }
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
    const f = rows.fields;
    return `INSERT INTO emails (id, event_id, kind, dedupe_key, to_address, to_name, subject, html, text, headers, attachments, job_id, status, last_error)
       SELECT ${f.id}, ${f.eventId}, ${f.kind}, ${f.dedupeKey}, ${f.toAddress}, ${f.toName}, ${f.subject}, ${f.html}, ${f.text}, ${f.headers},
              ${f.attachments}, (${f.id})::text,
              CASE WHEN s.address IS NULL THEN 'queued' ELSE 'cancelled' END,
              CASE WHEN s.address IS NULL THEN NULL ELSE 'not sent: the address ' || s.reason END
         FROM ${rows.from}
         LEFT JOIN mail_suppressions s ON s.event_id = ${f.eventId} AND s.address = lower(${f.toAddress})
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, status`;
  }

  /**
   * Many messages in one statement (fan-outs to thousands), with the same
   * rules as `enqueue`: dedupe keys, held-back suppressed addresses, jobs
   * added after commit (in one round trip). Answers how many rows it created.
   */
  async enqueueMany<P>(tx: Tx, messages: Array<OutboxMessage<P>>): Promise<number> {
    if (messages.length === 0) return 0;
    const ids = messages.map(() => randomUUID());
    const rendered = messages.map((m) => renderMail(m.template, m.params));
    const inserted: Array<{ id: string; status: string }> = await tx.manager.query(
      this.insertPart({
        from: `unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::jsonb[])
           AS t(id, event_id, kind, dedupe_key, to_address, to_name, subject, html, text, headers, attachments)`,
        fields: OUTBOX_T,
      }),
      [
        ids,
        messages.map((m) => m.eventId ?? null),
        messages.map((m) => m.template.kind),
        messages.map((m) => m.dedupeKey),
        messages.map((m) => m.to.address),
        messages.map((m) => m.to.name ?? null),
        rendered.map((r) => r.subject),
        rendered.map((r) => r.html),
        rendered.map((r) => r.text),
        messages.map((m, i) => JSON.stringify({ ...rendered[i].headers, ...m.headers })),
        messages.map((m) => JSON.stringify(m.attachments ?? [])),
      ],
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
    const rows: Array<{ dedupe_key: string }> = await manager.query(`SELECT dedupe_key FROM emails WHERE dedupe_key = ANY($1::text[])`, [
      keys,
    ]);
    return new Set(rows.map((r) => r.dedupe_key));
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
    const builder = this.emails
      .createQueryBuilder('e')
      .where('e.event_id = :eventId', { eventId })
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(query.limit + 1);
    if (query.status) builder.andWhere('e.status = :status', { status: query.status });
    if (query.kind) builder.andWhere('e.kind = :kind', { kind: query.kind });
    if (cursor) builder.andWhere('(e.created_at, e.id) < (:after::timestamptz, :id::uuid)', cursor);
    const rows = await builder.getMany();
    return toPage(rows, query.limit, emailView, (e) => ({ after: e.createdAt.toISOString(), id: e.id }));
  }

  /**
   * Sends a failed, bounced or held-back message again under a new job id
   * (`<rowId>-<n>`); the organiser's say lifts the address's suppression.
   */
  async resend(eventId: string, emailId: string): Promise<Email> {
    await this.transactions.run(async (tx) => {
      const email = await tx.manager.findOne(Email, { where: { id: emailId, eventId }, lock: { mode: 'pessimistic_write' } });
      if (!email) throw Problem.notFound(`No email ${emailId} in this event`);
      if (!['failed', 'bounced', 'cancelled'].includes(email.status)) {
        throw Problem.conflict(`The email is ${email.status}; only failed, bounced or held-back emails are sent again`);
      }
      await tx.manager.delete(MailSuppression, { eventId, address: email.toAddress.toLowerCase() });
      const next = email.enqueues + 1;
      const jobId = `${email.id}-${next}`;
      await tx.manager.update(Email, { id: email.id }, { status: 'queued', lastError: null, jobId, enqueues: next, claimedAt: null });
      tx.afterCommit(() => this.enqueueSend(email.id, jobId));
    });
    return this.emails.findOneByOrFail({ id: emailId });
  }

  /**
   * Every failed message of the event sent again, each through `resend` (its
   * own `<rowId>-<n>` job); a row that moved on meanwhile (resent by someone
   * else) is left alone and not counted.
   */
  async resendFailed(eventId: string): Promise<{ resent: number; skipped: number }> {
    const rows: Array<{ id: string }> = await this.emails.query(
      `SELECT id FROM emails WHERE event_id = $1 AND status = 'failed' ORDER BY created_at, id`,
      [eventId],
    );
    let resent = 0;
    for (const { id } of rows) {
      try {
        await this.resend(eventId, id);
        resent += 1;
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
      }
    }
    return { resent, skipped: rows.length - resent };
  }

  /** One message of the event as it was written, body and attachments included; 404 for another event's. */
  async getForEvent(eventId: string, emailId: string): Promise<Email> {
    const email = await this.emails.findOne({ where: { id: emailId, eventId } });
    if (!email) throw Problem.notFound(`No email ${emailId} in this event`);
    return email;
  }

  async countsForEvent(eventId: string): Promise<{ byStatus: Record<string, number>; byKind: Record<string, Record<string, number>> }> {
    const rows: Array<{ kind: string; status: string; n: number }> = await this.emails.query(
      `SELECT kind, status, count(*)::int AS n FROM emails WHERE event_id = $1 GROUP BY kind, status ORDER BY kind, status`,
      [eventId],
    );
    const byStatus: Record<string, number> = {};
    const byKind: Record<string, Record<string, number>> = {};
    for (const { kind, status, n } of rows) {
      byStatus[status] = (byStatus[status] ?? 0) + n;
      byKind[kind] = { ...byKind[kind], [status]: n };
    }
    return { byStatus, byKind };
  }

  /** Blanks every email of the event sent to an address whose owner asked to be erased. */
  async eraseRecipient(manager: EntityManager, eventId: string, address: string): Promise<void> {
    await manager.query(
      `UPDATE emails SET to_address = 'erased@invalid', to_name = NULL, subject = '(erased)', html = '', text = '', attachments = '[]'
        WHERE event_id = $1 AND lower(to_address) = lower($2)`,
      [eventId, address],
    );
  }

  findById(id: string): Promise<Email | null> {
    return this.emails.findOne({ where: { id } });
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
      const page: Array<{ id: string; job_id: string; created_at: Date }> = await this.emails.query(
        `SELECT id, job_id, created_at FROM emails
          WHERE ((status = 'queued' AND created_at < now() - make_interval(secs => $1))
                 OR (status = 'sending' AND claimed_at < now() - make_interval(secs => $2)))
            AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
          ORDER BY created_at, id
          LIMIT $5`,
        [RECONCILE_GRACE_MS / 1000, this.config.queue.lockDurationMs / 1000, after?.createdAt ?? null, after?.id ?? null, RECONCILE_PAGE],
      );
      if (page.length === 0) break;
      after = { createdAt: page[page.length - 1].created_at, id: page[page.length - 1].id };
      const states = await Promise.all(page.map((row) => queue.getJobState(row.job_id)));
      const orphans = page.filter((_, i) => !LIVE_JOB_STATES.has(states[i]));
      if (orphans.length === 0) continue;
      // Conditional on the job id read, so a row another pass or a resend moved on is left alone.
      const { rows: renamed } = await sql<{ id: string; job_id: string }>(
        this.emails.manager,
        `UPDATE emails SET job_id = emails.id::text || '-' || (emails.enqueues + 1), enqueues = emails.enqueues + 1
           FROM unnest($1::uuid[], $2::text[]) AS t(id, job_id)
          WHERE emails.id = t.id AND emails.job_id = t.job_id
          RETURNING emails.id, emails.job_id`,
        [orphans.map((row) => row.id), orphans.map((row) => row.job_id)],
      );
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
