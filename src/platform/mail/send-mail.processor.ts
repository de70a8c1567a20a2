import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
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
import { MAIL_TRANSPORT, MailDeliveryError, MailTransport } from './mail-transport';

export type SendMailResult = { sent: string } | { skipped: string };

type ClaimedEmail = Pick<Email, 'id' | 'toAddress' | 'toName' | 'subject' | 'html' | 'text' | 'headers' | 'attachments'>;

/**
 * The `mail` queue's `send` job. The row is claimed (queued → sending) with a
 * conditional update before SMTP, so a re-run, a duplicate job or the
 * reconciler never sends a sent row again.
 *
 * Claims and "sent" marks of the jobs in flight are coalesced into one
 * statement each (a commit per batch instead of two per message); each job
 * still waits for its own row's statement, so nothing is sent unclaimed and no
 * job completes before its row says `sent`.
 */
@Injectable()
export class SendMailProcessor implements OnModuleInit {
  private readonly claims = new CoalescingBatcher<string, ClaimedEmail | null>((ids) => this.claimAll(ids));
  private readonly sentMarks = new CoalescingBatcher<{ id: string; messageId: string }, void>((sent) => this.markAllSent(sent));

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly workers: QueueWorkersService,
  ) {}

  onModuleInit(): void {
    this.workers.tune(QueueName.Mail, {
      concurrency: this.config.mail.concurrency,
      ratePerSecond: this.config.mail.ratePerSecond,
    });
    this.workers.handle(JobName.SendMail, (job) => this.process(job));
  }

  async process(job: Job<JobPayloads[JobName.SendMail]>): Promise<SendMailResult> {
    const email = await this.claims.submit(job.data.emailId);
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
        attachments: email.attachments,
        outboxId: email.id,
      }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof MailDeliveryError && error.permanent;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (permanent || lastAttempt) {
        await this.db.query(
          `UPDATE emails SET status = 'failed', failed_at = now(), last_error = $2 WHERE id = $1 AND status = 'sending'`,
          [email.id, message],
        );
        if (permanent) throw new UnrecoverableError(`email ${email.id} to ${email.toAddress} refused: ${message}`);
      } else {
        await this.db.query(`UPDATE emails SET status = 'queued', last_error = $2 WHERE id = $1 AND status = 'sending'`, [
          email.id,
          message,
        ]);
      }
      // Rethrown so BullMQ applies its backoff and counts the attempt.
      throw error;
    }
    // Outside the catch: the server has the message, so a failure to record it
    // must not put the row back in the queue. It stays `sending` and is only
    // sent again after the send timeout, the one duplicate design.md accepts.
    await this.sentMarks.submit({ id: email.id, messageId });
    return { sent: messageId };
  }

  /**
   * The claim returns what the send needs, so a message costs no extra read.
   * Rows are locked in id order, so two processes claiming overlapping
   * batches (a duplicate job) wait for each other instead of deadlocking.
   */
  private async claimAll(ids: string[]): Promise<Array<ClaimedEmail | null>> {
    const rows = await poolQuery<ClaimedEmail>(
      this.db,
      `UPDATE emails
          SET status = 'sending', claimed_at = now(), attempts = attempts + 1
        WHERE id IN (SELECT id FROM emails WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE)
          AND (status = 'queued'
               OR (status = 'sending' AND claimed_at < now() - make_interval(secs => $2)))
        RETURNING id, to_address AS "toAddress", to_name AS "toName", subject, html, text, headers, attachments`,
      [ids, this.config.mail.sendTimeoutMs / 1000],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    // Two jobs for one row in the same batch: only the first may send it.
    return ids.map((id) => {
      const row = byId.get(id) ?? null;
      byId.delete(id);
      return row;
    });
  }

  private async markAllSent(sent: Array<{ id: string; messageId: string }>): Promise<void[]> {
    await poolQuery(
      this.db,
      `UPDATE emails
          SET status = 'sent', message_id = t.message_id, sent_at = now(), last_error = NULL
         FROM unnest($1::uuid[], $2::text[]) AS t(id, message_id)
        WHERE emails.id = t.id AND emails.status = 'sending'`,
      [sent.map((s) => s.id), sent.map((s) => s.messageId)],
    );
    return sent.map(() => undefined);
  }
}
