import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { QueueWorkersService } from '../queue/queue-workers.service';
import { JobName, JobPayloads, QueueName } from '../queue/queue-names';
import { CoalescingBatcher } from '../batching/coalescing-batcher';
import { ClaimedEmail, EmailClaim, EmailsRepository, SentEmail } from './emails.repository';
import { MailAttachmentRenderers } from './mail-attachment-renderers';
import { MAIL_TRANSPORT, MailDeliveryError, MailTransport } from './mail-transport';

export type SendMailResult = { sent: string } | { skipped: string };

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
  private readonly claims = new CoalescingBatcher<EmailClaim, ClaimedEmail | null>((claims) => this.claimAll(claims));
  private readonly sentMarks = new CoalescingBatcher<SentEmail, boolean>((sent) => this.markAllSent(sent));

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly emails: EmailsRepository,
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
      const status = await this.emails.status(job.data.emailId);
      return { skipped: status ? `email is ${status}` : 'email no longer exists' };
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
        await this.emails.markFailed(email.id, message, token);
        if (permanent) throw new UnrecoverableError(`email ${email.id} to ${email.toAddress} refused: ${message}`);
      } else {
        await this.emails.requeue(email.id, message, token);
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

  /** The claim returns what the send needs, so a message costs no extra read. */
  private async claimAll(claims: EmailClaim[]): Promise<Array<ClaimedEmail | null>> {
    const rows = await this.emails.claim(claims);
    // Two attempts for one row in the same batch: only the one whose token the row took may send it.
    const byToken = new Map(rows.map(({ token, ...row }) => [token, row]));
    return claims.map((claim) => byToken.get(claim.token) ?? null);
  }

  /** Answers, per message, whether its row still carried the attempt's claim and is now `sent`. */
  private async markAllSent(sent: SentEmail[]): Promise<boolean[]> {
    const ids = await this.emails.markSent(sent);
    return sent.map((s) => ids.has(s.id));
  }
}
