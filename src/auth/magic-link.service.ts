import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { StatementRows } from '../platform/database/statement-rows';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { MagicLinkSubjectType } from './magic-link-token.entity';
import { hashToken, newSecretToken } from './secret-token';

export interface MagicLinkSubject {
  type: MagicLinkSubjectType;
  id: string;
  eventId?: string | null;
  /**
   * The end of the event an attendee's or presenter's link is for: the link
   * lives until `PLENARY_LINK_DAYS_AFTER_EVENT` days after it, however early it
   * was sent (and longer when the usual lifetime reaches further).
   */
  eventEndsAt?: Date;
}

/** The subjects whose links last until after their event, and move with it when it is rescheduled. */
const EVENT_BOUND_SUBJECTS: MagicLinkSubjectType[] = ['registration', 'presenter', 'opt-out'];

export interface VerifiedMagicLink {
  tokenId: string;
  subject: MagicLinkSubject & { eventId: string | null };
  expiresAt: Date;
}

const RESEND_INTERVAL_SECONDS = 60;
/** Expired tokens are kept this long for support questions, then pruned. */
const PRUNE_AFTER_DAYS = 30;

/** What `insertTokensPart` needs of each token. */
export type MagicLinkTokenField = 'subjectType' | 'subjectId' | 'eventId' | 'tokenHash' | 'expiresAt';

/**
 * The one issuer of the links attendees, presenters and invited organisers
 * follow (design.md "Magic links" and "Tokens"). Each email mints a new token;
 * earlier ones stay valid until they expire or the subject is revoked.
 */
@Injectable()
export class MagicLinkService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /**
   * A token made ahead of its row, for a statement that writes the row together
   * with others (`insertTokensPart`); the token goes into the email, the
   * hash into the row.
   */
  prepare(eventEndsAt?: Date): { token: string; tokenHash: string; expiresAt: Date } {
    const token = newSecretToken('plm');
    return { token, tokenHash: hashToken(token), expiresAt: this.expiry(eventEndsAt) };
  }

  /** When a link minted now expires: its lifetime from now, or some days after its event, whichever is later. */
  private expiry(eventEndsAt: Date | undefined, ttlMs = this.config.auth.magicLinkTtlMs): Date {
    const fromNow = Date.now() + ttlMs;
    return new Date(eventEndsAt ? Math.max(fromNow, eventEndsAt.getTime() + this.config.auth.linkAfterEventMs) : fromNow);
  }

  /**
   * An event moved to `endsAt`: its attendees' and presenters' live links now
   * last until the days after its new end, in the caller's transaction. Links
   * already expired or revoked stay so.
   */
  async followEvent(manager: EntityManager, eventId: string, endsAt: Date): Promise<void> {
    await manager.query(
      `UPDATE magic_link_tokens SET expires_at = $3
        WHERE event_id = $1 AND subject_type = ANY($2::text[]) AND revoked_at IS NULL AND expires_at > now() AND expires_at < $3`,
      [eventId, EVENT_BOUND_SUBJECTS, new Date(endsAt.getTime() + this.config.auth.linkAfterEventMs)],
    );
  }

  /** Mint a token in the caller's transaction, so it exists exactly when its email does. */
  async issue(
    manager: EntityManager,
    subject: MagicLinkSubject,
    ttlMs = this.config.auth.magicLinkTtlMs,
  ): Promise<{ tokenId: string; token: string; expiresAt: Date }> {
    const token = newSecretToken('plm');
    const [tokenHash, expiresAt] = [hashToken(token), this.expiry(subject.eventEndsAt, ttlMs)];
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO magic_link_tokens (subject_type, subject_id, event_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [subject.type, subject.id, subject.eventId ?? null, tokenHash, expiresAt],
    );
    return { tokenId: rows[0].id, token, expiresAt };
  }

  /**
   * The INSERT of a token for each of `rows` (hashes from `prepare`), as the
   * part of a larger statement that writes tokens together with what they open.
   */
  insertTokensPart(rows: StatementRows<MagicLinkTokenField>): string {
    const f = rows.fields;
    return `INSERT INTO magic_link_tokens (subject_type, subject_id, event_id, token_hash, expires_at)
       SELECT ${f.subjectType}, ${f.subjectId}, ${f.eventId}, ${f.tokenHash}, ${f.expiresAt} FROM ${rows.from}`;
  }

  /** One token for each subject in a single statement, for fan-outs to thousands. */
  async issueMany(manager: EntityManager, subjects: MagicLinkSubject[]): Promise<string[]> {
    if (subjects.length === 0) return [];
    const tokens = subjects.map(() => newSecretToken('plm'));
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
        subjects.map((s) => s.type),
        subjects.map((s) => s.id),
        subjects.map((s) => s.eventId ?? null),
        tokens.map(hashToken),
        subjects.map((s) => this.expiry(s.eventEndsAt)),
      ],
    );
    return tokens;
  }

  /** The link a token opens, e.g. `${PUBLIC_URL}/presenter?token=…`. */
  link(path: string, token: string): string {
    return `${this.config.publicUrl}${path}?token=${encodeURIComponent(token)}`;
  }

  async verify(token: string, manager: EntityManager = this.db.manager): Promise<VerifiedMagicLink | null> {
    if (!token.startsWith('plm_')) return null;
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
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      tokenId: row.id,
      subject: { type: row.subject_type, id: row.subject_id, eventId: row.event_id },
      expiresAt: new Date(row.expires_at),
    };
  }

  /** Revokes every token of the subject, e.g. when a registration is cancelled. */
  async revokeAll(subject: MagicLinkSubject, manager: EntityManager = this.db.manager): Promise<number> {
    const { affected } = await sql(
      manager,
      `UPDATE magic_link_tokens SET revoked_at = now()
        WHERE subject_type = $1 AND subject_id = $2 AND revoked_at IS NULL`,
      [subject.type, subject.id],
    );
    return affected;
  }

  /**
   * Revokes the live tokens of `type` in the event whose subject is not in
   * `keep`, e.g. presenters who no longer present anything. Only tokens issued
   * before `issuedBefore`: `keep` was read at that moment, so a token minted
   * since (a fresh invitation) is not judged by a stale list. Returns the
   * subjects whose tokens were revoked.
   */
  async revokeAllExcept(type: MagicLinkSubjectType, eventId: string, keep: string[], issuedBefore: Date): Promise<string[]> {
    const { rows } = await sql<{ subject_id: string }>(
      this.db.manager,
      `UPDATE magic_link_tokens SET revoked_at = now()
        WHERE subject_type = $1 AND event_id = $2 AND revoked_at IS NULL AND expires_at > now()
          AND created_at < $4 AND subject_id <> ALL($3::uuid[])
        RETURNING subject_id`,
      [type, eventId, keep, issuedBefore],
    );
    return [...new Set(rows.map((r) => r.subject_id))];
  }

  /** Events in which some subject of `type` holds a live token. */
  async eventsWithLiveTokens(type: MagicLinkSubjectType): Promise<string[]> {
    const { rows } = await sql<{ event_id: string }>(
      this.db.manager,
      `SELECT DISTINCT event_id FROM magic_link_tokens
        WHERE subject_type = $1 AND event_id IS NOT NULL AND revoked_at IS NULL AND expires_at > now()`,
      [type],
    );
    return rows.map((r) => r.event_id);
  }

  /**
   * Takes the subject's one re-send slot per minute. True means the caller may
   * email a fresh link now; atomic, so two requests at once yield one email.
   */
  async claimResend(subject: MagicLinkSubject, manager: EntityManager = this.db.manager): Promise<boolean> {
    const { rows } = await sql(
      manager,
      `INSERT INTO magic_link_resends (subject_type, subject_id, last_sent_at) VALUES ($1, $2, now())
       ON CONFLICT (subject_type, subject_id) DO UPDATE SET last_sent_at = now()
        WHERE magic_link_resends.last_sent_at < now() - make_interval(secs => $3)
       RETURNING subject_id`,
      [subject.type, subject.id, RESEND_INTERVAL_SECONDS],
    );
    return rows.length > 0;
  }

  async prune(): Promise<{ pruned: number }> {
    const { affected } = await sql(this.db.manager, `DELETE FROM magic_link_tokens WHERE expires_at < now() - make_interval(days => $1)`, [
      PRUNE_AFTER_DAYS,
    ]);
    await this.db.query(`DELETE FROM login_sessions WHERE expires_at < now() - make_interval(days => $1)`, [PRUNE_AFTER_DAYS]);
    return { pruned: affected };
  }
}
