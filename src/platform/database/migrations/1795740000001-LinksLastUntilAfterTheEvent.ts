import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Links of attendees and presenters were minted to expire 30 days after they
 * were sent, so one sent early ran out before its event. New links last until
 * PLENARY_LINK_DAYS_AFTER_EVENT days after the event ends; this gives the live
 * ones already sent the same, with that setting's default of 30 days. Expired
 * or revoked links stay as they are. Nothing to undo: a longer life is kept.
 */
export class LinksLastUntilAfterTheEvent1795740000001 implements MigrationInterface {
  name = 'LinksLastUntilAfterTheEvent1795740000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE magic_link_tokens t SET expires_at = e.ends_at + interval '30 days'
         FROM events e
        WHERE e.id = t.event_id AND t.subject_type IN ('registration', 'presenter', 'opt-out')
          AND t.revoked_at IS NULL AND t.expires_at > now() AND t.expires_at < e.ends_at + interval '30 days'`,
    );
  }

  async down(): Promise<void> {}
}
