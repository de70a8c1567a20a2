import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobQueueService } from '../platform/queue/job-queue.service';
import { JobName } from '../platform/queue/queue-names';
import { ChangeNoticeJob, changeNoticeJob } from './change-notice-jobs';

interface PendingChange {
  change: 'agenda' | 'cancelled' | 'rescheduled';
  eventId: string;
  versionId: string | null;
  startsAt: Date;
}

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
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: JobQueueService,
  ) {}

  async sweep(): Promise<{ enqueued: number }> {
    const changes: PendingChange[] = await this.db.query(
      `SELECT 'agenda' AS change, e.id AS "eventId", v.id AS "versionId", e.starts_at AS "startsAt"
         FROM agenda_versions v JOIN events e ON e.id = v.event_id
        WHERE e.status <> 'cancelled' AND e.ends_at > now()
          AND jsonb_array_length(v.changes -> 'moved') + jsonb_array_length(v.changes -> 'cancelled') > 0
       UNION ALL
       SELECT 'cancelled', e.id, NULL, e.starts_at FROM events e WHERE e.status = 'cancelled' AND e.ends_at > now()
       UNION ALL
       SELECT 'rescheduled', e.id, NULL, e.starts_at FROM events e
        WHERE e.postponed_at IS NOT NULL AND e.status <> 'cancelled' AND e.ends_at > now()`,
    );
    if (changes.length === 0) return { enqueued: 0 };
    const jobs = changes.map((c): ChangeNoticeJob => {
      if (c.change === 'agenda') return changeNoticeJob.agenda(c.eventId, c.versionId!);
      if (c.change === 'cancelled') return changeNoticeJob.cancelled(c.eventId);
      return changeNoticeJob.rescheduled(c.eventId, c.startsAt);
    });
    const notified: Array<{ change_key: string }> = await this.db.query(
      `SELECT change_key FROM notified_changes WHERE change_key = ANY($1::text[])`,
      [jobs.map((j) => j.jobId)],
    );
    const done = new Set(notified.map((n) => n.change_key));
    const missing = jobs.filter((j) => !done.has(j.jobId));
    // Adding under an id that still exists adds nothing, so a job in flight is left alone.
    await this.queues.enqueueMany(
      JobName.NotifyChange,
      missing.map(({ jobId, payload }) => ({ payload, options: { jobId } })),
    );
    return { enqueued: missing.length };
  }
}
