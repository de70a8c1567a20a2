import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MagicLinkService } from '../auth/magic-link.service';
import { Event } from '../events/event.entity';
import { Recipient } from './reminder-audience.service';

/**
 * The link an email carries: attendees open their registration, presenters
 * their portal. Each email mints its own token (design.md "Magic links").
 */
@Injectable()
export class RecipientLinksService {
  constructor(private readonly magicLinks: MagicLinkService) {}

  /** One fresh link per recipient, minted in a single statement. */
  async linksFor(manager: EntityManager, event: Pick<Event, 'id' | 'endsAt'>, recipients: Recipient[]): Promise<string[]> {
    const [eventId, eventEndsAt] = [event.id, event.endsAt];
    const tokens = await this.magicLinks.issueMany(
      manager,
      recipients.map((r) =>
        r.registrationId
          ? { type: 'registration' as const, id: r.registrationId, eventId, eventEndsAt }
          : { type: 'presenter' as const, id: r.personId, eventId, eventEndsAt },
      ),
    );
    return recipients.map((r, i) => this.magicLinks.link(r.registrationId ? '/my-registration' : '/presenter', tokens[i]));
  }
}
