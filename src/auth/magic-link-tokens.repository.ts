import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { StatementRows } from '../platform/database/statement-rows';
import { MagicLinkSubjectType } from './magic-link-token.entity';

/** What `insertTokensPart` needs of each token. */
export type MagicLinkTokenField = 'subjectType' | 'subjectId' | 'eventId' | 'tokenHash' | 'expiresAt';

export interface MagicLinkTokenRow {
  subjectType: MagicLinkSubjectType;
  subjectId: string;
  eventId: string | null;
  tokenHash: string;
  expiresAt: Date;
}

/**
 * The SQL of `magic_link_tokens` and `magic_link_resends`: only MagicLinkService
 * uses this; other modules reach tokens through that service.
 */
@Injectable()
export class MagicLinkTokensRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  /** Moves the live tokens of `types` in the event that would expire before `until` out to it. */
  async extendLive(manager: EntityManager, eventId: string, types: MagicLinkSubjectType[], until: Date): Promise<void> {
    await manager.query(
      `UPDATE magic_link_tokens SET expires_at = $3
        WHERE event_id = $1 AND subject_type = ANY($2::text[]) AND revoked_at IS NULL AND expires_at > now() AND expires_at < $3`,
      [eventId, types, until],
    );
  }

  async insert(manager: EntityManager, token: MagicLinkTokenRow): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO magic_link_tokens (subject_type, subject_id, event_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [token.subjectType, token.subjectId, token.eventId, token.tokenHash, token.expiresAt],
    );
    return rows[0].id;
  }

  /** The INSERT of a token for each of `rows`, as the part of a larger statement. */
  insertTokensPart(rows: StatementRows<MagicLinkTokenField>): string {
    const f = rows.fields;
    return `INSERT INTO magic_link_tokens (subject_type, subject_id, event_id, token_hash, expires_at)
       SELECT ${f.subjectType}, ${f.subjectId}, ${f.eventId}, ${f.tokenHash}, ${f.expiresAt} FROM ${rows.from}`;
  }

  /** All of `tokens` in one statement, for fan-outs to thousands. */
  async insertMany(manager: EntityManager, tokens: MagicLinkTokenRow[]): Promise<void> {
    await manager.query(
      this.insertTokensPart({
        from: `unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[]) AS t(subject_type, subject_id, event_id, token_hash, expires_at)`,
        fields: {
          subjectType: 't.subject_type',
          subjectId: 't.subject_id',
          eventId: 't.event_id',
          tokenHash: 't.token_hash',
          expiresAt: 't.expires_at',
        },
      }),
      [
        tokens.map((t) => t.subjectType),
        tokens.map((t) => t.subjectId),
        tokens.map((t) => t.eventId),
        tokens.map((t) => t.tokenHash),
        tokens.map((t) => t.expiresAt),
      ],
    );
  }

  /** Marks the live token with this hash used and returns it; undefined when none is live. */
  async use(
    manager: EntityManager,
    tokenHash: string,
  ): Promise<
    { id: string; subject_type: MagicLinkSubjectType; subject_id: string; event_id: string | null; expires_at: Date } | undefined
  > {
    const { rows } = await sql<{
      id: string;
      subject_type: MagicLinkSubjectType;
      subject_id: string;
      event_id: string | null;
      expires_at: Date;
    }>(
      manager,
      `UPDATE magic_link_tokens SET last_used_at = now()
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          RETURNING id, subject_type, subject_id, event_id, expires_at`,
      [tokenHash],
    );
    return rows[0];
  }

  async revokeSubject(manager: EntityManager, type: MagicLinkSubjectType, id: string): Promise<number> {
    const { affected } = await sql(
      manager,
      `UPDATE magic_link_tokens SET revoked_at = now()
        WHERE subject_type = $1 AND subject_id = $2 AND revoked_at IS NULL`,
      [type, id],
    );
    return affected;
  }

  /** Revokes the live tokens of `type` in the event issued before `issuedBefore` whose subject is not in `keep`; their subjects. */
  async revokeAllExcept(type: MagicLinkSubjectType, eventId: string, keep: string[], issuedBefore: Date): Promise<string[]> {
    const { rows } = await sql<{ subject_id: string }>(
      this.db.manager,
      `UPDATE magic_link_tokens SET revoked_at = now()
        WHERE subject_type = $1 AND event_id = $2 AND revoked_at IS NULL AND expires_at > now()
          AND created_at < $4 AND subject_id <> ALL($3::uuid[])
        RETURNING subject_id`,
      [type, eventId, keep, issuedBefore],
    );
    return rows.map((r) => r.subject_id);
  }

  async eventsWithLiveTokens(type: MagicLinkSubjectType): Promise<string[]> {
    const { rows } = await sql<{ event_id: string }>(
      this.db.manager,
      `SELECT DISTINCT event_id FROM magic_link_tokens
        WHERE subject_type = $1 AND event_id IS NOT NULL AND revoked_at IS NULL AND expires_at > now()`,
      [type],
    );
    return rows.map((r) => r.event_id);
  }

  /** Takes the subject's re-send slot when its last send is older than `intervalSeconds`; atomic. */
  async claimResend(manager: EntityManager, type: MagicLinkSubjectType, id: string, intervalSeconds: number): Promise<boolean> {
    const { rows } = await sql(
      manager,
      `INSERT INTO magic_link_resends (subject_type, subject_id, last_sent_at) VALUES ($1, $2, now())
       ON CONFLICT (subject_type, subject_id) DO UPDATE SET last_sent_at = now()
        WHERE magic_link_resends.last_sent_at < now() - make_interval(secs => $3)
       RETURNING subject_id`,
      [type, id, intervalSeconds],
    );
    return rows.length > 0;
  }

  /** Deletes tokens expired more than `days` ago; how many. */
  async deleteExpired(days: number): Promise<number> {
    const { affected } = await sql(this.db.manager, `DELETE FROM magic_link_tokens WHERE expires_at < now() - make_interval(days => $1)`, [
      days,
    ]);
    return affected;
  }
}
