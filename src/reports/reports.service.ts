import { ActedBy, AuditService } from '../audit/audit.service';
import { TableFormat } from '../platform/http/table-download';
import { Injectable, Logger } from '@nestjs/common';
import { EventsService } from '../events/events.service';
import { TransactionService } from '../platform/database/transaction.service';
import { Problem } from '../platform/http/problem';
import { JobQueueService } from '../platform/queue/job-queue.service';
import { JobName, QueueName } from '../platform/queue/queue-names';
import { Report } from './report.entity';
import { ReportView, reportView } from './report.view';
import { ReportsRepository } from './reports.repository';

/** A compile that fails is tried this many times (a killed worker's job is re-run besides, as a stalled job). */
export const COMPILE_ATTEMPTS = 3;
const COMPILE_BACKOFF_MS = 2000;
const LIVE_JOB_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children', 'wait']);

export interface ReportCursor {
  version: number;
  id: string;
}

/** Stored reports: asking for one, listing and reading them, and keeping a job behind every pending one. */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    private readonly repository: ReportsRepository,
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly queues: JobQueueService,
    private readonly audit: AuditService,
  ) {}

  /**
   * A new version, queued for compiling now. While another compile of the
   * event is queued or running, that report is answered instead, so two
   * requests share one compile; an automatic report still waiting for its
   * time is brought forward rather than doubled.
   */
  async request(eventId: string, organiserId: string): Promise<{ report: ReportView; created: boolean }> {
    const event = await this.events.getEntity(eventId);
    const { report, created } = await this.transactions.run(async (tx) => {
      await this.repository.lock(tx.manager, eventId);
      const pending = await this.repository.latestPending(tx.manager, eventId);
      if (pending) {
        const { waiting, ...shared } = pending;
        if (!waiting) return { report: shared, created: false };
        const due = await this.repository.dueNow(tx.manager, shared.id);
        tx.afterCommit(() => this.runNow(due));
        return { report: due, created: false };
      }
      const inserted = await this.repository.insertManual(tx.manager, eventId, organiserId);
      tx.afterCommit(() => this.enqueue(inserted));
      return { report: inserted, created: true };
    });
    return { report: reportView(report, event.timezone), created };
  }

  async list(eventId: string, limit: number, cursor: ReportCursor | null) {
    const event = await this.events.getEntity(eventId);
    const rows = await this.repository.page(eventId, limit, cursor?.version ?? null);
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    const last = items[items.length - 1];
    return {
      items: items.map((r) => reportView(r, event.timezone)),
      nextCursor: more ? encodeReportCursor({ version: last.version, id: last.id }) : null,
    };
  }

  async get(eventId: string, reportId: string) {
    const event = await this.events.getEntity(eventId);
    return reportView(await this.load(eventId, reportId, false), event.timezone, true);
  }

  /** A completed report's stored page and data; 409 while it is not complete. */
  async completed(eventId: string, reportId: string): Promise<Report> {
    const report = await this.load(eventId, reportId, true);
    if (report.status !== 'completed') {
      const state =
        report.status === 'failed' ? `failed (${report.error ?? 'no reason recorded'})` : `${report.status} (${report.progress} %)`;
      throw Problem.conflict(`Report version ${report.version} is ${state}; its page and CSV exist once it is completed`, {
        reportStatus: report.status,
        progress: report.progress,
      });
    }
    return report;
  }

  /** An organiser's download of a report's rows, on record before the first row is sent. */
  async exported(report: Report, format: TableFormat, by: ActedBy): Promise<void> {
    await this.audit.record({
      eventId: report.eventId,
      actor: by.actor,
      action: 'report.exported',
      subject: { type: 'report', id: report.id },
      details: { ...by.details, format, version: report.version },
    });
  }

  async enqueue(report: Pick<Report, 'id' | 'dueAt'>): Promise<void> {
    await this.queues.enqueue(
      JobName.CompileReport,
      { reportId: report.id },
      {
        jobId: report.id,
        delayMs: Math.max(0, new Date(report.dueAt).getTime() - Date.now()),
        attempts: COMPILE_ATTEMPTS,
        backoffBaseMs: COMPILE_BACKOFF_MS,
      },
    );
  }

  /** Runs a report whose delayed job is waiting at once. */
  private runNow(report: Pick<Report, 'id' | 'dueAt' | 'status'>): Promise<unknown> {
    return this.queues.bounded(`running report ${report.id} now`, async () => {
      const job = await this.queues.queue(QueueName.Reports).getJob(report.id);
      if (job && (await job.getState()) === 'delayed') {
        await job.promote().catch(() => undefined);
        return;
      }
      await this.ensureJob(report);
    });
  }

  /**
   * Puts a job behind a queued or compiling report that has none alive (Redis
   * lost it, an enqueue after commit failed, a stale delayed job ran early).
   * A report whose job failed for good (e.g. it stalled too often) is marked
   * failed rather than tried forever.
   */
  async ensureJob(report: Pick<Report, 'id' | 'dueAt' | 'status'>): Promise<'alive' | 'requeued' | 'failed'> {
    const queue = this.queues.queue(QueueName.Reports);
    const job = await queue.getJob(report.id);
    const state = job ? await job.getState() : 'missing';
    if (LIVE_JOB_STATES.has(state)) return 'alive';
    if (job && state === 'failed') {
      await this.repository.settle(report.id, report.status, 'failed', job.failedReason || 'the compile job failed');
      return 'failed';
    }
    if (job) await job.remove().catch(() => undefined);
    await this.enqueue(report);
    this.logger.warn(`report ${report.id} (${report.status}) had no live job (${state}); enqueued again`);
    return 'requeued';
  }

  private async load(eventId: string, reportId: string, withBody: boolean): Promise<Report> {
    const report = await this.repository.findInEvent(eventId, reportId, withBody);
    if (!report) throw Problem.notFound(`No report ${reportId} in this event`);
    return report;
  }
}

export function encodeReportCursor(cursor: ReportCursor): string {
  return Buffer.from(JSON.stringify([cursor.version, cursor.id])).toString('base64url');
}

export function decodeReportCursor(value: string | undefined): ReportCursor | null {
  if (!value) return null;
  try {
    const [version, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof version === 'number' && Number.isInteger(version) && version > 0 && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) {
      return { version, id };
    }
  } catch {
    // fall through to the 400 below
  }
  throw Problem.badRequest('The cursor is not one this API returned', [{ field: 'cursor', message: 'unknown cursor' }]);
}
