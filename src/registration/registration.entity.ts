import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../events/event.entity';
import { Person } from '../people/person.entity';

export const REGISTRATION_STATUSES = ['pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export type RegistrationSource = 'public' | 'organiser' | 'import';

/**
 * A person's registration for an event. At most one active (pending,
 * confirmed, waitlisted) per person and event; the confirmed count never
 * exceeds the event's capacity (a trigger backs the service's check).
 */
@Entity('registrations')
@Index('registrations_active_person_key', ['eventId', 'personId'], {
  unique: true,
  where: `status IN ('pending', 'confirmed', 'waitlisted')`,
})
@Index('registrations_check_in_code_key', ['eventId', 'checkInCode'], { unique: true })
@Index('registrations_event_status_idx', ['eventId', 'status', 'createdAt'])
@Check('registrations_status_check', `status IN ('pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected')`)
export class Registration {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'registrations_event_id_fkey' })
  event?: Event;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'registrations_person_id_fkey' })
  person?: Person;

  @Column({ type: 'text' })
  status: RegistrationStatus;

  /** Printed on badges and encoded in the QR code; unique within the event. */
  @Column({ type: 'text' })
  checkInCode: string;

  @Column({ type: 'text' })
  source: RegistrationSource;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  consents: Record<string, boolean>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  answers: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** FIFO order of the waitlist. */
  @Column({ type: 'timestamptz', precision: 6, nullable: true })
  waitlistedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  promotedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
