import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MagicLinkService } from '../auth/magic-link.service';
import { Recipient } from './reminder-audience.service';

/**
 * The link an email carries: attendees open their registration, presenters
 * their portal. Each email mints its own token (design.md "Magic links").
 */
@Injectable()
export class RecipientLinksService {
  constructor(private readonly magicLinks: MagicLinkService) {}

  /** One fresh link per recipient, minted in a single statement. */
  async linksFor(manager: EntityManager, eventId: string, recipients: Recipient[]): Promise<string[]> {
    const tokens = await this.magicLinks.issueMany(
      manager,
      recipients.map((r) =>
        r.registrationId
          ? { type: 'registration' as const, id: r.registrationId, eventId }
          : { type: 'presenter' as const, id: r.personId, eventId },
      ),
    );
    return recipients.map((r, i) => this.magicLinks.link(r.registrationId ? '/my-registration' : '/presenter', tokens[i]));
  }
}
