import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sql } from '../database/sql';

/** The `mail_suppressions` rows the provider's delivery reports add. */
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
}
