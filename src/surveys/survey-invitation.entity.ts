import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Registration } from '../registration/registration.entity';
import { Survey } from './survey.entity';

/**
 * A checked-in registration's link to a survey: the token only as its hash,
 * and when it was used. Once answered it stays answered (the conditional
 * update of `answered_at` is what lets a person answer once).
 */
@Entity('survey_invitations')
@Unique('survey_invitations_token_hash_key', ['tokenHash'])
@Unique('survey_invitations_registration_key', ['surveyId', 'registrationId'])
export class SurveyInvitation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'survey_invitations_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  surveyId: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id', foreignKeyConstraintName: 'survey_invitations_survey_id_fkey' })
  survey?: Survey;

  @Column({ type: 'uuid' })
  registrationId: string;

  @ManyToOne(() => Registration, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'registration_id', foreignKeyConstraintName: 'survey_invitations_registration_id_fkey' })
  registration?: Registration;

  @Column({ type: 'text' })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}
