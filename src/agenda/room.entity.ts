import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../events/event.entity';

@Entity('rooms')
@Index('rooms_event_name_key', ['eventId', 'name'], { unique: true })
@Check('rooms_capacity_check', `capacity IS NULL OR capacity > 0`)
export class Room {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'rooms_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
