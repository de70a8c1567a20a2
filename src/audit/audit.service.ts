import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { OrganiserPrincipal } from '../auth/principal';
import { EventsService } from '../events/events.service';
import { Page, decodeCursor, toPage } from '../platform/http/pagination';
import { formatInZone } from '../platform/time/zoned-time';
import type { AuditAction, AuditSubjectType } from './audit-actions';
import { AuditEntryRow, AuditRepository } from './audit.repository';

/** Who did it: an organiser as named at the time, or Plenary itself (`organiserId: null`). */
export interface AuditActor {
  organiserId: string | null;
  label: string;
}

export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };

/**
 * What changed. Field changes go under `changes` as `{field: {from, to}}`;
 * anything else an entry needs to be read later (a bulk action's id, a reason,
 * a format, a count) sits beside it.
 */
export type AuditDetails = { changes?: Record<string, { from: AuditJson; to: AuditJson }> } & { [key: string]: AuditJson | undefined };

export interface AuditRecord {
  eventId: string;
  actor: AuditActor;
  action: AuditAction;
  /** What it acted on; `id` null for a set (an export of the registrations). */
  subject: { type: AuditSubjectType; id: string | null };
  details?: AuditDetails;
}

/**
 * Who asked for a change, handed by a controller to the service that makes it
 * so the entry is written in the change's transaction; `details` adds what the
 * service cannot know (a bulk action's id). No `ActedBy`, no entry: attendees'
 * own changes are not organiser actions.
 */
export interface ActedBy {
  actor: AuditActor;
  details?: AuditDetails;
}

/** The entry of an action that `by` asked for, with what `by` adds to its details (a bulk action's id). */
export function actedEntry(by: ActedBy, entry: Omit<AuditRecord, 'actor'>): AuditRecord {
  return { ...entry, actor: by.actor, details: { ...entry.details, ...by.details } };
}

export const SYSTEM_ACTOR: AuditActor = { organiserId: null, label: 'Plenary' };

/** The organiser behind a request, with the name and address they have now, kept as they are. */
export function organiserActor(principal: Pick<OrganiserPrincipal, 'organiserId' | 'name' | 'email'>): AuditActor {
  return { organiserId: principal.organiserId, label: `${principal.name} <${principal.email}>` };
}

/**
 * The audit log of organiser actions on an event. Pass the transaction's
 * manager when the change it records is being written, so the entry commits
 * (or rolls back) with it.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly events: EventsService,
  ) {}

  async record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    await this.recordMany([entry], manager);
  }

  /** Several entries in one statement (a bulk action: one entry per registration). */
  async recordMany(entries: readonly AuditRecord[], manager?: EntityManager): Promise<void> {
    await this.repository.insert(
      manager,
      entries.map((e) => ({
        eventId: e.eventId,
        actorOrganiserId: e.actor.organiserId,
        actorLabel: e.actor.label,
        action: e.action,
        subjectType: e.subject.type,
        subjectId: e.subject.id,
        details: e.details ?? {},
      })),
    );
  }

  /** Newest first; `action` keeps one kind of entry. */
  async page(eventId: string, query: { limit: number; cursor?: string; action?: AuditAction }): Promise<Page<AuditEntryView>> {
    const cursor = decodeCursor(query.cursor);
    const [event, rows] = await Promise.all([
      this.events.getEntity(eventId),
      this.repository.page(eventId, query.limit, cursor, query.action ? [query.action] : null),
    ]);
    return toPage(
      rows,
      query.limit,
      (row) => auditEntryView(row, event.timezone),
      (row) => ({ after: row.created_at.toISOString(), id: row.id }),
    );
  }
}

export type AuditEntryView = ReturnType<typeof auditEntryView>;

function auditEntryView(row: AuditEntryRow, timezone: string) {
  return {
    id: row.id,
    at: formatInZone(row.created_at, timezone),
    actor: { organiserId: row.actor_organiser_id, label: row.actor_label },
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id },
    details: row.details,
  };
}
