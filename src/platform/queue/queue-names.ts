/** The queues of design.md's Queues table. */
export enum QueueName {
  Mail = 'mail',
  Reminders = 'reminders',
  Reports = 'reports',
  Certificates = 'certificates',
}

export enum JobName {
  SendMail = 'send',
  FanOut = 'fan-out',
  NotifyChange = 'notify-change',
  Announce = 'announce',
  CompileReport = 'compile',
  IssueCertificates = 'issue-certificates',
}

/**
 * Payloads carry ids only: a processor reloads its rows, so a job never acts on
 * stale data (design.md principle 3).
 */
export interface JobPayloads {
  [JobName.SendMail]: { emailId: string };
  /** `dueAt` (epoch ms) tells a stale job from the current one after a reschedule. */
  [JobName.FanOut]: { reminderId: string; dueAt: number };
  /** An agenda version that moved or cancelled sessions, or a postponed or cancelled event. */
  [JobName.NotifyChange]: { eventId: string; versionId?: string; change: 'agenda' | 'rescheduled' | 'cancelled' };
  [JobName.Announce]: { announcementId: string };
  [JobName.CompileReport]: { reportId: string };
  [JobName.IssueCertificates]: { runId: string };
}

export const JOB_QUEUE: { [N in JobName]: QueueName } = {
  [JobName.SendMail]: QueueName.Mail,
  [JobName.FanOut]: QueueName.Reminders,
  [JobName.NotifyChange]: QueueName.Reminders,
  [JobName.Announce]: QueueName.Reminders,
  [JobName.CompileReport]: QueueName.Reports,
  [JobName.IssueCertificates]: QueueName.Certificates,
};

/** BullMQ refuses `:` in custom job ids; dedupe keys in Postgres may keep it. */
export function assertJobId(jobId: string): string {
  if (jobId.includes(':')) throw new Error(`job id "${jobId}" contains ':', which BullMQ refuses`);
  return jobId;
}
