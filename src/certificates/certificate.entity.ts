import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../events/event.entity';

export const CERTIFICATE_KINDS = ['attendance', 'presenter'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export const ISSUE_MODES = ['after_event', 'on_check_in'] as const;
/** `after_event`: once the event has ended; `on_check_in`: as soon as someone has checked in (the days so far). */
export type IssueMode = (typeof ISSUE_MODES)[number];

/**
 * A certificate of attendance (a registration, naming the local days it checked
 * in) or of presenting (a person and one presentation of the published agenda).
 * The PDF is drawn from this row whenever it is asked for and never stored; the
 * short code is what the QR code and the verification page `/c/:code` carry.
 */
@Entity('certificates')
@Check('certificates_kind_check', `kind IN ('attendance', 'presenter')`)
@Index('certificates_code_key', ['code'], { unique: true })
@Index('certificates_registration_key', ['registrationId'], { unique: true, where: `kind = 'attendance'` })
@Index('certificates_presenter_key', ['personId', 'presentationId'], { unique: true, where: `kind = 'presenter'` })
@Index('certificates_event_idx', ['eventId', 'issuedAt', 'id'])
export class Certificate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'certificates_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text' })
  kind: CertificateKind;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'uuid', nullable: true })
  registrationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  presentationId: string | null;

  /** The title as the published agenda had it when the certificate was issued. */
  @Column({ type: 'text', nullable: true })
  presentationTitle: string | null;

  /** Ten base32 characters (50 random bits): short enough to type, too many to guess. */
  @Column({ type: 'text' })
  code: string;

  /** The event's local dates attended, YYYY-MM-DD. */
  @Column({ type: 'date', array: true, default: () => "'{}'" })
  days: string[];

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  issuedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

/** What an event's certificates say besides the person and the days: one row per event, none means the defaults. */
@Entity('certificate_settings')
@Check('certificate_settings_issue_mode_check', `issue_mode IN ('after_event', 'on_check_in')`)
export class CertificateSettings {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'certificate_settings_pkey' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'certificate_settings_event_id_fkey' })
  event?: Event;

  /** The organisers' own line under the heading; null keeps the default wording. */
  @Column({ type: 'text', nullable: true })
  intro: string | null;

  @Column({ type: 'text', nullable: true })
  signatoryName: string | null;

  @Column({ type: 'text', nullable: true })
  signatoryTitle: string | null;

  @Column({ type: 'text', default: 'after_event' })
  issueMode: IssueMode;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

export type CertificateRunStatus = 'queued' | 'running' | 'completed' | 'failed';

/**
 * One "send them all": the `issue-certificates` job (job id = run id) walks the
 * attendees, then the presenters, a batch at a time, and records where it got
 * to (`phase`, `cursor`) with each batch, so a re-run after a crash goes on
 * from there and `done` counts every certificate once.
 */
@Entity('certificate_runs')
@Check('certificate_runs_status_check', `status IN ('queued', 'running', 'completed', 'failed')`)
@Index('certificate_runs_event_idx', ['eventId', 'createdAt'])
export class CertificateRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'certificate_runs_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text', default: 'queued' })
  status: CertificateRunStatus;

  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'int', default: 0 })
  done: number;

  @Column({ type: 'int', default: 0 })
  emailed: number;

  @Column({ type: 'text', default: 'attendance' })
  phase: 'attendance' | 'presenter' | 'done';

  /** The last registration id (attendance) or `person/presentation` (presenters) of the last batch written. */
  @Column({ type: 'text', nullable: true })
  cursor: string | null;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  completedAt: Date | null;
}
