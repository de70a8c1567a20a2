import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Session } from '../agenda/session.entity';
import { Survey } from './survey.entity';

export const QUESTION_KINDS = ['rating', 'single_choice', 'multiple_choice', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** One question of a survey; with a session, it asks about that session. Ratings run 1–5. */
@Entity('survey_questions')
@Index('survey_questions_survey_idx', ['surveyId', 'position'])
@Check('survey_questions_kind_check', `kind IN ('rating', 'single_choice', 'multiple_choice', 'text')`)
@Check('survey_questions_options_check', `(kind IN ('single_choice', 'multiple_choice')) = (cardinality(options) > 0)`)
export class SurveyQuestion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'survey_questions_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  surveyId: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id', foreignKeyConstraintName: 'survey_questions_survey_id_fkey' })
  survey?: Survey;

  @Column({ type: 'text' })
  kind: QuestionKind;

  @Column({ type: 'text' })
  prompt: string;

  /** The choices of a choice question, in order; none for the other kinds. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  options: string[];

  @Column({ type: 'boolean', default: false })
  required: boolean;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'uuid', nullable: true })
  sessionId: string | null;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'survey_questions_session_id_fkey' })
  session?: Session;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
