import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { Report } from './report.entity';

const REPORT_COLUMNS = `id, event_id AS "eventId", version, status, progress, requested_by AS "requestedBy", trigger, due_at AS "dueAt",
  event_ends_at AS "eventEndsAt", attempts, created_at AS "createdAt", started_at AS "startedAt", completed_at AS "completedAt",
  duration_ms AS "durationMs", error`;

const ALL_BUT_HTML = {
  id: true,
  eventId: true,
  version: true,
  status: true,
  progress: true,
  requestedBy: true,
  trigger: true,
  dueAt: true,
  eventEndsAt: true,
  attempts: true,
  createdAt: true,
  startedAt: true,
  completedAt: true,
  durationMs: true,
  error: true,
  data: true,
} as const;

export type PendingReport = Pick<Report, 'id' | 'dueAt' | 'status'>;

/** The event's current end as the automatic reports see it. */
export interface ReportedEventEnd {
  ends_at: Date;
  status: string;
  ended: boolean;
  recent: boolean;
}

/** The `reports` table's SQL, all of it: the report services and the compile job use only this. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One change to an event's report versions at a time: requests, automatic reports and renumbering. */
  async lock(manager: EntityManager, eventId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('plenary:reports:' || $1))`, [eventId]);
  }

  /** The newest queued or compiling report of the event, and whether it is still waiting for its due time. */
  async latestPending(manager: EntityManager, eventId: string): Promise<(Report & { waiting: boolean }) | null> {
    const { rows } = await sql<Report & { waiting: boolean }>(
      manager,
      `SELECT ${REPORT_COLUMNS}, due_at > now() AS waiting FROM reports
        WHERE event_id = $1 AND status IN ('queued', 'compiling')
        ORDER BY version DESC LIMIT 1`,
      [eventId],
    );
    return rows[0] ?? null;
  }

  async dueNow(manager: EntityManager, reportId: string): Promise<Report> {
    const { rows } = await sql<Report>(manager, `UPDATE reports SET due_at = now() WHERE id = $1 RETURNING ${REPORT_COLUMNS}`, [reportId]);
    return rows[0];
  }

  /** The event's next version, requested by an organiser and due now. */
  async insertManual(manager: EntityManager, eventId: string, organiserId: string): Promise<Report> {
    const { rows } = await sql<Report>(
      manager,
      `INSERT INTO reports (event_id, version, status, trigger, requested_by, due_at)
       VALUES ($1, (SELECT coalesce(max(version), 0) + 1 FROM reports WHERE event_id = $1), 'queued', 'manual', $2, now())
       RETURNING ${REPORT_COLUMNS}`,
      [eventId, organiserId],
    );
    return rows[0];
  }

  /**
   * The event's automatic report for this end time, due `delaySeconds` after
   * it, unless one exists already (then null).
   */
  async insertAutomatic(manager: EntityManager, eventId: string, endsAt: Date, delaySeconds: number): Promise<PendingReport | null> {
    const { rows } = await sql<PendingReport>(
      manager,
      `INSERT INTO reports (event_id, version, status, trigger, requested_by, due_at, event_ends_at)
       SELECT $1, (SELECT coalesce(max(version), 0) + 1 FROM reports WHERE event_id = $1), 'queued', 'automatic', NULL,
              $2::timestamptz + make_interval(secs => $3), $2
        WHERE NOT EXISTS (SELECT 1 FROM reports WHERE event_id = $1 AND trigger = 'automatic' AND event_ends_at = $2)
       RETURNING id, due_at AS "dueAt", status`,
      [eventId, endsAt, delaySeconds],
    );
    return rows[0] ?? null;
  }

  /** Deletes the queued automatic reports of other end times than `endsAt`; their ids. */
  async withdrawStaleAutomatic(manager: EntityManager, eventId: string, endsAt: Date): Promise<string[]> {
    const { rows } = await sql<{ id: string }>(
      manager,
      `DELETE FROM reports WHERE event_id = $1 AND trigger = 'automatic' AND status = 'queued' AND event_ends_at <> $2 RETURNING id`,
      [eventId, endsAt],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The event's end, read from the events table itself: the scheduler's
   * check runs under the report lock in the same transaction as its writes.
   */
  async eventEnd(manager: EntityManager, eventId: string, horizonSeconds: number): Promise<ReportedEventEnd | null> {
    const { rows } = await sql<ReportedEventEnd>(
      manager,
      `SELECT ends_at, status, ends_at <= now() AS ended, ends_at > now() - make_interval(secs => $2) AS recent FROM events WHERE id = $1`,
      [eventId, horizonSeconds],
    );
    return rows[0] ?? null;
  }

  /** Events that ended within the horizon and have no automatic report for their current end time. */
  async eventsDueAutomatic(horizonSeconds: number): Promise<string[]> {
    const { rows } = await sql<{ id: string }>(
      this.db.manager,
      `SELECT e.id FROM events e
        WHERE e.ends_at <= now() AND e.ends_at > now() - make_interval(secs => $1) AND e.status <> 'cancelled'
          AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.event_id = e.id AND r.trigger = 'automatic' AND r.event_ends_at = e.ends_at)`,
      [horizonSeconds],
    );
    return rows.map((r) => r.id);
  }

  /** Queued or compiling reports older than `graceSeconds`, oldest due first. */
  async pendingOlderThan(graceSeconds: number): Promise<PendingReport[]> {
    const { rows } = await sql<PendingReport>(
      this.db.manager,
      `SELECT id, due_at AS "dueAt", status FROM reports
        WHERE status IN ('queued', 'compiling') AND created_at < now() - make_interval(secs => $1)
        ORDER BY due_at LIMIT 500`,
      [graceSeconds],
    );
    return rows;
  }

  /** A page of the event's versions, newest first, below `beforeVersion`; one more than `limit`. */
  page(eventId: string, limit: number, beforeVersion: number | null): Promise<Report[]> {
    const builder = this.db
      .getRepository(Report)
      .createQueryBuilder('r')
      .select(['r.id', 'r.eventId', 'r.version', 'r.status', 'r.progress', 'r.requestedBy', 'r.trigger', 'r.dueAt', 'r.eventEndsAt'])
      .addSelect(['r.attempts', 'r.createdAt', 'r.startedAt', 'r.completedAt', 'r.durationMs', 'r.error'])
      .where('r.event_id = :eventId', { eventId })
      .orderBy('r.version', 'DESC')
      .limit(limit + 1);
    if (beforeVersion !== null) builder.andWhere('r.version < :version', { version: beforeVersion });
    return builder.getMany();
  }

  /** The event's report, with its stored page only when `withBody`. */
  findInEvent(eventId: string, reportId: string, withBody: boolean): Promise<Report | null> {
    return this.db.getRepository(Report).findOne({
      where: { id: reportId, eventId },
      select: withBody ? undefined : ALL_BUT_HTML,
    });
  }

  findState(reportId: string): Promise<Pick<Report, 'id' | 'status' | 'dueAt'> | null> {
    return this.db.getRepository(Report).findOne({ where: { id: reportId }, select: { id: true, status: true, dueAt: true } });
  }

  /** Moves the report from `from` to `status` with `error`, if it is still in `from`. */
  async settle(reportId: string, from: Report['status'], status: Report['status'], error: string): Promise<void> {
    await this.db.getRepository(Report).update({ id: reportId, status: from }, { status, error });
  }

  async eventOf(manager: EntityManager, reportId: string): Promise<string | null> {
    const [row] = (await manager.query(`SELECT event_id FROM reports WHERE id = $1`, [reportId])) as Array<{ event_id: string }>;
    return row?.event_id ?? null;
  }

  /** queued, or compiling (a re-run after a crash) → compiling; null when the report is in neither. */
  async claim(manager: EntityManager, reportId: string): Promise<Report | null> {
    const { rows } = await sql<Report>(
      manager,
      `UPDATE reports SET status = 'compiling', progress = 0, attempts = attempts + 1, started_at = now(), error = NULL
        WHERE id = $1 AND status IN ('queued', 'compiling')
        RETURNING id, event_id AS "eventId", version, trigger, status`,
      [reportId],
    );
    return rows[0] ?? null;
  }

  /** Raises a compiling report's progress, never lowers it. */
  async progress(reportId: string, progress: number): Promise<void> {
    await this.db.query(`UPDATE reports SET progress = $2 WHERE id = $1 AND status = 'compiling' AND progress < $2`, [reportId, progress]);
  }

  /** Stores the compiled data and page; false when the report was no longer compiling. */
  async complete(manager: EntityManager, reportId: string, data: unknown, html: string, durationMs: number): Promise<boolean> {
    const { rows } = await sql(
      manager,
      `UPDATE reports SET status = 'completed', progress = 100, data = $2, html = $3, completed_at = now(), duration_ms = $4, error = NULL
        WHERE id = $1 AND status = 'compiling' RETURNING id`,
      [reportId, JSON.stringify(data), html, durationMs],
    );
    return rows.length > 0;
  }
}
