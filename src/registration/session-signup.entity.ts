import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Session } from '../agenda/session.entity';
import { Registration } from './registration.entity';

export type SignupStatus = 'confirmed' | 'waitlisted' | 'cancelled';

/** A registered attendee's place (or waitlist place) in a session with limited seats. */
@Entity('session_signups')
@Index('session_signups_active_key', ['sessionId', 'registrationId'], { unique: true, where: `status <> 'cancelled'` })
@Index('session_signups_registration_idx', ['registrationId'])
@Check('session_signups_status_check', `status IN ('confirmed', 'waitlisted', 'cancelled')`)
export class SessionSignup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'session_signups_session_id_fkey' })
  session?: Session;

  @Column({ type: 'uuid' })
  registrationId: string;

  @ManyToOne(() => Registration, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'registration_id', foreignKeyConstraintName: 'session_signups_registration_id_fkey' })
  registration?: Registration;

  @Column({ type: 'text' })
  status: SignupStatus;

  @CreateDateColumn({ type: 'timestamptz', precision: 6 })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;
}
