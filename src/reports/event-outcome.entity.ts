import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../events/event.entity';

/** A result the organisers record for the event, e.g. "missions undertaken: 40". */
@Entity('event_outcomes')
@Index('event_outcomes_event_position_idx', ['eventId', 'position'])
export class EventOutcome {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'event_outcomes_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text' })
  label: string;

  /** A number (40) or free text ("12.5 M€", "3 joint action plans"), kept as posted. */
  @Column({ type: 'jsonb' })
  value: string | number;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Order in the report, from 1. */
  @Column({ type: 'int' })
  position: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
