import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { sql } from '../platform/database/sql';
import { PresenterInvitation } from './presenter-invitation.entity';

/** The `presenter_invitations` table's SQL: only this module's services use it. */
@Injectable()
export class PresenterInvitationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records one more invitation sent, and that the presenter's links are live again; answers how many were sent so far. */
  async recordInvited(manager: EntityManager, eventId: string, presentationId: string, personId: string): Promise<number> {
    const { rows } = await sql<{ sent: number }>(
      manager,
      `INSERT INTO presenter_invitations (presentation_id, person_id, event_id, status, first_invited_at, last_invited_at, invitations_sent)
       VALUES ($1, $2, $3, 'invited', now(), now(), 1)
       ON CONFLICT (presentation_id, person_id) DO UPDATE
         SET first_invited_at = coalesce(presenter_invitations.first_invited_at, now()),
             last_invited_at = now(),
             invitations_sent = presenter_invitations.invitations_sent + 1,
             links_revoked_at = NULL
       RETURNING invitations_sent AS sent`,
      [presentationId, personId, eventId],
    );
    return rows[0].sent;
  }

  /** Marks every invitation of the presenter in the event as needing a new link. */
  async markLinksRevoked(manager: EntityManager, eventId: string, personId: string): Promise<void> {
    await sql(manager, `UPDATE presenter_invitations SET links_revoked_at = now() WHERE event_id = $1 AND person_id = $2`, [
      eventId,
      personId,
    ]);
  }

  /** As `markLinksRevoked` for several presenters, keeping the time of those already marked. */
  async markLinksRevokedOf(eventId: string, personIds: string[]): Promise<void> {
    await sql(
      this.db.manager,
      `UPDATE presenter_invitations SET links_revoked_at = now()
        WHERE event_id = $1 AND person_id = ANY($2::uuid[]) AND links_revoked_at IS NULL`,
      [eventId, personIds],
    );
  }

  /** The presenter's answer for one presentation, replacing an earlier one. */
  async recordAnswer(
    eventId: string,
    presentationId: string,
    personId: string,
    status: 'confirmed' | 'declined',
    reason: string | null,
  ): Promise<void> {
    await sql(
      this.db.manager,
      `INSERT INTO presenter_invitations (presentation_id, person_id, event_id, status, responded_at, decline_reason)
       VALUES ($1, $2, $3, $4, now(), $5)
       ON CONFLICT (presentation_id, person_id) DO UPDATE
         SET status = excluded.status, responded_at = excluded.responded_at, decline_reason = excluded.decline_reason`,
      [presentationId, personId, eventId, status, reason],
    );
  }

  forPresentations(eventId: string, presentationIds: string[]): Promise<PresenterInvitation[]> {
    return this.db.getRepository(PresenterInvitation).find({ where: { eventId, presentationId: In(presentationIds) } });
  }

  /**
   * The people with this address, in any event, who were invited to a
   * presentation they still present and whose links were not revoked. The
   * join on the agenda's and people's tables stays one statement so a
   * presenter's request for a link costs one read.
   */
  async presentersInvitedAs(email: string): Promise<Array<{ personId: string; eventId: string }>> {
    const { rows } = await sql<{ personId: string; eventId: string }>(
      this.db.manager,
      `SELECT p.id AS "personId", p.event_id AS "eventId" FROM people p
        WHERE p.email_key = lower($1)
          AND EXISTS (SELECT 1 FROM presenter_invitations i JOIN presentation_presenters pp
                              ON pp.presentation_id = i.presentation_id AND pp.person_id = i.person_id
                       WHERE i.person_id = p.id AND i.first_invited_at IS NOT NULL AND i.links_revoked_at IS NULL)`,
      [email],
    );
    return rows;
  }

  /**
   * The event of a presentation, for routes that name only the presentation.
   * PresentationsService finds a presentation only within a known event; this
   * one read of the agenda's table is what the presentation-first path needs.
   */
  async eventOfPresentation(presentationId: string): Promise<string | null> {
    const { rows } = await sql<{ event_id: string }>(this.db.manager, `SELECT event_id FROM presentations WHERE id = $1`, [presentationId]);
    return rows[0]?.event_id ?? null;
  }
}
