import { Injectable } from '@nestjs/common';
import { PresentationsService } from '../agenda/presentations.service';
import type { ActedBy } from '../audit/audit.service';
import { PresenterInvitationsService, stateKey } from './presenter-invitations.service';

export interface PendingInvitations {
  /** Presenters never invited who have an address: the ones an invitation will reach. */
  reachable: number;
  /** Presenters never invited who have no address: they are skipped, and named on the page. */
  withoutEmail: Array<{ name: string; presentationTitle: string }>;
  byPresentation: Array<{ presentationId: string; personIds: string[] }>;
}

/**
 * Invites, across the event, every presenter not invited yet: the same
 * invitation (`PresenterInvitationsService.invite`) one presentation's button
 * sends, for each presentation with someone pending. Withdrawn presentations
 * are left alone. The mails are outbox rows the worker sends after commit.
 */
@Injectable()
export class BulkInvitationsService {
  constructor(
    private readonly presentations: PresentationsService,
    private readonly invitations: PresenterInvitationsService,
  ) {}

  async pending(eventId: string): Promise<PendingInvitations> {
    const { items } = await this.presentations.list(eventId);
    const open = items.filter((p) => p.status !== 'withdrawn');
    const states = await this.invitations.states(
      eventId,
      open.map((p) => p.id),
    );
    const result: PendingInvitations = { reachable: 0, withoutEmail: [], byPresentation: [] };
    for (const presentation of open) {
      const never = presentation.presenters.filter((p) => !states.has(stateKey(presentation.id, p.personId)));
      const reachable = never.filter((p) => p.email);
      for (const p of never.filter((x) => !x.email)) result.withoutEmail.push({ name: p.name, presentationTitle: presentation.title });
      if (reachable.length === 0) continue;
      result.reachable += reachable.length;
      result.byPresentation.push({ presentationId: presentation.id, personIds: reachable.map((p) => p.personId) });
    }
    return result;
  }

  /** Invites them; answers how many were emailed and how many skipped (emailed within the last minute for another presentation). */
  async inviteAll(eventId: string, by: ActedBy): Promise<{ emailed: number; skipped: number }> {
    const pending = await this.pending(eventId);
    let emailed = 0;
    let skipped = 0;
    for (const { presentationId, personIds } of pending.byPresentation) {
      const result = await this.invitations.invite(eventId, presentationId, { personIds }, by);
      emailed += result.emailed.length;
      skipped += result.skipped.length;
    }
    return { emailed, skipped };
  }
}
