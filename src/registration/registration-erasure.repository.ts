import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { Registration } from './registration.entity';

/** The statements of erasure: what it locks, what it blanks, and whose turn it is. */
@Injectable()
export class RegistrationErasureRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  lock(manager: EntityManager, eventId: string, registrationId: string): Promise<Registration | null> {
    return manager.findOne(Registration, { where: { eventId, id: registrationId }, lock: { mode: 'pessimistic_write' } });
  }

  async clearAnswers(manager: EntityManager, registrationId: string): Promise<void> {
    await manager.update(Registration, { id: registrationId }, { answers: {}, consents: {} });
  }

  /**
   * Up to 1,000 registrations of events that ended before `cutoff` whose
   * person is not erased yet and neither chairs nor presents: the agenda
   * keeps its people's names.
   */
  async dueForErasure(cutoff: Date): Promise<Array<{ event_id: string; id: string }>> {
    const { rows } = await sql<{ event_id: string; id: string }>(
      this.db.manager,
      `SELECT r.event_id, r.id FROM registrations r
         JOIN events e ON e.id = r.event_id JOIN people p ON p.id = r.person_id
        WHERE e.ends_at < $1 AND p.erased_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM session_chairs c WHERE c.person_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM presentation_presenters pp WHERE pp.person_id = p.id)
        LIMIT 1000`,
      [cutoff],
    );
    return rows;
  }
}
