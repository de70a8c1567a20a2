import { Injectable } from '@nestjs/common';
import { PresentationsService } from '../agenda/presentations.service';
import { MagicLinkService } from '../auth/magic-link.service';
import { PresenterInvitationsRepository } from './presenter-invitations.repository';

/**
 * A presenter's link opens all their presentations in the event (subject
 * `presenter`, id = person), so it is revoked only once they present none of
 * them: a presenter of another presentation keeps access.
 */
@Injectable()
export class FormerPresenterLinksService {
  constructor(
    private readonly invitations: PresenterInvitationsRepository,
    private readonly links: MagicLinkService,
    private readonly presentations: PresentationsService,
  ) {}

  /** Revokes the links of people in the event who present nothing there any more; returns them. */
  async revokeInEvent(eventId: string): Promise<string[]> {
    const presentersReadAt = new Date();
    const presenting = await this.presentations.presenterIds(eventId);
    const revoked = await this.links.revokeAllExcept('presenter', eventId, presenting, presentersReadAt);
    if (revoked.length > 0) {
      // Invitations they keep (on presentations they were taken off) show that a new link is needed.
      await this.invitations.markLinksRevokedOf(eventId, revoked);
    }
    return revoked;
  }

  /** Every event where presenters hold live links: heals a removal whose event was missed. */
  async sweep(): Promise<{ revokedPresenters: number }> {
    let revokedPresenters = 0;
    for (const eventId of await this.links.eventsWithLiveTokens('presenter')) {
      revokedPresenters += (await this.revokeInEvent(eventId)).length;
    }
    return { revokedPresenters };
  }
}
