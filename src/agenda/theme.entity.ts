import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../events/event.entity';

@Entity('themes')
@Index('themes_event_name_key', ['eventId', 'name'], { unique: true })
export class Theme {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'themes_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text' })
  name: string;

  /** `#rrggbb`, for agenda pages and badges. */
  @Column({ type: 'text', nullable: true })
  colour: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
