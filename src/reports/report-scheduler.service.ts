import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { TransactionService } from '../platform/database/transaction.service';
import { sql } from '../platform/database/sql';
import { DomainEventBus } from '../platform/domain-events/domain-event-bus';
import { JobQueueService } from '../platform/queue/job-queue.service';
import { QueueName } from '../platform/queue/queue-names';
import { Report } from './report.entity';
import { ReportsService, lockReports } from './reports.service';
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
    @InjectDataSource() private readonly db: DataSource,
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
    const { rows: due } = await sql<{ id: string }>(
      this.db.manager,
      `SELECT e.id FROM events e
        WHERE e.ends_at <= now() AND e.ends_at > now() - make_interval(secs => $1) AND e.status <> 'cancelled'
          AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.event_id = e.id AND r.trigger = 'automatic' AND r.event_ends_at = e.ends_at)`,
      [AUTOMATIC_HORIZON_MS / 1000],
    );
    let scheduled = 0;
    for (const { id } of due) if (await this.syncEvent(id)) scheduled += 1;

    const { rows: pending } = await sql<Pick<Report, 'id' | 'dueAt' | 'status'>>(
      this.db.manager,
      `SELECT id, due_at AS "dueAt", status FROM reports
        WHERE status IN ('queued', 'compiling') AND created_at < now() - make_interval(secs => $1)
        ORDER BY due_at LIMIT 500`,
      [JOB_GRACE_MS / 1000],
    );
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
      await lockReports(manager, eventId);
      const { rows: events } = await sql<{ ends_at: Date; status: string; ended: boolean; recent: boolean }>(
        manager,
        `SELECT ends_at, status, ends_at <= now() AS ended, ends_at > now() - make_interval(secs => $2) AS recent FROM events WHERE id = $1`,
        [eventId, AUTOMATIC_HORIZON_MS / 1000],
      );
      const event = events[0];
      if (!event) return null;
      const { rows: stale } = await sql<{ id: string }>(
        manager,
        `DELETE FROM reports WHERE event_id = $1 AND trigger = 'automatic' AND status = 'queued' AND event_ends_at <> $2 RETURNING id`,
        [eventId, event.ends_at],
      );
      withdrawn.push(...stale.map((r) => r.id));
      if (event.status === 'cancelled' || !event.ended || !event.recent) return null;
      const { rows } = await sql<Pick<Report, 'id' | 'dueAt' | 'status'>>(
        manager,
        `INSERT INTO reports (event_id, version, status, trigger, requested_by, due_at, event_ends_at)
         SELECT $1, (SELECT coalesce(max(version), 0) + 1 FROM reports WHERE event_id = $1), 'queued', 'automatic', NULL,
                $2::timestamptz + make_interval(secs => $3), $2
          WHERE NOT EXISTS (SELECT 1 FROM reports WHERE event_id = $1 AND trigger = 'automatic' AND event_ends_at = $2)
         RETURNING id, due_at AS "dueAt", status`,
        [eventId, event.ends_at, this.config.reports.delayMs / 1000],
      );
      return rows[0] ?? null;
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
