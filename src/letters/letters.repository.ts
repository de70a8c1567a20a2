import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import type { LetterStatus } from './letters.response';

/** A row of `letter_requests`, dates as Postgres gives them (`date` columns as YYYY-MM-DD text). */
export interface LetterRequestRow {
  id: string;
  event_id: string;
  registration_id: string;
  status: LetterStatus;
  passport_name: string;
  nationality: string;
  passport_number_hash: string;
  passport_number_last2: string;
  passport_expiry: string;
  date_of_birth: string;
  consulate_city: string;
  consulate_country: string;
  reference: string;
  verify_token: string;
  rejection_reason: string | null;
  revocation_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

export interface LetterSettingsRow {
  letterhead: string;
  signatory_name: string;
  signatory_title: string;
  signature_key: string | null;
}

export type LetterActorKind = 'organiser' | 'attendee' | 'consulate' | 'system';

export interface LetterAccess {
  eventId: string;
  letterRequestId: string;
  actorKind: LetterActorKind;
  actorId: string | null;
  action: string;
}

export interface LetterAccessRow {
  letter_request_id: string;
  actor_kind: LetterActorKind;
  actor_id: string | null;
  action: string;
  at: Date;
}

export interface NewLetterRequest {
  eventId: string;
  registrationId: string;
  passportName: string;
  nationality: string;
  passportNumberHash: string;
  passportNumberLast2: string;
  passportExpiry: string;
  dateOfBirth: string;
  consulateCity: string;
  consulateCountry: string;
  reference: string;
  verifyToken: string;
}

// `date` columns as text: a birthday is a calendar day, not an instant in some zone.
const COLUMNS = `id, event_id, registration_id, status, passport_name, nationality, passport_number_hash, passport_number_last2,
  passport_expiry::text AS passport_expiry, date_of_birth::text AS date_of_birth, consulate_city, consulate_country, reference,
  verify_token, rejection_reason, revocation_reason, decided_by, decided_at, revoked_at, created_at`;

/** The letters module's tables: `letter_requests`, `letter_settings`, `letter_access_log`. */
@Injectable()
export class LettersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  /**
   * Writes the request, or replaces one not yet approved (a rejected one goes back to `requested`);
   * null when the registration's request is approved or revoked and so stands as it is.
   */
  async upsert(manager: EntityManager, r: NewLetterRequest): Promise<LetterRequestRow | null> {
    const { rows } = await sql<LetterRequestRow>(
      manager,
      `INSERT INTO letter_requests AS l (event_id, registration_id, passport_name, nationality, passport_number_hash, passport_number_last2,
         passport_expiry, date_of_birth, consulate_city, consulate_country, reference, verify_token)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (registration_id) DO UPDATE SET
         status = 'requested', passport_name = EXCLUDED.passport_name, nationality = EXCLUDED.nationality,
         passport_number_hash = EXCLUDED.passport_number_hash, passport_number_last2 = EXCLUDED.passport_number_last2,
         passport_expiry = EXCLUDED.passport_expiry, date_of_birth = EXCLUDED.date_of_birth,
         consulate_city = EXCLUDED.consulate_city, consulate_country = EXCLUDED.consulate_country,
         rejection_reason = NULL, decided_by = NULL, decided_at = NULL, updated_at = now()
       WHERE l.status IN ('requested', 'rejected')
       RETURNING ${COLUMNS}`,
      [
        r.eventId,
        r.registrationId,
        r.passportName,
        r.nationality,
        r.passportNumberHash,
        r.passportNumberLast2,
        r.passportExpiry,
        r.dateOfBirth,
        r.consulateCity,
        r.consulateCountry,
        r.reference,
        r.verifyToken,
      ],
    );
    return rows[0] ?? null;
  }

  async find(eventId: string, letterId: string, manager: EntityManager = this.db.manager, lock = false): Promise<LetterRequestRow | null> {
    const { rows } = await sql<LetterRequestRow>(
      manager,
      `SELECT ${COLUMNS} FROM letter_requests WHERE event_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [eventId, letterId],
    );
    return rows[0] ?? null;
  }

  async findById(letterId: string): Promise<LetterRequestRow | null> {
    const { rows } = await sql<LetterRequestRow>(this.db.manager, `SELECT ${COLUMNS} FROM letter_requests WHERE id = $1`, [letterId]);
    return rows[0] ?? null;
  }

  async findByRegistration(registrationId: string): Promise<LetterRequestRow | null> {
    const { rows } = await sql<LetterRequestRow>(this.db.manager, `SELECT ${COLUMNS} FROM letter_requests WHERE registration_id = $1`, [
      registrationId,
    ]);
    return rows[0] ?? null;
  }

  async findByReference(reference: string): Promise<LetterRequestRow | null> {
    const { rows } = await sql<LetterRequestRow>(this.db.manager, `SELECT ${COLUMNS} FROM letter_requests WHERE reference = $1`, [
      reference,
    ]);
    return rows[0] ?? null;
  }

  async list(eventId: string, status: LetterStatus | undefined): Promise<LetterRequestRow[]> {
    const { rows } = await sql<LetterRequestRow>(
      this.db.manager,
      `SELECT ${COLUMNS} FROM letter_requests WHERE event_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at, id`,
      [eventId, status ?? null],
    );
    return rows;
  }

  async approve(manager: EntityManager, letterId: string, organiserId: string): Promise<LetterRequestRow> {
    const { rows } = await sql<LetterRequestRow>(
      manager,
      `UPDATE letter_requests SET status = 'approved', rejection_reason = NULL, decided_by = $2, decided_at = now(), updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [letterId, organiserId],
    );
    return rows[0];
  }

  async reject(manager: EntityManager, letterId: string, organiserId: string, reason: string): Promise<LetterRequestRow> {
    const { rows } = await sql<LetterRequestRow>(
      manager,
      `UPDATE letter_requests SET status = 'rejected', rejection_reason = $3, decided_by = $2, decided_at = now(), updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [letterId, organiserId, reason],
    );
    return rows[0];
  }

  async revoke(manager: EntityManager, letterId: string, reason: string | null): Promise<LetterRequestRow | null> {
    const { rows } = await sql<LetterRequestRow>(
      manager,
      `UPDATE letter_requests SET status = 'revoked', revocation_reason = $2, revoked_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'approved' RETURNING ${COLUMNS}`,
      [letterId, reason],
    );
    return rows[0] ?? null;
  }

  /** A letter not issued yet is withdrawn with its registration too: it can no longer be approved. */
  async revokeForRegistration(registrationId: string, reason: string): Promise<LetterRequestRow | null> {
    const { rows } = await sql<LetterRequestRow>(
      this.db.manager,
      `UPDATE letter_requests SET status = 'revoked', revocation_reason = $2, revoked_at = now(), updated_at = now()
        WHERE registration_id = $1 AND status IN ('requested', 'approved') RETURNING ${COLUMNS}`,
      [registrationId, reason],
    );
    return rows[0] ?? null;
  }

  /** Every letter of a cancelled event stops standing: none can be issued, and a consulate learns it is void. */
  async revokeForEvent(eventId: string, reason: string): Promise<LetterRequestRow[]> {
    const { rows } = await sql<LetterRequestRow>(
      this.db.manager,
      `UPDATE letter_requests SET status = 'revoked', revocation_reason = $2, revoked_at = now(), updated_at = now()
        WHERE event_id = $1 AND status IN ('requested', 'approved') RETURNING ${COLUMNS}`,
      [eventId, reason],
    );
    return rows;
  }

  /** The requests still standing, by registration, for the sweep to compare with the registrations' statuses. */
  async standing(afterId: string | null, limit: number): Promise<Array<{ id: string; event_id: string; registration_id: string }>> {
    const { rows } = await sql<{ id: string; event_id: string; registration_id: string }>(
      this.db.manager,
      `SELECT id, event_id, registration_id FROM letter_requests
        WHERE status IN ('requested', 'approved') AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows;
  }

  async eventIds(): Promise<string[]> {
    const { rows } = await sql<{ event_id: string }>(this.db.manager, `SELECT DISTINCT event_id FROM letter_requests`);
    return rows.map((r) => r.event_id);
  }

  async deleteForRegistration(manager: EntityManager, registrationId: string): Promise<Array<{ id: string; event_id: string }>> {
    const { rows } = await sql<{ id: string; event_id: string }>(
      manager,
      `DELETE FROM letter_requests WHERE registration_id = $1 RETURNING id, event_id`,
      [registrationId],
    );
    return rows;
  }

  async deleteForEvent(manager: EntityManager, eventId: string): Promise<Array<{ id: string; event_id: string }>> {
    const { rows } = await sql<{ id: string; event_id: string }>(
      manager,
      `DELETE FROM letter_requests WHERE event_id = $1 RETURNING id, event_id`,
      [eventId],
    );
    return rows;
  }

  async settings(eventId: string): Promise<LetterSettingsRow | null> {
    const { rows } = await sql<LetterSettingsRow>(
      this.db.manager,
      `SELECT letterhead, signatory_name, signatory_title, signature_key FROM letter_settings WHERE event_id = $1`,
      [eventId],
    );
    return rows[0] ?? null;
  }

  async saveSettings(
    eventId: string,
    s: { letterhead: string; signatoryName: string; signatoryTitle: string },
  ): Promise<LetterSettingsRow> {
    const { rows } = await sql<LetterSettingsRow>(
      this.db.manager,
      `INSERT INTO letter_settings (event_id, letterhead, signatory_name, signatory_title) VALUES ($1, $2, $3, $4)
       ON CONFLICT (event_id) DO UPDATE SET letterhead = EXCLUDED.letterhead, signatory_name = EXCLUDED.signatory_name,
         signatory_title = EXCLUDED.signatory_title, updated_at = now()
       RETURNING letterhead, signatory_name, signatory_title, signature_key`,
      [eventId, s.letterhead, s.signatoryName, s.signatoryTitle],
    );
    return rows[0];
  }

  async setSignatureKey(eventId: string, key: string | null): Promise<void> {
    await sql(
      this.db.manager,
      `INSERT INTO letter_settings (event_id, signature_key) VALUES ($1, $2)
       ON CONFLICT (event_id) DO UPDATE SET signature_key = EXCLUDED.signature_key, updated_at = now()`,
      [eventId, key],
    );
  }

  async logAccess(access: LetterAccess[], manager: EntityManager = this.db.manager): Promise<void> {
    if (access.length === 0) return;
    await sql(
      manager,
      `INSERT INTO letter_access_log (event_id, letter_request_id, actor_kind, actor_id, action)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[])`,
      [
        access.map((a) => a.eventId),
        access.map((a) => a.letterRequestId),
        access.map((a) => a.actorKind),
        access.map((a) => a.actorId),
        access.map((a) => a.action),
      ],
    );
  }

  async accessLog(eventId: string, limit: number): Promise<LetterAccessRow[]> {
    const { rows } = await sql<LetterAccessRow>(
      this.db.manager,
      `SELECT letter_request_id, actor_kind, actor_id, action, at FROM letter_access_log WHERE event_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [eventId, limit],
    );
    return rows;
  }
}
