import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../events/event.entity';
import { Survey } from '../surveys/survey.entity';

export const REMINDER_ANCHORS = ['event_start', 'event_end', 'session_start', 'materials_due', 'fixed'] as const;
export type ReminderAnchor = (typeof REMINDER_ANCHORS)[number];

export const REMINDER_AUDIENCES = [
  'confirmed',
  'waitlisted',
  'presenters',
  'presenters_missing_materials',
  'session_signups',
  'checked_in',
  'no_shows',
] as const;
export type ReminderAudience = (typeof REMINDER_AUDIENCES)[number];

/**
 * When and to whom a reminder goes: an anchor (event start, each session's
 * start, …) plus an offset in minutes (negative: before).
 */
@Entity('reminder_rules')
@Index('reminder_rules_event_idx', ['eventId'])
@Check('reminder_rules_anchor_check', `anchor IN ('event_start', 'event_end', 'session_start', 'materials_due', 'fixed')`)
@Check('reminder_rules_fixed_check', `(anchor = 'fixed') = (fixed_at IS NOT NULL)`)
export class ReminderRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'reminder_rules_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  anchor: ReminderAnchor;

  @Column({ type: 'int' })
  offsetMinutes: number;

  @Column({ type: 'timestamptz', nullable: true })
  fixedAt: Date | null;

  @Column({ type: 'text' })
  audience: ReminderAudience;

  /** Organisers' own words; the standard reminder text when null. */
  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** A survey whose invitation links the reminder carries (audience `checked_in`, after the event); null for a plain reminder. */
  @Column({ type: 'uuid', nullable: true })
  surveyId: string | null;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id', foreignKeyConstraintName: 'reminder_rules_survey_id_fkey' })
  survey?: Survey;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
