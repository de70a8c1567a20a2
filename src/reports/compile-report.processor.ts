import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { Tx, TransactionService } from '../platform/database/transaction.service';
import { OutboxService } from '../platform/mail/outbox.service';
import { QueueWorkersService } from '../platform/queue/queue-workers.service';
import { JobName, JobPayloads } from '../platform/queue/queue-names';
import { reportReadyTemplate } from './mail/report-ready.template';
import { ReportReadModelsRepository } from './report-read-models.repository';
import { ReportCompilerService } from './report-compiler.service';
import { ReportData } from './report-data';
import { renderReportHtml } from './report-html';
import { Report } from './report.entity';
import { ReportsRepository } from './reports.repository';

/** A delayed job that fires this much before its report's due time still counts as due (clock skew). */
const DUE_SLACK_MS = 1000;

export type CompileResult = { version: number; durationMs: number } | { skipped: string };

/**
 * The `reports` queue's `compile` job (job id = report id). It claims the
 * row (queued → compiling), runs the aggregates with progress, and stores data
 * and page together with the "report ready" emails in one transaction. A
 * retried or re-run job claims the same row again and overwrites it, so a
 * version is either complete or still pending; a completed one is never
 * compiled twice.
 */
@Injectable()
export class CompileReportProcessor implements OnModuleInit {
  private readonly logger = new Logger(CompileReportProcessor.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ReportsRepository,
    private readonly transactions: TransactionService,
    private readonly workers: QueueWorkersService,
    private readonly compiler: ReportCompilerService,
    private readonly outbox: OutboxService,
    private readonly readModels: ReportReadModelsRepository,
  ) {}

  onModuleInit(): void {
    this.workers.handle(JobName.CompileReport, (job) => this.process(job));
  }

  async process(job: Job<JobPayloads[JobName.CompileReport]>): Promise<CompileResult> {
    const { reportId } = job.data;
    const found = await this.repository.findState(reportId);
    if (!found) return { skipped: 'report no longer exists' };
    if (found.status === 'completed' || found.status === 'failed') return { skipped: `report is ${found.status}` };
    // A delayed job left from before the event moved; the sweep arms one for the new time.
    if (found.dueAt.getTime() > Date.now() + DUE_SLACK_MS) return { skipped: 'report is not due yet' };
    const report = await this.claim(reportId);
    if (!report) return { skipped: 'report was taken or withdrawn' };

    const started = performance.now();
    try {
      const data = await this.compiler.compile(report.eventId, async (progress) => {
        await this.repository.progress(reportId, progress);
        await job.updateProgress(progress);
      });
      const html = renderReportHtml(data, { version: report.version, trigger: report.trigger });
      const durationMs = Math.round(performance.now() - started);
      await this.transactions.run(async (tx) => {
        const completed = await this.repository.complete(tx.manager, reportId, data, html, durationMs);
        if (completed) await this.announce(tx, report, data);
      });
      await job.updateProgress(100);
      return { version: report.version, durationMs };
    } catch (error) {
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const message = error instanceof Error ? error.message : String(error);
      await this.repository.settle(reportId, 'compiling', last ? 'failed' : 'queued', message.slice(0, 2000));
      this.logger.warn(
        { reportId, attempt: job.attemptsMade + 1, err: error },
        `compiling report ${reportId} failed${last ? '' : '; it will be retried'}`,
      );
      throw error;
    }
  }

  /** queued, or compiling (a re-run after a crash) → compiling, under the event's report lock. */
  private async claim(reportId: string): Promise<Report | null> {
    return this.transactions.run(async ({ manager }) => {
      const eventId = await this.repository.eventOf(manager, reportId);
      if (!eventId) return null;
      await this.repository.lock(manager, eventId);
      return this.repository.claim(manager, reportId);
    });
  }

  /** "Report ready" to each member of the event, once per report and organiser. */
  private async announce(tx: Tx, report: Report, data: ReportData): Promise<void> {
    const members = await this.readModels.members(tx.manager, report.eventId);
    const base = `${this.config.publicUrl}/events/${report.eventId}/reports/${report.id}`;
    const h = data.headline;
    const headline: Array<[string, string | number]> = [
      ['People involved', h.peopleInvolved],
      ['Registrations', h.registrations],
      ['Attended', h.attendedEvent],
      ['Sessions held', h.sessionsHeld],
      ['Presentations', h.presentations],
      ['Regions', `${h.regions} from ${h.countries} countries`],
      ...data.outcomes.slice(0, 3).map((o) => [o.label.charAt(0).toUpperCase() + o.label.slice(1), o.value] as [string, string]),
    ];
    for (const member of members) {
      await this.outbox.enqueue(tx, {
        eventId: report.eventId,
        dedupeKey: `report-ready:${report.id}:${member.id}`,
        to: { address: member.email, name: member.name },
        template: reportReadyTemplate,
        params: {
          organiserName: member.name,
          eventTitle: data.event.title,
          version: report.version,
          automatic: report.trigger === 'automatic',
          headline,
          link: `${base}.html`,
          csvLink: `${base}.csv`,
        },
      });
    }
  }
}
