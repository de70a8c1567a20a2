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

  async linkFor(manager: EntityManager, eventId: string, recipient: Recipient): Promise<string> {
    if (recipient.registrationId) {
      const { token } = await this.magicLinks.issue(manager, { type: 'registration', id: recipient.registrationId, eventId });
      return this.magicLinks.link('/my-registration', token);
    }
    const { token } = await this.magicLinks.issue(manager, { type: 'presenter', id: recipient.personId, eventId });
    return this.magicLinks.link('/presenter', token);
  }
}
