import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Presentation } from '../agenda/presentation.entity';
import { Event } from '../events/event.entity';
import { Person } from '../people/person.entity';

export type InvitationStatus = 'invited' | 'confirmed' | 'declined';

/**
 * A presenter's part in one presentation: invited, then confirmed or
 * declined. A row appears with the first invitation, or with the presenter's
 * answer when their link came with another presentation of theirs.
 */
@Entity('presenter_invitations')
@Check('presenter_invitations_status_check', `status IN ('invited', 'confirmed', 'declined')`)
@Index('presenter_invitations_person_id_idx', ['personId'])
@Index('presenter_invitations_event_id_idx', ['eventId'])
export class PresenterInvitation {
  @PrimaryColumn({ type: 'uuid' })
  presentationId: string;

  @ManyToOne(() => Presentation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'presentation_id', foreignKeyConstraintName: 'presenter_invitations_presentation_id_fkey' })
  presentation?: Presentation;

  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'presenter_invitations_person_id_fkey' })
  person?: Person;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'presenter_invitations_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text', default: 'invited' })
  status: InvitationStatus;

  @Column({ type: 'timestamptz', nullable: true })
  firstInvitedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastInvitedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  invitationsSent: number;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  declineReason: string | null;

  /** When an organiser last revoked the presenter's links; cleared by the next invitation. */
  @Column({ type: 'timestamptz', nullable: true })
  linksRevokedAt: Date | null;
}
