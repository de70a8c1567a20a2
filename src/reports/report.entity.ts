import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organiser } from '../auth/organiser.entity';
import { Event } from '../events/event.entity';
import type { ReportData } from './report-data';

export const REPORT_STATUSES = ['queued', 'compiling', 'completed', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ReportTrigger = 'manual' | 'automatic';

/**
 * One version of an event's post-event report. The `compile` job (job id =
 * report id) fills `data` and `html`; a retried job recomputes and overwrites
 * the same row, so a version is complete or not there at all.
 */
@Entity('reports')
@Index('reports_event_version_key', ['eventId', 'version'], { unique: true })
@Index('reports_event_automatic_key', ['eventId', 'eventEndsAt'], { unique: true, where: `trigger = 'automatic'` })
@Index('reports_pending_idx', ['status', 'dueAt'], { where: `status IN ('queued', 'compiling')` })
@Check('reports_status_check', `status IN ('queued', 'compiling', 'completed', 'failed')`)
@Check('reports_trigger_check', `trigger IN ('manual', 'automatic')`)
@Check('reports_progress_check', `progress BETWEEN 0 AND 100`)
@Check('reports_version_check', `version > 0`)
export class Report {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'reports_event_id_fkey' })
  event?: Event;

  /** 1, 2, … per event, in the order compiles were asked for. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text', default: 'queued' })
  status: ReportStatus;

  /** 0–100 while compiling; 100 once completed. */
  @Column({ type: 'int', default: 0 })
  progress: number;

  /** The organiser who asked for it; null for an automatic report. */
  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @ManyToOne(() => Organiser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'reports_requested_by_fkey' })
  requester?: Organiser;

  @Column({ type: 'text' })
  trigger: ReportTrigger;

  /** Not compiled before this: now for a manual report, the event's end plus the delay for an automatic one. */
  @Column({ type: 'timestamptz' })
  dueAt: Date;

  /** For an automatic report, the event end it follows: one automatic report per end time. */
  @Column({ type: 'timestamptz', nullable: true })
  eventEndsAt: Date | null;

  /** Compile attempts so far (a retried or re-run job adds one). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  completedAt: Date | null;

  /** How long the successful compile took. */
  @Column({ type: 'int', nullable: true })
  durationMs: number | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data: ReportData | null;

  @Column({ type: 'text', nullable: true })
  html: string | null;
}
