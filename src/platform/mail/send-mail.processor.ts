import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { QueueWorkersService } from '../queue/queue-workers.service';
import { JobName, JobPayloads, QueueName } from '../queue/queue-names';
import { CoalescingBatcher } from '../batching/coalescing-batcher';
import { poolQuery } from '../database/sql';
import { Email } from './email.entity';
import { MailAttachmentRenderers } from './mail-attachment-renderers';
import { MAIL_TRANSPORT, MailDeliveryError, MailTransport } from './mail-transport';

export type SendMailResult = { sent: string } | { skipped: string };

type ClaimedEmail = Pick<Email, 'id' | 'toAddress' | 'toName' | 'subject' | 'html' | 'text' | 'headers' | 'attachments'>;

/** One send attempt asking for its row: the job it runs for and the token that will fence its outcome. */
interface Claim {
  emailId: string;
  jobId: string;
  token: string;
}

/**
 * The `mail` queue's `send` job. The row is claimed (queued → sending) with a
 * conditional update before SMTP, so a re-run, a duplicate job or the
 * reconciler never sends a sent row again.
 *
 * The claim is fenced: it records a token of this attempt, and every outcome
 * (sent, failed, back to queued) is written only while the row still carries
 * it. A row left in `sending` is claimed again only by a new run of the job
 * the row names, which BullMQ starts only once the previous run's lock has
 * expired (its worker died or stalled); a worker that is merely slow at SMTP
 * keeps renewing its lock, so nobody takes its row over.
 *
 * Claims and "sent" marks of the jobs in flight are coalesced into one
 * statement each (a commit per batch instead of two per message); each job
 * still waits for its own row's statement, so nothing is sent unclaimed and no
 * job completes before its row says `sent`.
 */
@Injectable()
export class SendMailProcessor implements OnModuleInit {
  private readonly logger = new Logger(SendMailProcessor.name);
  private readonly claims = new CoalescingBatcher<Claim, ClaimedEmail | null>((claims) => this.claimAll(claims));
  private readonly sentMarks = new CoalescingBatcher<{ id: string; messageId: string; token: string }, boolean>((sent) =>
    this.markAllSent(sent),
  );

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly workers: QueueWorkersService,
    private readonly attachmentRenderers: MailAttachmentRenderers,
  ) {}

  onModuleInit(): void {
    this.workers.tune(QueueName.Mail, {
      concurrency: this.config.mail.concurrency,
      ratePerSecond: this.config.mail.ratePerSecond,
    });
    this.workers.handle(JobName.SendMail, (job) => this.process(job));
  }

  async process(job: Job<JobPayloads[JobName.SendMail]>): Promise<SendMailResult> {
    const token = randomUUID();
    const email = await this.claims.submit({ emailId: job.data.emailId, jobId: String(job.id), token });
    if (!email) {
      const row = await this.db.getRepository(Email).findOne({ where: { id: job.data.emailId }, select: { status: true } });
      return { skipped: row ? `email is ${row.status}` : 'email no longer exists' };
    }
    let messageId: string;
    try {
      ({ messageId } = await this.transport.send({
        from: this.config.mail.from,
        to: { address: email.toAddress, name: email.toName },
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: email.headers,
        attachments: await this.attachmentRenderers.resolve(email.attachments),
        outboxId: email.id,
      }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof MailDeliveryError && error.permanent;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (permanent || lastAttempt) {
        await this.db.query(
          `UPDATE emails SET status = 'failed', failed_at = now(), last_error = $2 WHERE id = $1 AND status = 'sending' AND claim_token = $3`,
          [email.id, message, token],
        );
        if (permanent) throw new UnrecoverableError(`email ${email.id} to ${email.toAddress} refused: ${message}`);
      } else {
        await this.db.query(
          `UPDATE emails SET status = 'queued', last_error = $2 WHERE id = $1 AND status = 'sending' AND claim_token = $3`,
          [email.id, message, token],
        );
      }
      // Rethrown so BullMQ applies its backoff and counts the attempt.
      throw error;
    }
    // Outside the catch: the server has the message, so a failure to record it
    // must not put the row back in the queue. It stays `sending` and is sent
    // again only by a new run of its job, the one duplicate design.md accepts.
    if (!(await this.sentMarks.submit({ id: email.id, messageId, token }))) {
      this.logger.warn(
        { emailId: email.id, jobId: job.id },
        `email ${email.id} was sent by an attempt whose claim another attempt had taken over`,
      );
    }
    return { sent: messageId };
  }

  /**
   * The claim returns what the send needs, so a message costs no extra read.
   * Rows are locked in id order, so two processes claiming overlapping
   * batches (a duplicate job) wait for each other instead of deadlocking.
   */
  private async claimAll(claims: Claim[]): Promise<Array<ClaimedEmail | null>> {
    const rows = await poolQuery<ClaimedEmail & { token: string }>(
      this.db,
      `UPDATE emails
          SET status = 'sending', claimed_at = now(), attempts = attempts + 1, claim_token = t.token
         FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(id, job_id, token)
        WHERE emails.id IN (SELECT id FROM emails WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE)
          AND emails.id = t.id
          AND (emails.status = 'queued' OR (emails.status = 'sending' AND emails.job_id = t.job_id))
        RETURNING emails.id, emails.claim_token AS token, to_address AS "toAddress", to_name AS "toName", subject, html, text, headers, attachments`,
      [claims.map((c) => c.emailId), claims.map((c) => c.jobId), claims.map((c) => c.token)],
    );
    // Two attempts for one row in the same batch: only the one whose token the row took may send it.
    const byToken = new Map(rows.map(({ token, ...row }) => [token, row]));
    return claims.map((claim) => byToken.get(claim.token) ?? null);
  }

  /** Answers, per message, whether its row still carried the attempt's claim and is now `sent`. */
  private async markAllSent(sent: Array<{ id: string; messageId: string; token: string }>): Promise<boolean[]> {
    const marked = await poolQuery<{ id: string }>(
      this.db,
      `UPDATE emails
          SET status = 'sent', message_id = t.message_id, sent_at = now(), last_error = NULL
         FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(id, message_id, token)
        WHERE emails.id = t.id AND emails.status = 'sending' AND emails.claim_token = t.token
        RETURNING emails.id`,
      [sent.map((s) => s.id), sent.map((s) => s.messageId), sent.map((s) => s.token)],
    );
    const ids = new Set(marked.map((row) => row.id));
    return sent.map((s) => ids.has(s.id));
  }
}
