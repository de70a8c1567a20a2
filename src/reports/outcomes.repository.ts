import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventHighlight } from './event-highlight.entity';
import { EventOutcome } from './event-outcome.entity';

export type OutcomeKind = typeof EventOutcome | typeof EventHighlight;
type Recorded<K extends OutcomeKind> = InstanceType<K>;

/** The `event_outcomes` and `event_highlights` tables' SQL: only OutcomesService uses this. */
@Injectable()
export class OutcomesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The event's outcomes or highlights in their order. */
  list<K extends OutcomeKind>(kind: K, eventId: string): Promise<Array<Recorded<K>>> {
    return this.db
      .getRepository<Recorded<K>>(kind)
      .find({ where: { eventId } as never, order: { position: 'ASC', createdAt: 'ASC', id: 'ASC' } as never });
  }

  find<K extends OutcomeKind>(kind: K, eventId: string, id: string): Promise<Recorded<K> | null> {
    return this.db.getRepository<Recorded<K>>(kind).findOne({ where: { id, eventId } as never });
  }

  save<K extends OutcomeKind>(kind: K, row: Partial<Recorded<K>>): Promise<Recorded<K>> {
    return this.db.getRepository<Recorded<K>>(kind).save(row as Recorded<K>);
  }

  async remove(kind: OutcomeKind, eventId: string, id: string): Promise<void> {
    await this.db.getRepository(kind).delete({ id, eventId });
  }

  /** The position after the event's last outcome or highlight. */
  async nextPosition(kind: OutcomeKind, eventId: string): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT coalesce(max(position), 0) + 1 AS next FROM ${kind === EventOutcome ? 'event_outcomes' : 'event_highlights'} WHERE event_id = $1`,
      [eventId],
    )) as Array<{ next: string | number }>;
    return Number(row.next);
  }
}
