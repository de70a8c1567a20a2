import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../events/event.entity';

export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/**
 * A feedback survey of an event: drafted by organisers, open for answers by
 * the links its reminder rule sends, closed by hand or at `closesAt`.
 */
@Entity('surveys')
@Index('surveys_event_idx', ['eventId'])
@Check('surveys_status_check', `status IN ('draft', 'open', 'closed')`)
export class Survey {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'surveys_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'surveys_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  intro: string | null;

  /** Answers are kept without the invitation they came by. */
  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  closesAt: Date | null;

  @Column({ type: 'text', default: 'draft' })
  status: SurveyStatus;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
