import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolQuery, sql } from '../database/sql';
import { Email, EmailStatus } from './email.entity';

/** What a send needs of its row, returned by the claim. */
export type ClaimedEmail = Pick<Email, 'id' | 'toAddress' | 'toName' | 'subject' | 'html' | 'text' | 'headers' | 'attachments'>;

/** One send attempt asking for its row: the job it runs for and the token that will fence its outcome. */
export interface EmailClaim {
  emailId: string;
  jobId: string;
  token: string;
}

/** A message the server took, to be recorded against the attempt that sent it. */
export interface SentEmail {
  id: string;
  messageId: string;
  token: string;
}

/**
 * The `emails` table's statements of a send and of the provider's delivery
 * reports. The claim and the "sent" mark run straight on the pool: each is a
 * whole transaction in one statement, on the send path of every message.
 */
@Injectable()
export class EmailsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Moves each row claimable by its attempt (queued, or sending for the same
   * job) to `sending` under the attempt's token. Rows are locked in id order,
   * so two processes claiming overlapping batches (a duplicate job) wait for
   * each other instead of deadlocking.
   */
  claim(claims: EmailClaim[]): Promise<Array<ClaimedEmail & { token: string }>> {
    return poolQuery<ClaimedEmail & { token: string }>(
      this.db,
      `UPDATE emails
          SET status = 'sending', claimed_at = now(), attempts = attempts + 1, claim_token = t.token
         FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(id, job_id, token)
        WHERE emails.id IN (SELECT id FROM emails WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE)
          AND emails.id = t.id
          AND (emails.status = 'queued' OR (emails.status = 'sending' AND emails.job_id = t.job_id))
        RETURNING emails.id, emails.claim_token AS token, to_address AS "toAddress", to_name AS "toName", subject, html, text, headers, attachments`,
      [claims.map((c) => c.emailId), claims.map((c) => c.jobId), claims.map((c) => c.token)],
    );
  }

  /** The ids of the rows that still carried their attempt's claim and are now `sent`. */
  async markSent(sent: SentEmail[]): Promise<Set<string>> {
    const marked = await poolQuery<{ id: string }>(
      this.db,
      `UPDATE emails
          SET status = 'sent', message_id = t.message_id, sent_at = now(), last_error = NULL
         FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS t(id, message_id, token)
        WHERE emails.id = t.id AND emails.status = 'sending' AND emails.claim_token = t.token
        RETURNING emails.id`,
      [sent.map((s) => s.id), sent.map((s) => s.messageId), sent.map((s) => s.token)],
    );
    return new Set(marked.map((row) => row.id));
  }

  /** Gives up on the row, if the attempt still holds its claim. */
  async markFailed(id: string, error: string, token: string): Promise<void> {
    await this.db.query(
      `UPDATE emails SET status = 'failed', failed_at = now(), last_error = $2 WHERE id = $1 AND status = 'sending' AND claim_token = $3`,
      [id, error, token],
    );
  }

  /** Puts the row back in the queue for the job's next attempt, if this attempt still holds its claim. */
  async requeue(id: string, error: string, token: string): Promise<void> {
    await this.db.query(`UPDATE emails SET status = 'queued', last_error = $2 WHERE id = $1 AND status = 'sending' AND claim_token = $3`, [
      id,
      error,
      token,
    ]);
  }

  /** The row's status, or null when it no longer exists. */
  async status(id: string): Promise<EmailStatus | null> {
    const row = await this.db.getRepository(Email).findOne({ where: { id }, select: { status: true } });
    return row?.status ?? null;
  }

  /** Marks the message bounced and answers whom it was for, or null when no row has that Message-ID. */
  async markBounced(messageId: string, reason: string): Promise<{ eventId: string | null; toAddress: string } | null> {
    const { rows } = await sql<{ eventId: string | null; toAddress: string }>(
      this.db.manager,
      `UPDATE emails SET status = 'bounced', bounced_at = now(), last_error = $2
        WHERE message_id = $1 RETURNING event_id AS "eventId", to_address AS "toAddress"`,
      [messageId, reason],
    );
    return rows[0] ?? null;
  }
}
