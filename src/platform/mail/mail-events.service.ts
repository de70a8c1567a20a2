import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sql } from '../database/sql';
import { MailEventInput } from './dto/mail-event.dto';

/**
 * What the mail provider tells us after delivery: bounces and complaints.
 * A hard bounce or a complaint stops further mail to the address for that
 * event (mail_suppressions) until an organiser resends.
 */
@Injectable()
export class MailEventsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(events: MailEventInput[]): Promise<{ matched: number; unknown: string[] }> {
    const unknown: string[] = [];
    let matched = 0;
    for (const event of events) {
      const reason = event.type === 'complaint' ? 'complained about our mail' : `bounced${event.reason ? `: ${event.reason}` : ''}`;
      const { rows } = await sql<{ event_id: string | null; to_address: string }>(
        this.db.manager,
        `UPDATE emails SET status = 'bounced', bounced_at = now(), last_error = $2
          WHERE message_id = $1 RETURNING event_id, to_address`,
        [normaliseMessageId(event.messageId), reason],
      );
      if (rows.length === 0) {
        unknown.push(event.messageId);
        continue;
      }
      matched += 1;
      const stop = event.type === 'complaint' || event.permanent !== false;
      if (stop && rows[0].event_id) {
        await sql(
          this.db.manager,
          `INSERT INTO mail_suppressions (event_id, address, reason) VALUES ($1, lower($2), $3) ON CONFLICT DO NOTHING`,
          [rows[0].event_id, rows[0].to_address, reason],
        );
      }
    }
    return { matched, unknown };
  }
}

/** Providers write the Message-ID with or without its angle brackets. */
function normaliseMessageId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '');
  return `<${bare}>`;
}
