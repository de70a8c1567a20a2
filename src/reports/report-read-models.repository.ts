import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EVENT_QUERY, MEMBERS_QUERY, ReportEventRow, ReportQuery } from './report-queries';

export interface ReportMember {
  id: string;
  email: string;
  name: string;
}

/**
 * Runs the report's statements over the reporting views other modules
 * declare (report-queries.ts): the one place the report's reads reach
 * Postgres.
 */
@Injectable()
export class ReportReadModelsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async event(eventId: string): Promise<ReportEventRow | null> {
    const [event] = (await this.db.query(EVENT_QUERY, [eventId])) as ReportEventRow[];
    return event ?? null;
  }

  /** One statement on its own, outside any transaction. */
  async rows<T>(query: ReportQuery): Promise<T[]> {
    return (await this.db.query(query.text, query.params)) as T[];
  }

  /** Who gets the "report ready" email, in the caller's transaction. */
  async members(manager: EntityManager, eventId: string): Promise<ReportMember[]> {
    return (await manager.query(MEMBERS_QUERY, [eventId])) as ReportMember[];
  }
}
