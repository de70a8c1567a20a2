import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActedBy, AuditService, actedEntry } from '../audit/audit.service';
import { Event } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { TransactionService } from '../platform/database/transaction.service';
import { Problem } from '../platform/http/problem';
import { formatInZone } from '../platform/time/zoned-time';
import { diffAgenda } from './agenda-diff';
import type { SnapshotSession } from './agenda-snapshot';
import { AgendaVersion } from './agenda-version.entity';
import { AgendaVersionsRepository } from './agenda-versions.repository';
import { PublishVersionInput } from './dto/publish-version.dto';
import { WorkingAgendaService } from './working-agenda.service';
import './agenda-domain-events';

/** Freezes the working agenda as numbered versions; attendees follow the latest. */
@Injectable()
export class AgendaVersionsService {
  constructor(
    private readonly repository: AgendaVersionsRepository,
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly working: WorkingAgendaService,
    private readonly audit: AuditService,
  ) {}

  async publish(eventId: string, input: PublishVersionInput, by: ActedBy) {
    const { version, event } = await this.transactions.run(async (tx) => {
      // The event row's lock numbers versions one after the other.
      const event = await this.events.lock(tx.manager, eventId);
      if (event.status === 'cancelled') throw Problem.conflict(`Event ${eventId} is cancelled; its agenda can no longer change`);
      const previous = await this.repository.latest(tx.manager, eventId);
      const working = await this.working.load(tx.manager, eventId);
      const { changes, snapshot } = diffAgenda(previous?.snapshot ?? null, working, event.timezone);
      const version = await this.repository.insert(tx.manager, {
        eventId,
        number: (previous?.number ?? 0) + 1,
        note: input.note,
        snapshot,
        changes,
        conflicts: this.working.conflicts(working, event.timezone),
        publishedBy: by.actor.organiserId,
      });
      await this.audit.record(
        actedEntry(by, {
          eventId,
          action: 'agenda.published',
          subject: { type: 'agenda-version', id: version.id },
          details: {
            version: version.number,
            note: version.note,
            added: changes.added.length,
            moved: changes.moved.length,
            cancelled: changes.cancelled.length,
            changed: changes.changed.length,
          },
        }),
        tx.manager,
      );
      tx.publish('agenda.published', { eventId, versionId: version.id, number: version.number, changes });
      return { version, event };
    });
    return versionView(version, event);
  }

  async list(eventId: string) {
    const event = await this.events.getEntity(eventId);
    const versions = await this.repository.summaries(eventId);
    return { items: versions.map((v) => versionView(v, event)), nextCursor: null };
  }

  async get(eventId: string, number: number) {
    const event = await this.events.getEntity(eventId);
    const version = await this.repository.findByNumber(eventId, number);
    if (!version) throw Problem.notFound(`No agenda version ${number} in this event`);
    return versionView(version, event);
  }

  /** People chairing or presenting in overlapping sessions of the working agenda, in the event's time zone. */
  async workingConflicts(eventId: string) {
    const event = await this.events.getEntity(eventId);
    const agenda = await this.working.current(eventId);
    return this.working.conflicts(agenda, event.timezone);
  }

  /** The version the public and every attendee email follow, or null before the first. */
  /** The sessions a published version moved and cancelled, for those who tell attendees. */
  async changesOf(versionId: string): Promise<AgendaVersion['changes']> {
    return (await this.repository.findById(versionId)).changes;
  }

  latest(eventId: string, manager: EntityManager = this.repository.manager): Promise<AgendaVersion | null> {
    return this.repository.latest(manager, eventId);
  }

  /** A session as the latest published version has it (cancelled ones too), or null when it has none. */
  async publishedSession(eventId: string, sessionId: string): Promise<SnapshotSession | null> {
    return (await this.repository.latest(this.repository.manager, eventId))?.snapshot.sessions.find((s) => s.id === sessionId) ?? null;
  }
}

function versionView(version: AgendaVersion, event: Event) {
  return {
    id: version.id,
    number: version.number,
    note: version.note,
    publishedAt: formatInZone(version.publishedAt, event.timezone),
    publishedBy: version.publishedBy,
    changes: version.changes,
    conflicts: version.conflicts,
  };
}
