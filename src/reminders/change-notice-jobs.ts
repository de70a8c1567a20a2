import { JobPayloads, JobName } from '../platform/queue/queue-names';

/**
 * The `notify-change` job of each kind of change, named after the change: the
 * domain event and the maintenance sweep both add it under this id, so the
 * one that comes second adds nothing, and `notified_changes` is keyed by it.
 */
export const changeNoticeJob = {
  agenda: (eventId: string, versionId: string) => job(`agenda-change-${versionId}`, { eventId, versionId, change: 'agenda' }),
  rescheduled: (eventId: string, startsAt: Date) =>
    job(`event-rescheduled-${eventId}-${startsAt.getTime()}`, { eventId, change: 'rescheduled' }),
  cancelled: (eventId: string) => job(`event-cancelled-${eventId}`, { eventId, change: 'cancelled' }),
};

export interface ChangeNoticeJob {
  jobId: string;
  payload: JobPayloads[JobName.NotifyChange];
}

function job(jobId: string, payload: JobPayloads[JobName.NotifyChange]): ChangeNoticeJob {
  return { jobId, payload };
}
