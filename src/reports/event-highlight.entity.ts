import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../events/event.entity';

/** A quote worth keeping from the event, with who said it. */
@Entity('event_highlights')
@Index('event_highlights_event_position_idx', ['eventId', 'position'])
export class EventHighlight {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'event_highlights_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text' })
  quote: string;

  /** e.g. "Ignacio Tello, Head of O'Higgins Regional Government Development and Industry Division". */
  @Column({ type: 'text', nullable: true })
  attribution: string | null;

  @Column({ type: 'int' })
  position: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
