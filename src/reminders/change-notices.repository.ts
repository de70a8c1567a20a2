import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A change that calls for notices, as the maintenance sweep re-derives it. */
export interface PendingChange {
  change: 'agenda' | 'cancelled' | 'rescheduled';
  eventId: string;
  versionId: string | null;
  startsAt: Date;
}

/**
 * The `notified_changes` table's SQL, and the reads of changes the notices
 * follow: they run over the events and agenda versions directly so the sweep
 * finds every change in one statement.
 */
@Injectable()
export class ChangeNoticesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records the change as notified; a second record of it adds nothing. */
  async recordNotified(changeKey: string, eventId: string, recipients: number): Promise<void> {
    await this.db.query(
      `INSERT INTO notified_changes (change_key, event_id, recipients) VALUES ($1, $2, $3) ON CONFLICT (change_key) DO NOTHING`,
      [changeKey, eventId, recipients],
    );
  }

  /** Which of these change keys are recorded as notified. */
  async notified(changeKeys: string[]): Promise<Set<string>> {
    const rows = (await this.db.query(`SELECT change_key FROM notified_changes WHERE change_key = ANY($1::text[])`, [
      changeKeys,
    ])) as Array<{
      change_key: string;
    }>;
    return new Set(rows.map((n) => n.change_key));
  }

  /**
   * For events not over yet: published versions that moved or cancelled
   * sessions, cancellations and postponements.
   */
  pendingChanges(): Promise<PendingChange[]> {
    return this.db.query(
      `SELECT 'agenda' AS change, e.id AS "eventId", v.id AS "versionId", e.starts_at AS "startsAt"
         FROM agenda_versions v JOIN events e ON e.id = v.event_id
        WHERE e.status <> 'cancelled' AND e.ends_at > now()
          AND jsonb_array_length(v.changes -> 'moved') + jsonb_array_length(v.changes -> 'cancelled') > 0
       UNION ALL
       SELECT 'cancelled', e.id, NULL, e.starts_at FROM events e WHERE e.status = 'cancelled' AND e.ends_at > now()
       UNION ALL
       SELECT 'rescheduled', e.id, NULL, e.starts_at FROM events e
        WHERE e.postponed_at IS NOT NULL AND e.status <> 'cancelled' AND e.ends_at > now()`,
    ) as Promise<PendingChange[]>;
  }
}
