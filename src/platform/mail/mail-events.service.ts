import { Injectable } from '@nestjs/common';
import { MailEventInput } from './dto/mail-event.dto';
import { EmailsRepository } from './emails.repository';
import { MailSuppressionsRepository } from './mail-suppressions.repository';

/**
 * What the mail provider tells us after delivery: bounces and complaints.
 * A hard bounce or a complaint stops further mail to the address for that
 * event (mail_suppressions) until an organiser resends.
 */
@Injectable()
export class MailEventsService {
  constructor(
    private readonly emails: EmailsRepository,
    private readonly suppressions: MailSuppressionsRepository,
  ) {}

  async record(events: MailEventInput[]): Promise<{ matched: number; unknown: string[] }> {
    const unknown: string[] = [];
    let matched = 0;
    for (const event of events) {
      const reason = event.type === 'complaint' ? 'complained about our mail' : `bounced${event.reason ? `: ${event.reason}` : ''}`;
      const email = await this.emails.markBounced(normaliseMessageId(event.messageId), reason);
      if (!email) {
        unknown.push(event.messageId);
        continue;
      }
      matched += 1;
      const stop = event.type === 'complaint' || event.permanent !== false;
      if (stop && email.eventId) await this.suppressions.suppress(email.eventId, email.toAddress, reason);
    }
    return { matched, unknown };
  }
}

/** Providers write the Message-ID with or without its angle brackets. */
function normaliseMessageId(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '');
  return `<${bare}>`;
}
