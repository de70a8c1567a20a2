import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { poolQuery, sql } from '../database/sql';
import { StatementRows } from '../database/statement-rows';
import { Email, EmailStatus } from './email.entity';

/** What `insertPart` needs of each email. */
export type OutboxField =
  'id' | 'eventId' | 'kind' | 'dedupeKey' | 'toAddress' | 'toName' | 'subject' | 'html' | 'text' | 'headers' | 'attachments';

/** One email to write into the outbox, rendered; `headers` and `attachments` as JSON text. */
export type OutboxRow = Record<Exclude<OutboxField, 'eventId' | 'toName'>, string> & { eventId: string | null; toName: string | null };

/** The relation `t` this repository's own inserts write from. */
const OUTBOX_T: StatementRows<OutboxField>['fields'] = {
  id: 't.id',
  eventId: 't.event_id',
  kind: 't.kind',
  dedupeKey: 't.dedupe_key',
  toAddress: 't.to_address',
  toName: 't.to_name',
  subject: 't.subject',
  html: 't.html',
  text: 't.text',
  headers: 't.headers',
  attachments: 't.attachments',
};

/** A page of an event's emails: newest first, after `cursor`, one more than `limit` to tell whether more follow. */
export interface EmailPageQuery {
  limit: number;
  status?: EmailStatus;
  kind?: string;
  cursor: { after: string; id: string } | null;
}

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
 * The `emails` table's SQL: the outbox's writes and reads, the statements of
 * a send and of the provider's delivery reports. The claim and the "sent"
 * mark run straight on the pool: each is a whole transaction in one
 * statement, on the send path of every message.
 */
@Injectable()
export class EmailsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The outbox INSERT of `rows`, as the part of a larger statement that writes
   * emails together with what they announce. The job id is the row id; an
   * address that hard-bounced for this event is written down but not sent to;
   * a dedupe key already present adds nothing. Its rows are `id, status` of
   * the emails written.
   */
  insertPart(rows: StatementRows<OutboxField>): string {
    const f = rows.fields;
    return `INSERT INTO emails (id, event_id, kind, dedupe_key, to_address, to_name, subject, html, text, headers, attachments, job_id, status, last_error)
       SELECT ${f.id}, ${f.eventId}, ${f.kind}, ${f.dedupeKey}, ${f.toAddress}, ${f.toName}, ${f.subject}, ${f.html}, ${f.text}, ${f.headers},
              ${f.attachments}, (${f.id})::text,
              CASE WHEN s.address IS NULL THEN 'queued' ELSE 'cancelled' END,
              CASE WHEN s.address IS NULL THEN NULL ELSE 'not sent: the address ' || s.reason END
         FROM ${rows.from}
         LEFT JOIN mail_suppressions s ON s.event_id = ${f.eventId} AND s.address = lower(${f.toAddress})
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id, status`;
  }

  /** Writes one email in the caller's transaction; no row back when its dedupe key is already there. */
  insertOne(manager: EntityManager, row: OutboxRow): Promise<Array<{ id: string; status: string }>> {
    return manager.query(
      this.insertPart({
        from: `(VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb))
           AS t(id, event_id, kind, dedupe_key, to_address, to_name, subject, html, text, headers, attachments)`,
        fields: OUTBOX_T,
      }),
      [
        row.id,
        row.eventId,
        row.kind,
        row.dedupeKey,
        row.toAddress,
        row.toName,
        row.subject,
        row.html,
        row.text,
        row.headers,
        row.attachments,
      ],
    );
  }

  /** Writes many emails in one statement of the caller's transaction; rows back only for those it created. */
  insertMany(manager: EntityManager, rows: OutboxRow[]): Promise<Array<{ id: string; status: string }>> {
    return manager.query(
      this.insertPart({
        from: `unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::jsonb[])
           AS t(id, event_id, kind, dedupe_key, to_address, to_name, subject, html, text, headers, attachments)`,
        fields: OUTBOX_T,
      }),
      [
        rows.map((r) => r.id),
        rows.map((r) => r.eventId),
        rows.map((r) => r.kind),
        rows.map((r) => r.dedupeKey),
        rows.map((r) => r.toAddress),
        rows.map((r) => r.toName),
        rows.map((r) => r.subject),
        rows.map((r) => r.html),
        rows.map((r) => r.text),
        rows.map((r) => r.headers),
        rows.map((r) => r.attachments),
      ],
    );
  }

  /** The id of the row that already has this dedupe key. */
  async idByDedupeKey(manager: EntityManager, dedupeKey: string): Promise<string> {
    return (await manager.findOneOrFail(Email, { where: { dedupeKey }, select: { id: true } })).id;
  }

  /** Which of these dedupe keys already have a row. */
  async existingKeys(manager: EntityManager, keys: string[]): Promise<Set<string>> {
    const rows: Array<{ dedupe_key: string }> = await manager.query(`SELECT dedupe_key FROM emails WHERE dedupe_key = ANY($1::text[])`, [
      keys,
    ]);
    return new Set(rows.map((r) => r.dedupe_key));
  }

  pageForEvent(eventId: string, query: EmailPageQuery): Promise<Email[]> {
    const builder = this.db
      .getRepository(Email)
      .createQueryBuilder('e')
      .where('e.event_id = :eventId', { eventId })
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(query.limit + 1);
    if (query.status) builder.andWhere('e.status = :status', { status: query.status });
    if (query.kind) builder.andWhere('e.kind = :kind', { kind: query.kind });
    if (query.cursor) builder.andWhere('(e.created_at, e.id) < (:after::timestamptz, :id::uuid)', query.cursor);
    return builder.getMany();
  }

  /** The event's email, locked until the transaction ends; null for another event's. */
  lockForEvent(manager: EntityManager, eventId: string, emailId: string): Promise<Email | null> {
    return manager.findOne(Email, { where: { id: emailId, eventId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Back in the queue under the job id of its `enqueues`-th send. */
  async queueAgain(manager: EntityManager, emailId: string, jobId: string, enqueues: number): Promise<void> {
    await manager.update(Email, { id: emailId }, { status: 'queued', lastError: null, jobId, enqueues, claimedAt: null });
  }

  getOrFail(id: string): Promise<Email> {
    return this.db.getRepository(Email).findOneByOrFail({ id });
  }

  /** The event's failed emails, oldest first. */
  async failedIds(eventId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM emails WHERE event_id = $1 AND status = 'failed' ORDER BY created_at, id`,
      [eventId],
    );
    return rows.map((row) => row.id);
  }

  findForEvent(eventId: string, emailId: string): Promise<Email | null> {
    return this.db.getRepository(Email).findOne({ where: { id: emailId, eventId } });
  }

  /** How many of the event's emails there are of each kind in each status. */
  countsForEvent(eventId: string): Promise<Array<{ kind: string; status: string; n: number }>> {
    return this.db.query(
      `SELECT kind, status, count(*)::int AS n FROM emails WHERE event_id = $1 GROUP BY kind, status ORDER BY kind, status`,
      [eventId],
    );
  }

  /** Blanks every email of the event sent to the address. */
  async eraseRecipient(manager: EntityManager, eventId: string, address: string): Promise<void> {
    await manager.query(
      `UPDATE emails SET to_address = 'erased@invalid', to_name = NULL, subject = '(erased)', html = '', text = '', attachments = '[]'
        WHERE event_id = $1 AND lower(to_address) = lower($2)`,
      [eventId, address],
    );
  }

  findById(id: string): Promise<Email | null> {
    return this.db.getRepository(Email).findOne({ where: { id } });
  }

  /**
   * A page of rows that may have lost their job, after `after`: queued for
   * longer than `graceSecs`, or claimed for longer than `claimSecs`.
   */
  orphanCandidates(
    graceSecs: number,
    claimSecs: number,
    after: { createdAt: Date; id: string } | null,
    limit: number,
  ): Promise<Array<{ id: string; job_id: string; created_at: Date }>> {
    return this.db.query(
      `SELECT id, job_id, created_at FROM emails
          WHERE ((status = 'queued' AND created_at < now() - make_interval(secs => $1))
                 OR (status = 'sending' AND claimed_at < now() - make_interval(secs => $2)))
            AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
          ORDER BY created_at, id
          LIMIT $5`,
      [graceSecs, claimSecs, after?.createdAt ?? null, after?.id ?? null, limit],
    );
  }

  /**
   * The next job id of each row, conditional on the job id read, so a row
   * another pass or a resend moved on is left alone; answers the rows renamed.
   */
  async renameJobs(rows: Array<{ id: string; job_id: string }>): Promise<Array<{ id: string; job_id: string }>> {
    const { rows: renamed } = await sql<{ id: string; job_id: string }>(
      this.db.manager,
      `UPDATE emails SET job_id = emails.id::text || '-' || (emails.enqueues + 1), enqueues = emails.enqueues + 1
           FROM unnest($1::uuid[], $2::text[]) AS t(id, job_id)
          WHERE emails.id = t.id AND emails.job_id = t.job_id
          RETURNING emails.id, emails.job_id`,
      [rows.map((row) => row.id), rows.map((row) => row.job_id)],
    );
    return renamed;
  }

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
