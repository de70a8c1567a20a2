import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../events/event.entity';

export const QUESTION_TYPES = ['text', 'number', 'choice', 'multi_choice', 'boolean', 'country'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A custom question of the event's registration form; answers are stored by `key`. */
@Entity('registration_questions')
@Index('registration_questions_event_key_key', ['eventId', 'key'], { unique: true })
@Check('registration_questions_type_check', `type IN ('text', 'number', 'choice', 'multi_choice', 'boolean', 'country')`)
export class Question {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'registration_questions_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'text' })
  type: QuestionType;

  @Column({ type: 'boolean', default: false })
  required: boolean;

  /** The allowed values of a choice or multi-choice question. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  options: string[];

  @Column({ type: 'int', default: 0 })
  position: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
