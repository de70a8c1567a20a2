import { Injectable } from '@nestjs/common';
import { JobQueueService } from '../platform/queue/job-queue.service';
import { JobName } from '../platform/queue/queue-names';
import { ChangeNoticeJob, changeNoticeJob } from './change-notice-jobs';
import { ChangeNoticesRepository } from './change-notices.repository';

/**
 * Heals change notices whose job was lost (a process that died between the
 * commit and the enqueue, or Redis losing its data): re-derives, for events
 * not over yet, the changes that call for notices — published versions that
 * moved or cancelled sessions, cancellations, postponements — and adds the job
 * of each one `notified_changes` does not record. A job that failed for good
 * stays failed (visible in /admin/queues) rather than being retried forever.
 */
@Injectable()
export class ChangeNoticesSweepService {
  constructor(
    private readonly repository: ChangeNoticesRepository,
    private readonly queues: JobQueueService,
  ) {}

  async sweep(): Promise<{ enqueued: number }> {
    const changes = await this.repository.pendingChanges();
    if (changes.length === 0) return { enqueued: 0 };
    const jobs = changes.map((c): ChangeNoticeJob => {
      if (c.change === 'agenda') return changeNoticeJob.agenda(c.eventId, c.versionId!);
      if (c.change === 'cancelled') return changeNoticeJob.cancelled(c.eventId);
      return changeNoticeJob.rescheduled(c.eventId, c.startsAt);
    });
    const done = await this.repository.notified(jobs.map((j) => j.jobId));
    const missing = jobs.filter((j) => !done.has(j.jobId));
    // Adding under an id that still exists adds nothing, so a job in flight is left alone.
    await this.queues.enqueueMany(
      JobName.NotifyChange,
      missing.map(({ jobId, payload }) => ({ payload, options: { jobId } })),
    );
    return { enqueued: missing.length };
  }
}
