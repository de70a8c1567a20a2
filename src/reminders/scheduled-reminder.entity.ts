import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ReminderRule } from './reminder-rule.entity';

export type ReminderState = 'pending' | 'fanned_out' | 'missed' | 'cancelled';

/**
 * One occurrence of a rule (the event, or one session) with its due time.
 * The row is the truth; the delayed job only wakes the fan-out, and the sweep
 * re-creates it when the queue lost it.
 */
@Entity('scheduled_reminders')
@Index('scheduled_reminders_rule_occurrence_key', ['ruleId', 'occurrence'], { unique: true })
@Index('scheduled_reminders_pending_idx', ['dueAt'], { where: `state = 'pending'` })
@Check('scheduled_reminders_state_check', `state IN ('pending', 'fanned_out', 'missed', 'cancelled')`)
export class ScheduledReminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  ruleId: string;

  @ManyToOne(() => ReminderRule, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rule_id', foreignKeyConstraintName: 'scheduled_reminders_rule_id_fkey' })
  rule?: ReminderRule;

  @Column({ type: 'uuid' })
  eventId: string;

  /** `event`, or the session id for session-anchored rules. */
  @Column({ type: 'text' })
  occurrence: string;

  @Column({ type: 'uuid', nullable: true })
  sessionId: string | null;

  @Column({ type: 'timestamptz' })
  anchorAt: Date;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text', default: 'pending' })
  state: ReminderState;

  @Column({ type: 'text', nullable: true })
  jobId: string | null;

  @Column({ type: 'int', default: 0 })
  recipients: number;

  @Column({ type: 'timestamptz', nullable: true })
  fannedOutAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
