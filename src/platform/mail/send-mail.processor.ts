import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { QueueWorkersService } from '../queue/queue-workers.service';
import { JobName, JobPayloads, QueueName } from '../queue/queue-names';
import { sql } from '../database/sql';
import { Email } from './email.entity';
import { MAIL_TRANSPORT, MailDeliveryError, MailTransport } from './mail-transport';

export type SendMailResult = { sent: string } | { skipped: string };

type ClaimedEmail = Pick<Email, 'id' | 'toAddress' | 'toName' | 'subject' | 'html' | 'text' | 'headers' | 'attachments'>;

/**
 * The `mail` queue's `send` job. The row is claimed (queued → sending) with a
 * conditional update before SMTP, so a re-run, a duplicate job or the
 * reconciler never sends a sent row again.
 */
@Injectable()
export class SendMailProcessor implements OnModuleInit {
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
    const email = await this.claim(job.data.emailId);
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
    await this.db.query(
      `UPDATE emails SET status = 'sent', message_id = $2, sent_at = now(), last_error = NULL WHERE id = $1 AND status = 'sending'`,
      [email.id, messageId],
    );
    return { sent: messageId };
  }

  /** The claim returns what the send needs, so a message costs no extra read. */
  private async claim(emailId: string): Promise<ClaimedEmail | null> {
    const { rows } = await sql<ClaimedEmail>(
      this.db.manager,
      `UPDATE emails
          SET status = 'sending', claimed_at = now(), attempts = attempts + 1
        WHERE id = $1
          AND (status = 'queued'
               OR (status = 'sending' AND claimed_at < now() - make_interval(secs => $2)))
        RETURNING id, to_address AS "toAddress", to_name AS "toName", subject, html, text, headers, attachments`,
      [emailId, this.config.mail.sendTimeoutMs / 1000],
    );
    return rows[0] ?? null;
  }
}
