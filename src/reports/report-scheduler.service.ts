import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { TransactionService } from '../platform/database/transaction.service';
import { DomainEventBus } from '../platform/domain-events/domain-event-bus';
import { JobQueueService } from '../platform/queue/job-queue.service';
import { QueueName } from '../platform/queue/queue-names';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import '../events/event-domain-events';

/** Events that ended longer ago than this get no automatic report (a first deployment does not report on the past). */
export const AUTOMATIC_HORIZON_MS = 7 * 86_400_000;
/** A pending report younger than this may still be waiting for its after-commit enqueue. */
const JOB_GRACE_MS = 5_000;

/**
 * Automatic reports: once an event has ended, a report row with a delayed
 * `compile` job due `PLENARY_REPORT_DELAY_MINUTES` after the end. One per
 * event end time (a unique index backs it): a postponed event that ends again
 * later gets another. The maintenance sweep re-derives these and re-creates
 * the job of any pending report that lost it; event reschedules re-check at
 * once.
 */
@Injectable()
export class ReportSchedulerService implements OnModuleInit {
  private readonly logger = new Logger(ReportSchedulerService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ReportsRepository,
    private readonly transactions: TransactionService,
    private readonly reports: ReportsService,
    private readonly queues: JobQueueService,
    private readonly bus: DomainEventBus,
  ) {}

  onModuleInit(): void {
    this.bus.on('event.rescheduled', async ({ eventId }) => {
      await this.syncEvent(eventId);
    });
  }

  async sweep(): Promise<{ scheduled: number; requeued: number; failed: number }> {
    const due = await this.repository.eventsDueAutomatic(AUTOMATIC_HORIZON_MS / 1000);
    let scheduled = 0;
    for (const id of due) if (await this.syncEvent(id)) scheduled += 1;

    const pending = await this.repository.pendingOlderThan(JOB_GRACE_MS / 1000);
    let requeued = 0;
    let failed = 0;
    for (const report of pending) {
      const outcome = await this.reports.ensureJob(report);
      if (outcome === 'requeued') requeued += 1;
      if (outcome === 'failed') failed += 1;
    }
    return { scheduled, requeued, failed };
  }

  /**
   * The automatic report of the event's current end time, once that end has
   * passed. A queued automatic report for an earlier end time that never
   * started is withdrawn (the event moved before its report was due).
   * Returns whether a report was scheduled.
   */
  async syncEvent(eventId: string): Promise<boolean> {
    const withdrawn: string[] = [];
    const report = await this.transactions.run(async ({ manager }) => {
      await this.repository.lock(manager, eventId);
      const event = await this.repository.eventEnd(manager, eventId, AUTOMATIC_HORIZON_MS / 1000);
      if (!event) return null;
      withdrawn.push(...(await this.repository.withdrawStaleAutomatic(manager, eventId, event.ends_at)));
      if (event.status === 'cancelled' || !event.ended || !event.recent) return null;
      return this.repository.insertAutomatic(manager, eventId, event.ends_at, this.config.reports.delayMs / 1000);
    });
    for (const id of withdrawn) {
      await this.queues
        .queue(QueueName.Reports)
        .remove(id)
        .catch(() => undefined);
    }
    if (!report) return false;
    await this.reports.enqueue(report);
    this.logger.log(`automatic report ${report.id} of event ${eventId} due ${report.dueAt.toISOString()}`);
    return true;
  }
}
