import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../events/event.entity';
import { Registration } from './registration.entity';

/** Attendance on one local day of the event: a registration checks in once per day. */
@Entity('check_ins')
@Index('check_ins_registration_day_key', ['registrationId', 'day'], { unique: true })
@Index('check_ins_event_day_idx', ['eventId', 'day'])
export class CheckIn {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'check_ins_event_id_fkey' })
  event?: Event;

  @Column({ type: 'uuid' })
  registrationId: string;

  @ManyToOne(() => Registration, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'registration_id', foreignKeyConstraintName: 'check_ins_registration_id_fkey' })
  registration?: Registration;

  /** The event's local date, YYYY-MM-DD. */
  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  checkedInAt: Date;

  @Column({ type: 'uuid', nullable: true })
  checkedInBy: string | null;
}
