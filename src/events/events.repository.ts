import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, DeepPartial, EntityManager } from 'typeorm';
import { Event } from './event.entity';
import { EventMember, EventRole } from './event-member.entity';

/** The `events` table's SQL: only this module's services use this; other modules go through EventsService. */
@Injectable()
export class EventsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  insert(manager: EntityManager, values: DeepPartial<Event>): Promise<Event> {
    return manager.save(manager.create(Event, values));
  }

  save(manager: EntityManager, event: Event): Promise<Event> {
    return manager.save(event);
  }

  /** The event, locked against other changes until the transaction ends when `lock`. */
  find(manager: EntityManager, eventId: string, lock = false): Promise<Event | null> {
    return manager.findOne(Event, {
      where: { id: eventId },
      ...(lock ? { lock: { mode: 'for_no_key_update' as const } } : {}),
    });
  }

  getOrFail(manager: EntityManager, eventId: string): Promise<Event> {
    return manager.findOneOrFail(Event, { where: { id: eventId } });
  }

  findBySlug(slug: string): Promise<Event | null> {
    return this.db.manager.findOne(Event, { where: { slug } });
  }

  async slugTaken(manager: EntityManager, slug: string): Promise<boolean> {
    return (await manager.count(Event, { where: { slug } })) > 0;
  }

  /**
   * A page of the organiser's events, newest first, after `cursor`, one more
   * than `limit` to tell whether more follow; each with the organiser's role.
   */
  async pageFor(
    organiserId: string,
    limit: number,
    cursor: { after: string; id: string } | null,
  ): Promise<Array<{ event: Event; role: EventRole }>> {
    const query = this.db
      .getRepository(Event)
      .createQueryBuilder('e')
      .innerJoin(EventMember, 'm', 'm.event_id = e.id AND m.organiser_id = :organiserId', { organiserId })
      .addSelect('m.role', 'member_role')
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit + 1);
    if (cursor) query.where('(e.created_at, e.id) < (:after::timestamptz, :id::uuid)', { after: cursor.after, id: cursor.id });
    const { entities, raw } = await query.getRawAndEntities<{ member_role: EventRole }>();
    return entities.map((event, i) => ({ event, role: raw[i].member_role }));
  }
}
