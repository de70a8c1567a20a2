import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../events/event.entity';
import { Session } from './session.entity';
import { Theme } from './theme.entity';

export const PRESENTATION_STATUSES = ['draft', 'invited', 'confirmed', 'submitted', 'accepted', 'withdrawn'] as const;
export type PresentationStatus = (typeof PRESENTATION_STATUSES)[number];

/** The structured account of a pairing's joint work, as the seed meeting asked of each. */
export const PRESENTATION_SECTIONS = [
  'purpose',
  'activities',
  'implementation',
  'pilotProjects',
  'results',
  'lessonsLearned',
  'nextSteps',
] as const;
export type PresentationSection = (typeof PRESENTATION_SECTIONS)[number];
export const SECTION_MAX_LENGTH = 5000;

@Entity('presentations')
@Index('presentations_session_position_idx', ['sessionId', 'position'])
@Index('presentations_event_idx', ['eventId'])
@Check('presentations_status_check', `status IN ('draft', 'invited', 'confirmed', 'submitted', 'accepted', 'withdrawn')`)
export class Presentation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'presentations_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  abstract: string;

  @Column({ type: 'uuid', nullable: true })
  themeId: string | null;

  @ManyToOne(() => Theme, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'theme_id', foreignKeyConstraintName: 'presentations_theme_id_fkey' })
  theme?: Theme;

  @Column({ type: 'uuid', nullable: true })
  sessionId: string | null;

  @ManyToOne(() => Session, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'presentations_session_id_fkey' })
  session?: Session;

  /** Order inside the session, from 1. */
  @Column({ type: 'int', nullable: true })
  position: number | null;

  @Column({ type: 'text', default: 'draft' })
  status: PresentationStatus;

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Column({ type: 'text', nullable: true })
  activities: string | null;

  @Column({ type: 'text', nullable: true })
  implementation: string | null;

  @Column({ type: 'text', nullable: true })
  pilotProjects: string | null;

  @Column({ type: 'text', nullable: true })
  results: string | null;

  @Column({ type: 'text', nullable: true })
  lessonsLearned: string | null;

  @Column({ type: 'text', nullable: true })
  nextSteps: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
