import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Event } from '../events/event.entity';
import { EventsService } from '../events/events.service';
import { TransactionService } from '../platform/database/transaction.service';
import { Problem } from '../platform/http/problem';
import { formatInZone } from '../platform/time/zoned-time';
import { diffAgenda } from './agenda-diff';
import type { SnapshotSession } from './agenda-snapshot';
import { AgendaVersion } from './agenda-version.entity';
import { PublishVersionInput } from './dto/publish-version.dto';
import { WorkingAgendaService } from './working-agenda.service';
import './agenda-domain-events';

/** Freezes the working agenda as numbered versions; attendees follow the latest. */
@Injectable()
export class AgendaVersionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transactions: TransactionService,
    private readonly events: EventsService,
    private readonly working: WorkingAgendaService,
  ) {}

  async publish(eventId: string, input: PublishVersionInput, organiserId: string) {
    const { version, event } = await this.transactions.run(async (tx) => {
      // The event row's lock numbers versions one after the other.
      const event = await tx.manager.findOneOrFail(Event, { where: { id: eventId }, lock: { mode: 'for_no_key_update' } });
      if (event.status === 'cancelled') throw Problem.conflict(`Event ${eventId} is cancelled; its agenda can no longer change`);
      const previous = await this.latestIn(tx.manager, eventId);
      const working = await this.working.load(tx.manager, eventId);
      const { changes, snapshot } = diffAgenda(previous?.snapshot ?? null, working, event.timezone);
      const version = await tx.manager.save(
        tx.manager.create(AgendaVersion, {
          eventId,
          number: (previous?.number ?? 0) + 1,
          note: input.note,
          snapshot,
          changes,
          conflicts: this.working.conflicts(working, event.timezone),
          publishedBy: organiserId,
        }),
      );
      tx.publish('agenda.published', { eventId, versionId: version.id, number: version.number, changes });
      return { version, event };
    });
    return versionView(version, event);
  }

  async list(eventId: string) {
    const event = await this.events.getEntity(eventId);
    const versions = await this.db.getRepository(AgendaVersion).find({
      where: { eventId },
      order: { number: 'DESC' },
      select: { id: true, eventId: true, number: true, note: true, changes: true, conflicts: true, publishedAt: true, publishedBy: true },
    });
    return { items: versions.map((v) => versionView(v, event)), nextCursor: null };
  }

  async get(eventId: string, number: number) {
    const event = await this.events.getEntity(eventId);
    const version = await this.db.getRepository(AgendaVersion).findOne({ where: { eventId, number } });
    if (!version) throw Problem.notFound(`No agenda version ${number} in this event`);
    return versionView(version, event);
  }

  /** The version the public and every attendee email follow, or null before the first. */
  latest(eventId: string, manager: EntityManager = this.db.manager): Promise<AgendaVersion | null> {
    return this.latestIn(manager, eventId);
  }

  /** A session as the latest published version has it (cancelled ones too), or null when it has none. */
  async publishedSession(eventId: string, sessionId: string): Promise<SnapshotSession | null> {
    return (await this.latestIn(this.db.manager, eventId))?.snapshot.sessions.find((s) => s.id === sessionId) ?? null;
  }

  private latestIn(manager: EntityManager, eventId: string): Promise<AgendaVersion | null> {
    return manager.findOne(AgendaVersion, { where: { eventId }, order: { number: 'DESC' } });
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
