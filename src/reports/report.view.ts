import { formatInZone } from '../platform/time/zoned-time';
import { Report } from './report.entity';

/** A report as organisers see it; `data` only in the single-report answer. Times carry the event's offset. */
export function reportView(report: Report, timezone: string, withData = false) {
  const at = (value: Date | null) => (value ? formatInZone(value, timezone) : null);
  const base = `/events/${report.eventId}/reports/${report.id}`;
  return {
    id: report.id,
    eventId: report.eventId,
    version: report.version,
    status: report.status,
    progress: report.progress,
    trigger: report.trigger,
    requestedBy: report.requestedBy,
    dueAt: at(report.dueAt),
    createdAt: at(report.createdAt),
    startedAt: at(report.startedAt),
    completedAt: at(report.completedAt),
    durationMs: report.durationMs,
    attempts: report.attempts,
    error: report.error,
    links: report.status === 'completed' ? { html: `${base}.html`, csv: `${base}.csv`, xlsx: `${base}.xlsx` } : null,
    ...(withData ? { data: report.data } : {}),
  };
}

export type ReportView = ReturnType<typeof reportView>;
