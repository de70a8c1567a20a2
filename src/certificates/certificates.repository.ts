import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { sql } from '../platform/database/sql';
import { Certificate, CertificateRun, CertificateSettings } from './certificate.entity';

const CERTIFICATE_COLUMNS = `id, event_id AS "eventId", kind, person_id AS "personId", registration_id AS "registrationId",
  presentation_id AS "presentationId", presentation_title AS "presentationTitle", code,
  ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(days) AS d ORDER BY d) AS days, language, issued_at AS "issuedAt", revoked_at AS "revokedAt"`;

const RUN_COLUMNS = `id, event_id AS "eventId", status, total, done, emailed, phase, cursor, requested_by AS "requestedBy", error,
  created_at AS "createdAt", started_at AS "startedAt", completed_at AS "completedAt"`;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Ten characters of RFC 4648 base32 from 50 random bits: what the QR code and `/c/:code` carry. */
export function newCertificateCode(): string {
  const bytes = randomBytes(10);
  let code = '';
  for (const byte of bytes) code += BASE32[byte & 31];
  return code;
}

export interface AttendanceIssue {
  registrationId: string;
  personId: string;
  days: string[];
  language: string;
}

export interface PresenterIssue {
  personId: string;
  presentationId: string;
  presentationTitle: string;
  language: string;
}

/** The certificates module's three tables, all of their SQL. */
@Injectable()
export class CertificatesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get manager(): EntityManager {
    return this.db.manager;
  }

  async settings(eventId: string): Promise<CertificateSettings | null> {
    return this.db.getRepository(CertificateSettings).findOne({ where: { eventId } });
  }

  async saveSettings(settings: Omit<CertificateSettings, 'updatedAt' | 'event'>): Promise<CertificateSettings> {
    const { rows } = await sql<CertificateSettings>(
      this.db.manager,
      `INSERT INTO certificate_settings (event_id, intro, signatory_name, signatory_title, issue_mode) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (event_id) DO UPDATE SET intro = EXCLUDED.intro, signatory_name = EXCLUDED.signatory_name,
         signatory_title = EXCLUDED.signatory_title, issue_mode = EXCLUDED.issue_mode, updated_at = now()
       RETURNING event_id AS "eventId", intro, signatory_name AS "signatoryName", signatory_title AS "signatoryTitle",
         issue_mode AS "issueMode", updated_at AS "updatedAt"`,
      [settings.eventId, settings.intro, settings.signatoryName, settings.signatoryTitle, settings.issueMode],
    );
    return rows[0];
  }

  /**
   * Issues or brings up to date (days attended, language) the attendance
   * certificates of these registrations. A revoked one stays revoked and is
   * not answered, so nobody is sent a certificate an organiser withdrew.
   */
  async issueAttendance(manager: EntityManager, eventId: string, issues: AttendanceIssue[]): Promise<Certificate[]> {
    if (issues.length === 0) return [];
    const { rows } = await sql<Certificate>(
      manager,
      `INSERT INTO certificates (event_id, kind, registration_id, person_id, days, language, code)
       SELECT $1, 'attendance', t.registration_id, t.person_id, t.days::date[], t.language, t.code
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[]) AS t(registration_id, person_id, days, language, code)
       ON CONFLICT (registration_id) WHERE kind = 'attendance'
       DO UPDATE SET days = EXCLUDED.days, language = EXCLUDED.language WHERE certificates.revoked_at IS NULL
       RETURNING ${CERTIFICATE_COLUMNS}`,
      [
        eventId,
        issues.map((i) => i.registrationId),
        issues.map((i) => i.personId),
        issues.map((i) => `{${i.days.join(',')}}`),
        issues.map((i) => i.language),
        issues.map(() => newCertificateCode()),
      ],
    );
    return rows;
  }

  /** As `issueAttendance`, for presenters: one certificate per person and presentation. */
  async issuePresenter(manager: EntityManager, eventId: string, issues: PresenterIssue[]): Promise<Certificate[]> {
    if (issues.length === 0) return [];
    const { rows } = await sql<Certificate>(
      manager,
      `INSERT INTO certificates (event_id, kind, person_id, presentation_id, presentation_title, language, code)
       SELECT $1, 'presenter', t.person_id, t.presentation_id, t.title, t.language, t.code
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[]) AS t(person_id, presentation_id, title, language, code)
       ON CONFLICT (person_id, presentation_id) WHERE kind = 'presenter'
       DO UPDATE SET presentation_title = EXCLUDED.presentation_title, language = EXCLUDED.language WHERE certificates.revoked_at IS NULL
       RETURNING ${CERTIFICATE_COLUMNS}`,
      [
        eventId,
        issues.map((i) => i.personId),
        issues.map((i) => i.presentationId),
        issues.map((i) => i.presentationTitle),
        issues.map((i) => i.language),
        issues.map(() => newCertificateCode()),
      ],
    );
    return rows;
  }

  async byCode(code: string): Promise<Certificate | null> {
    const { rows } = await sql<Certificate>(this.db.manager, `SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE code = $1`, [code]);
    return rows[0] ?? null;
  }

  async inEvent(eventId: string, certificateId: string): Promise<Certificate | null> {
    const { rows } = await sql<Certificate>(
      this.db.manager,
      `SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE event_id = $1 AND id = $2`,
      [eventId, certificateId],
    );
    return rows[0] ?? null;
  }

  /** A page of the event's certificates, newest first, after the cursor; one more than `limit`. */
  async page(eventId: string, limit: number, after: { issuedAt: string; id: string } | null, kind?: string): Promise<Certificate[]> {
    const { rows } = await sql<Certificate>(
      this.db.manager,
      `SELECT ${CERTIFICATE_COLUMNS} FROM certificates
        WHERE event_id = $1 AND ($2::text IS NULL OR kind = $2)
          AND ($3::timestamptz IS NULL OR (issued_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY issued_at DESC, id DESC LIMIT $5`,
      [eventId, kind ?? null, after?.issuedAt ?? null, after?.id ?? null, limit + 1],
    );
    return rows;
  }

  /** The event's certificates of this registration (attendance) or its person (presenting), oldest first. */
  async ofAttendee(eventId: string, registrationId: string, personId: string): Promise<Certificate[]> {
    const { rows } = await sql<Certificate>(
      this.db.manager,
      `SELECT ${CERTIFICATE_COLUMNS} FROM certificates
        WHERE event_id = $1 AND (registration_id = $2 OR person_id = $3) ORDER BY issued_at, id`,
      [eventId, registrationId, personId],
    );
    return rows;
  }

  /** In the erasure's transaction: a certificate names its person, so it goes with their name. */
  async deleteOfAttendee(manager: EntityManager, eventId: string, registrationId: string, personId: string): Promise<void> {
    await sql(manager, `DELETE FROM certificates WHERE event_id = $1 AND (registration_id = $2 OR person_id = $3)`, [
      eventId,
      registrationId,
      personId,
    ]);
  }

  async revoke(eventId: string, certificateId: string): Promise<Certificate | null> {
    const { rows } = await sql<Certificate>(
      this.db.manager,
      `UPDATE certificates SET revoked_at = coalesce(revoked_at, now()) WHERE event_id = $1 AND id = $2 RETURNING ${CERTIFICATE_COLUMNS}`,
      [eventId, certificateId],
    );
    return rows[0] ?? null;
  }

  /** One request for a run of the event at a time: two clicks on "send them all" share one run. */
  async lockRuns(manager: EntityManager, eventId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('plenary:certificate-runs:' || $1))`, [eventId]);
  }

  async pendingRun(manager: EntityManager, eventId: string): Promise<CertificateRun | null> {
    const { rows } = await sql<CertificateRun>(
      manager,
      `SELECT ${RUN_COLUMNS} FROM certificate_runs WHERE event_id = $1 AND status IN ('queued', 'running') ORDER BY created_at DESC LIMIT 1`,
      [eventId],
    );
    return rows[0] ?? null;
  }

  async insertRun(manager: EntityManager, eventId: string, organiserId: string, total: number): Promise<CertificateRun> {
    const { rows } = await sql<CertificateRun>(
      manager,
      `INSERT INTO certificate_runs (event_id, requested_by, total) VALUES ($1, $2, $3) RETURNING ${RUN_COLUMNS}`,
      [eventId, organiserId, total],
    );
    return rows[0];
  }

  async run(runId: string, eventId?: string): Promise<CertificateRun | null> {
    const { rows } = await sql<CertificateRun>(
      this.db.manager,
      `SELECT ${RUN_COLUMNS} FROM certificate_runs WHERE id = $1 AND ($2::uuid IS NULL OR event_id = $2)`,
      [runId, eventId ?? null],
    );
    return rows[0] ?? null;
  }

  async runs(eventId: string, limit: number): Promise<CertificateRun[]> {
    const { rows } = await sql<CertificateRun>(
      this.db.manager,
      `SELECT ${RUN_COLUMNS} FROM certificate_runs WHERE event_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [eventId, limit],
    );
    return rows;
  }

  /** queued, or running (a re-run after a crash) → running; null when the run is neither. */
  async claimRun(runId: string): Promise<CertificateRun | null> {
    const { rows } = await sql<CertificateRun>(
      this.db.manager,
      `UPDATE certificate_runs SET status = 'running', started_at = coalesce(started_at, now()), error = NULL
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${RUN_COLUMNS}`,
      [runId],
    );
    return rows[0] ?? null;
  }

  /**
   * Records a batch in the transaction that wrote it: where the run got to and
   * how many it did. The total rises if more people checked in since the run
   * was asked for, so done never passes it.
   */
  async advanceRun(
    manager: EntityManager,
    runId: string,
    step: { phase: CertificateRun['phase']; cursor: string | null; done: number; emailed: number },
  ): Promise<void> {
    await manager.query(
      `UPDATE certificate_runs SET phase = $2, cursor = $3, done = done + $4, emailed = emailed + $5, total = greatest(total, done + $4)
        WHERE id = $1 AND status = 'running'`,
      [runId, step.phase, step.cursor, step.done, step.emailed],
    );
  }

  async finishRun(runId: string, status: 'completed' | 'failed' | 'queued', error: string | null): Promise<void> {
    await this.db.query(
      `UPDATE certificate_runs SET status = $2, error = $3,
         completed_at = CASE WHEN $2 = 'completed' THEN now() ELSE completed_at END,
         total = CASE WHEN $2 = 'completed' THEN done ELSE total END
        WHERE id = $1 AND status = 'running'`,
      [runId, status, error],
    );
  }

  /** A queued or running run whose job is gone for good. */
  async settleRun(runId: string, status: 'failed', error: string): Promise<void> {
    await this.db.query(`UPDATE certificate_runs SET status = $2, error = $3 WHERE id = $1 AND status IN ('queued', 'running')`, [
      runId,
      status,
      error,
    ]);
  }

  /** Queued or running runs older than `graceSeconds`: the sweep checks each has a live job. */
  async pendingRuns(graceSeconds: number): Promise<Array<Pick<CertificateRun, 'id'>>> {
    const { rows } = await sql<Pick<CertificateRun, 'id'>>(
      this.db.manager,
      `SELECT id FROM certificate_runs WHERE status IN ('queued', 'running') AND created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT 500`,
      [graceSeconds],
    );
    return rows;
  }
}
