import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** An email sent to an attendee, as their data export lists it. */
export interface SentEmailRow {
  kind: string;
  subject: string;
  status: string;
  created_at: Date;
  sent_at: Date | null;
}

/** What the attendee's data export reads beyond their registration: only RegistrationDataService uses this. */
@Injectable()
export class RegistrationDataRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  /** The event's emails to this address (lower-cased), oldest first. */
  emailsTo(eventId: string, emailKey: string | null): Promise<SentEmailRow[]> {
    return this.db.query(
      `SELECT kind, subject, status, created_at, sent_at FROM emails WHERE event_id = $1 AND lower(to_address) = $2 ORDER BY created_at`,
      [eventId, emailKey],
    );
  }
}
