import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { AgendaVersion } from './agenda-version.entity';

/** The `agenda_versions` table's SQL: only the agenda's services use this. */
@Injectable()
export class AgendaVersionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** For reads outside a transaction. */
  get manager(): EntityManager {
    return this.db.manager;
  }

  insert(manager: EntityManager, fields: Partial<AgendaVersion>): Promise<AgendaVersion> {
    return manager.save(manager.create(AgendaVersion, fields));
  }

  latest(manager: EntityManager, eventId: string): Promise<AgendaVersion | null> {
    return manager.findOne(AgendaVersion, { where: { eventId }, order: { number: 'DESC' } });
  }

  /** The event's versions, newest first, without their snapshots. */
  summaries(eventId: string): Promise<AgendaVersion[]> {
    return this.db.getRepository(AgendaVersion).find({
      where: { eventId },
      order: { number: 'DESC' },
      select: { id: true, eventId: true, number: true, note: true, changes: true, conflicts: true, publishedAt: true, publishedBy: true },
    });
  }

  findByNumber(eventId: string, number: number): Promise<AgendaVersion | null> {
    return this.db.getRepository(AgendaVersion).findOne({ where: { eventId, number } });
  }

  findById(versionId: string): Promise<AgendaVersion> {
    return this.db.getRepository(AgendaVersion).findOneOrFail({ where: { id: versionId } });
  }

  /** Whether some published version of the event shows the session. */
  async everPublished(manager: EntityManager, eventId: string, sessionId: string): Promise<boolean> {
    const { rows } = await sql(
      manager,
      `SELECT 1 FROM agenda_versions
        WHERE event_id = $1 AND snapshot -> 'sessions' @> jsonb_build_array(jsonb_build_object('id', $2::text))
        LIMIT 1`,
      [eventId, sessionId],
    );
    return rows.length > 0;
  }

  /**
   * The latest version's id and the last change of any biography in the event,
   * in one index probe: the public exports' cache key, read on every request.
   * The people table is read here, not through PeopleService, to keep that one query.
   */
  async latestExportKey(eventId: string): Promise<{ id: string; biographiesAt: Date | null } | null> {
    const { rows } = await sql<{ id: string; biographies_at: Date | null }>(
      this.db.manager,
      `SELECT v.id,
              (SELECT max(p.biography_updated_at) FROM people p
                WHERE p.event_id = $1 AND p.biography_updated_at IS NOT NULL) AS biographies_at
         FROM agenda_versions v WHERE v.event_id = $1 ORDER BY v.number DESC LIMIT 1`,
      [eventId],
    );
    const row = rows[0];
    return row ? { id: row.id, biographiesAt: row.biographies_at } : null;
  }
}
