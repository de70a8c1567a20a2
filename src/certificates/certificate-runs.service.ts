import { Injectable, Logger } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { TransactionService } from '../platform/database/transaction.service';
import { Problem } from '../platform/http/problem';
import { JobQueueService } from '../platform/queue/job-queue.service';
import { JobName, QueueName } from '../platform/queue/queue-names';
import { formatInZone } from '../platform/time/zoned-time';
import { CertificateRun } from './certificate.entity';
import { CertificatesRepository } from './certificates.repository';
import { CertificatesService } from './certificates.service';

/** A run that fails is tried this many times; each attempt goes on from the last batch written. */
export const ISSUE_ATTEMPTS = 3;
const ISSUE_BACKOFF_MS = 2000;
/** A run younger than this may still be waiting for the job its request is adding. */
const JOB_GRACE_SECONDS = 10;
const LIVE_JOB_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children', 'wait']);

/** "Send them all": a run issues every certificate of the event and emails each person theirs, in the background. */
@Injectable()
export class CertificateRunsService {
  private readonly logger = new Logger(CertificateRunsService.name);

  constructor(
    private readonly repository: CertificatesRepository,
    private readonly certificates: CertificatesService,
    private readonly events: EventsService,
    private readonly transactions: TransactionService,
    private readonly queues: JobQueueService,
  ) {}

  /** A new run, queued; while another run of the event is queued or running, that one (`shared`), so nobody is sent two emails. */
  async request(eventId: string, organiserId: string) {
    const event = await this.events.getEntity(eventId);
    await this.certificates.assertIssuable(event, await this.certificates.settings(eventId));
    const total = await this.certificates.eligibleCount(eventId);
    const { run, shared } = await this.transactions.run(async (tx) => {
      await this.repository.lockRuns(tx.manager, eventId);
      const pending = await this.repository.pendingRun(tx.manager, eventId);
      if (pending) return { run: pending, shared: true };
      const inserted = await this.repository.insertRun(tx.manager, eventId, organiserId, total);
      tx.afterCommit(() => this.enqueue(inserted.id));
      return { run: inserted, shared: false };
    });
    return { ...runView(run, event.timezone), shared };
  }

  async get(eventId: string, runId: string) {
    const event = await this.events.getEntity(eventId);
    const run = await this.repository.run(runId, eventId);
    if (!run) throw Problem.notFound(`No certificate run ${runId} in this event`);
    return runView(run, event.timezone);
  }

  async list(eventId: string) {
    const event = await this.events.getEntity(eventId);
    const runs = await this.repository.runs(eventId, 20);
    return { items: runs.map((r) => runView(r, event.timezone)), nextCursor: null };
  }

  /**
   * Puts a job behind every queued or running run that has none alive (Redis
   * lost it, or the add after commit timed out); a run whose job failed for
   * good is marked failed. The re-run goes on from the run's cursor.
   */
  async sweep(): Promise<{ requeued: number; failed: number }> {
    const queue = this.queues.queue(QueueName.Certificates);
    let requeued = 0;
    let failed = 0;
    for (const { id } of await this.repository.pendingRuns(JOB_GRACE_SECONDS)) {
      const job = await queue.getJob(id);
      const state = job ? await job.getState() : 'missing';
      if (LIVE_JOB_STATES.has(state)) continue;
      if (job && state === 'failed') {
        await this.repository.settleRun(id, 'failed', job.failedReason || 'the issue job failed');
        failed += 1;
        continue;
      }
      if (job) await job.remove().catch(() => undefined);
      await this.enqueue(id);
      this.logger.warn(`certificate run ${id} had no live job (${state}); enqueued again`);
      requeued += 1;
    }
    return { requeued, failed };
  }

  enqueue(runId: string): Promise<void> {
    return this.queues.enqueue(
      JobName.IssueCertificates,
      { runId },
      { jobId: runId, attempts: ISSUE_ATTEMPTS, backoffBaseMs: ISSUE_BACKOFF_MS },
    );
  }
}

export function runView(run: CertificateRun, timezone: string) {
  return {
    id: run.id,
    eventId: run.eventId,
    status: run.status,
    total: run.total,
    done: run.done,
    emailed: run.emailed,
    progress: run.total === 0 ? (run.status === 'completed' ? 100 : 0) : Math.min(100, Math.floor((run.done * 100) / run.total)),
    requestedBy: run.requestedBy,
    error: run.error,
    createdAt: formatInZone(new Date(run.createdAt), timezone),
    startedAt: run.startedAt ? formatInZone(new Date(run.startedAt), timezone) : null,
    completedAt: run.completedAt ? formatInZone(new Date(run.completedAt), timezone) : null,
    links: { self: `/events/${run.eventId}/certificates/runs/${run.id}` },
  };
}
export type CertificateRunView = ReturnType<typeof runView>;
