import { Injectable } from '@nestjs/common';
import { MagicLinkService } from '../auth/magic-link.service';
import { EventsService } from '../events/events.service';
import { PeopleService } from '../people/people.service';
import { TransactionService } from '../platform/database/transaction.service';
import { mailLanguage, mailLocale } from '../platform/mail/mail-language';
import { OutboxService } from '../platform/mail/outbox.service';
import { describeInstant } from '../platform/time/zoned-time';
import { presenterLinkTemplate } from './mail/presenter-link.template';
import { PresenterInvitationsRepository } from './presenter-invitations.repository';

/** Where a presenter's emailed link leads (design.md "Magic links"). */
export const PRESENTER_LINK_PATH = '/presenter';

/** A presenter's fresh link, asked for by address as an attendee asks for theirs. */
@Injectable()
export class PresenterLinksService {
  constructor(
    private readonly invitations: PresenterInvitationsRepository,
    private readonly transactions: TransactionService,
    private readonly links: MagicLinkService,
    private readonly outbox: OutboxService,
    private readonly events: EventsService,
    private readonly people: PeopleService,
  ) {}

  /**
   * Emails a new link for each event in which the address was invited to
   * present and still presents (not where the organisers revoked its links),
   * each at most once a minute. Says nothing either way: presenters are
   * invited before an event has a public page, so they name only their address.
   */
  async resendLinks(email: string): Promise<void> {
    for (const presenter of await this.invitations.presentersInvitedAs(email)) await this.resendLink(presenter.eventId, presenter.personId);
  }

  private async resendLink(eventId: string, personId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      if (!(await this.links.claimResend({ type: 'presenter', id: personId }, tx.manager))) return;
      const event = await this.events.getEntity(eventId, tx.manager);
      const presenter = await this.people.getEntity(tx.manager, personId);
      if (!presenter.email) return;
      const link = await this.links.issue(tx.manager, { type: 'presenter', id: personId, eventId, eventEndsAt: event.endsAt });
      const language = mailLanguage(presenter.language);
      await this.outbox.enqueue(tx, {
        eventId,
        dedupeKey: `presenter-link:${link.tokenId}`,
        to: { address: presenter.email, name: presenter.name },
        template: presenterLinkTemplate,
        params: {
          language,
          presenterName: presenter.name,
          eventTitle: event.title,
          link: this.links.link(PRESENTER_LINK_PATH, link.token),
          expiresOn: `${describeInstant(link.expiresAt, event.timezone, mailLocale(language))} (${event.timezone})`,
        },
      });
    });
  }
}
