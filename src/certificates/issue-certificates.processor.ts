import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Job } from 'bullmq';
import { Event } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { Person } from '../people/person.entity';
import { Tx, TransactionService } from '../platform/database/transaction.service';
import { OutboxService } from '../platform/mail/outbox.service';
import { mailLanguage } from '../platform/mail/mail-language';
import { QueueWorkersService } from '../platform/queue/queue-workers.service';
import { JobName, JobPayloads } from '../platform/queue/queue-names';
import { Certificate, CertificateRun } from './certificate.entity';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService, PublishedPresenter } from './certificates.service';
import { certificateReadyTemplate } from './mail/certificate-ready.template';

/** Certificates issued and emails written per transaction: memory stays that of one batch however large the event. */
export const ISSUE_BATCH = 200;

export type IssueResult = { done: number; emailed: number } | { skipped: string };

const presenterKey = (p: PublishedPresenter) => `${p.personId}/${p.presentationId}`;

/**
 * The `certificates` queue's `issue-certificates` job (job id = run id): the
 * attendees a page at a time in registration order, then the presenters of
 * the published agenda. Each batch issues its certificates, writes one email
 * per person (dedupe key `certificate:<run>:<certificate>`, a link to the PDF
 * rather than the PDF, so outbox rows stay small) and moves the run's cursor,
 * all in one transaction: a retry goes on after the last batch written and
 * sends nobody a second email.
 */
@Injectable()
export class IssueCertificatesProcessor implements OnModuleInit {
  private readonly logger = new Logger(IssueCertificatesProcessor.name);

  constructor(
    private readonly repository: CertificatesRepository,
    private readonly certificates: CertificatesService,
    private readonly events: EventsService,
    private readonly transactions: TransactionService,
    private readonly workers: QueueWorkersService,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    this.workers.handle(JobName.IssueCertificates, (job) => this.process(job));
  }

  async process(job: Job<JobPayloads[JobName.IssueCertificates]>): Promise<IssueResult> {
    const { runId } = job.data;
    const found = await this.repository.run(runId);
    if (!found) return { skipped: 'run no longer exists' };
    if (found.status === 'completed' || found.status === 'failed') return { skipped: `run is ${found.status}` };
    const run = await this.repository.claimRun(runId);
    if (!run) return { skipped: 'run was settled meanwhile' };
    try {
      const event = await this.events.getEntity(run.eventId);
      if (event.status === 'cancelled') {
        await this.repository.finishRun(runId, 'failed', 'the event was cancelled');
        return { skipped: 'event was cancelled' };
      }
      await this.attendance(run, event);
      await this.presenters(run, event);
      await this.repository.finishRun(runId, 'completed', null);
      const finished = await this.repository.run(runId);
      return { done: finished?.done ?? 0, emailed: finished?.emailed ?? 0 };
    } catch (error) {
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const message = error instanceof Error ? error.message : String(error);
      if (last) await this.repository.finishRun(runId, 'failed', message.slice(0, 2000));
      this.logger.warn(
        { runId, attempt: job.attemptsMade + 1, err: error },
        `certificate run ${runId} failed${last ? '' : '; it will be retried'}`,
      );
      throw error;
    }
  }

  private async attendance(run: CertificateRun, event: Event): Promise<void> {
    if (run.phase !== 'attendance') return;
    let cursor = run.cursor;
    for (;;) {
      const page = await this.certificates.attendancePage(event.id, cursor, ISSUE_BATCH);
      const finished = page.rows.length < ISSUE_BATCH;
      cursor = page.rows.at(-1)?.registrationId ?? cursor;
      await this.transactions.run(async (tx) => {
        const issued = await this.certificates.issueAttendance(tx.manager, event.id, page);
        const emailed = await this.email(tx, run.id, event, issued, page.people);
        await this.repository.advanceRun(tx.manager, run.id, {
          phase: finished ? 'presenter' : 'attendance',
          cursor: finished ? null : cursor,
          done: page.rows.length,
          emailed,
        });
      });
      if (finished) break;
    }
    run.phase = 'presenter';
    run.cursor = null;
  }

  private async presenters(run: CertificateRun, event: Event): Promise<void> {
    if (run.phase !== 'presenter') return;
    const all = (await this.certificates.publishedPresenters(event.id)).filter((p) => run.cursor === null || presenterKey(p) > run.cursor);
    for (let start = 0; start < all.length || start === 0; start += ISSUE_BATCH) {
      const batch = all.slice(start, start + ISSUE_BATCH);
      const finished = start + ISSUE_BATCH >= all.length;
      const people = await this.certificates.peopleOfPresenters(event.id, batch);
      await this.transactions.run(async (tx) => {
        const issued = await this.certificates.issuePresenters(tx.manager, event.id, batch, people);
        const emailed = await this.email(tx, run.id, event, issued, people);
        await this.repository.advanceRun(tx.manager, run.id, {
          phase: finished ? 'done' : 'presenter',
          cursor: finished ? null : presenterKey(batch[batch.length - 1]),
          done: batch.length,
          emailed,
        });
      });
      if (finished) break;
    }
  }

  /** One email per certificate whose person has an address; how many rows were written. */
  private email(tx: Tx, runId: string, event: Event, issued: Certificate[], people: Map<string, Person>): Promise<number> {
    const messages = issued.flatMap((certificate) => {
      const person = people.get(certificate.personId);
      if (!person?.email) return [];
      return [
        {
          eventId: event.id,
          dedupeKey: `certificate:${runId}:${certificate.id}`,
          to: { address: person.email, name: person.name },
          template: certificateReadyTemplate,
          params: {
            language: mailLanguage(certificate.language),
            name: person.name,
            eventTitle: event.title,
            pdfLink: this.certificates.pdfUrl(certificate.code),
            verifyLink: this.certificates.verificationUrl(certificate.code),
          },
        },
      ];
    });
    return this.outbox.enqueueMany(tx, messages);
  }
}
