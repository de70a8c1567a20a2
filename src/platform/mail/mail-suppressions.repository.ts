import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../database/sql';
import { MailSuppression } from './mail-suppression.entity';

/** The `mail_suppressions` rows the provider's delivery reports add and an organiser's resend lifts. */
@Injectable()
export class MailSuppressionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Stops mail to the address for the event; a second report for it changes nothing. */
  async suppress(eventId: string, address: string, reason: string): Promise<void> {
    await sql(
      this.db.manager,
      `INSERT INTO mail_suppressions (event_id, address, reason) VALUES ($1, lower($2), $3) ON CONFLICT DO NOTHING`,
      [eventId, address, reason],
    );
  }

  /** Mail to the address for the event may go out again. */
  async lift(manager: EntityManager, eventId: string, address: string): Promise<void> {
    await manager.delete(MailSuppression, { eventId, address });
  }
}
