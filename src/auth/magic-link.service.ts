import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StatementRows } from '../platform/database/statement-rows';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { LoginSessionsRepository } from './login-sessions.repository';
import { MagicLinkSubjectType } from './magic-link-token.entity';
import { MagicLinkTokenField, MagicLinkTokensRepository } from './magic-link-tokens.repository';
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

export type { MagicLinkTokenField } from './magic-link-tokens.repository';

/**
 * The one issuer of the links attendees, presenters and invited organisers
 * follow (design.md "Magic links" and "Tokens"). Each email mints a new token;
 * earlier ones stay valid until they expire or the subject is revoked.
 */
@Injectable()
export class MagicLinkService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: MagicLinkTokensRepository,
    private readonly sessions: LoginSessionsRepository,
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
    await this.tokens.extendLive(manager, eventId, EVENT_BOUND_SUBJECTS, new Date(endsAt.getTime() + this.config.auth.linkAfterEventMs));
  }

  /** Mint a token in the caller's transaction, so it exists exactly when its email does. */
  async issue(
    manager: EntityManager,
    subject: MagicLinkSubject,
    ttlMs = this.config.auth.magicLinkTtlMs,
  ): Promise<{ tokenId: string; token: string; expiresAt: Date }> {
    const token = newSecretToken('plm');
    const [tokenHash, expiresAt] = [hashToken(token), this.expiry(subject.eventEndsAt, ttlMs)];
    const tokenId = await this.tokens.insert(manager, {
      subjectType: subject.type,
      subjectId: subject.id,
      eventId: subject.eventId ?? null,
      tokenHash,
      expiresAt,
    });
    return { tokenId, token, expiresAt };
  }

  /**
   * The INSERT of a token for each of `rows` (hashes from `prepare`), as the
   * part of a larger statement that writes tokens together with what they open.
   */
  insertTokensPart(rows: StatementRows<MagicLinkTokenField>): string {
    return this.tokens.insertTokensPart(rows);
  }

  /** One token for each subject in a single statement, for fan-outs to thousands. */
  async issueMany(manager: EntityManager, subjects: MagicLinkSubject[]): Promise<string[]> {
    if (subjects.length === 0) return [];
    const tokens = subjects.map(() => newSecretToken('plm'));
    await this.tokens.insertMany(
      manager,
      subjects.map((s, i) => ({
        subjectType: s.type,
        subjectId: s.id,
        eventId: s.eventId ?? null,
        tokenHash: hashToken(tokens[i]),
        expiresAt: this.expiry(s.eventEndsAt),
      })),
    );
    return tokens;
  }

  /** The link a token opens, e.g. `${PUBLIC_URL}/presenter?token=…`. */
  link(path: string, token: string): string {
    return `${this.config.publicUrl}${path}?token=${encodeURIComponent(token)}`;
  }

  async verify(token: string, manager: EntityManager = this.tokens.manager): Promise<VerifiedMagicLink | null> {
    if (!token.startsWith('plm_')) return null;
    const row = await this.tokens.use(manager, hashToken(token));
    if (!row) return null;
    return {
      tokenId: row.id,
      subject: { type: row.subject_type, id: row.subject_id, eventId: row.event_id },
      expiresAt: new Date(row.expires_at),
    };
  }

  /** Revokes every token of the subject, e.g. when a registration is cancelled. */
  async revokeAll(subject: MagicLinkSubject, manager: EntityManager = this.tokens.manager): Promise<number> {
    return this.tokens.revokeSubject(manager, subject.type, subject.id);
  }

  /**
   * Revokes the live tokens of `type` in the event whose subject is not in
   * `keep`, e.g. presenters who no longer present anything. Only tokens issued
   * before `issuedBefore`: `keep` was read at that moment, so a token minted
   * since (a fresh invitation) is not judged by a stale list. Returns the
   * subjects whose tokens were revoked.
   */
  async revokeAllExcept(type: MagicLinkSubjectType, eventId: string, keep: string[], issuedBefore: Date): Promise<string[]> {
    return [...new Set(await this.tokens.revokeAllExcept(type, eventId, keep, issuedBefore))];
  }

  /** Events in which some subject of `type` holds a live token. */
  async eventsWithLiveTokens(type: MagicLinkSubjectType): Promise<string[]> {
    return this.tokens.eventsWithLiveTokens(type);
  }

  /**
   * Takes the subject's one re-send slot per minute. True means the caller may
   * email a fresh link now; atomic, so two requests at once yield one email.
   */
  async claimResend(subject: MagicLinkSubject, manager: EntityManager = this.tokens.manager): Promise<boolean> {
    return this.tokens.claimResend(manager, subject.type, subject.id, RESEND_INTERVAL_SECONDS);
  }

  async prune(): Promise<{ pruned: number }> {
    const pruned = await this.tokens.deleteExpired(PRUNE_AFTER_DAYS);
    await this.sessions.deleteExpired(PRUNE_AFTER_DAYS);
    return { pruned };
  }
}
