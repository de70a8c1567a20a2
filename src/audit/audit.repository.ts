import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import type { AuditAction, AuditSubjectType } from './audit-actions';

export interface AuditEntryRow {
  id: string;
  actor_organiser_id: string | null;
  actor_label: string;
  action: AuditAction;
  subject_type: AuditSubjectType;
  subject_id: string | null;
  details: Record<string, unknown>;
  created_at: Date;
}

export interface NewAuditEntry {
  eventId: string;
  actorOrganiserId: string | null;
  actorLabel: string;
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string | null;
  details: Record<string, unknown>;
}

/** The `audit_entries` table's SQL. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One statement for any number of entries, so a bulk action of 500 registrations is one round trip. */
  async insert(manager: EntityManager | undefined, entries: NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await sql(
      manager ?? this.db.manager,
      `INSERT INTO audit_entries (event_id, actor_organiser_id, actor_label, action, subject_type, subject_id, details)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[])`,
      [
        entries.map((e) => e.eventId),
        entries.map((e) => e.actorOrganiserId),
        entries.map((e) => e.actorLabel),
        entries.map((e) => e.action),
        entries.map((e) => e.subjectType),
        entries.map((e) => e.subjectId),
        entries.map((e) => JSON.stringify(e.details)),
      ],
    );
  }

  /** Newest first, before `cursor`, one more than `limit`. */
  async page(
    eventId: string,
    limit: number,
    cursor: { after: string; id: string } | null,
    actions: readonly AuditAction[] | null,
  ): Promise<AuditEntryRow[]> {
    const { rows } = await sql<AuditEntryRow>(
      this.db.manager,
      `SELECT id, actor_organiser_id, actor_label, action, subject_type, subject_id, details, created_at
         FROM audit_entries
        WHERE event_id = $1
          AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
          AND ($4::text[] IS NULL OR action = ANY($4::text[]))
        ORDER BY created_at DESC, id DESC
        LIMIT $5`,
      [eventId, cursor?.after ?? null, cursor?.id ?? null, actions, limit + 1],
    );
    return rows;
  }
}
