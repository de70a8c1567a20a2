import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SurveyInvitation } from './survey-invitation.entity';
import { SurveyQuestion } from './survey-question.entity';
import { Survey } from './survey.entity';

/**
 * One person's submitted answers. An anonymous survey's response has no
 * invitation and no time, so nothing ties it to who answered.
 */
@Entity('survey_responses')
@Index('survey_responses_survey_idx', ['surveyId'])
@Unique('survey_responses_invitation_key', ['invitationId'])
export class SurveyResponse {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'survey_responses_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  surveyId: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id', foreignKeyConstraintName: 'survey_responses_survey_id_fkey' })
  survey?: Survey;

  @Column({ type: 'uuid', nullable: true })
  invitationId: string | null;

  @ManyToOne(() => SurveyInvitation, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invitation_id', foreignKeyConstraintName: 'survey_responses_invitation_id_fkey' })
  invitation?: SurveyInvitation;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;
}

/** The answer to one question: a rating, the choices picked, or text. */
@Entity('survey_answers')
@Index('survey_answers_question_idx', ['questionId'])
@Check('survey_answers_rating_check', `rating IS NULL OR rating BETWEEN 1 AND 5`)
export class SurveyAnswer {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'survey_answers_pkey' })
  responseId: string;

  @ManyToOne(() => SurveyResponse, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id', foreignKeyConstraintName: 'survey_answers_response_id_fkey' })
  response?: SurveyResponse;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'survey_answers_pkey' })
  questionId: string;

  @ManyToOne(() => SurveyQuestion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'survey_answers_question_id_fkey' })
  question?: SurveyQuestion;

  @Column({ type: 'int', nullable: true })
  rating: number | null;

  @Column({ type: 'text', array: true, nullable: true })
  choices: string[] | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;
}
