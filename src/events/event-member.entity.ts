import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organiser } from '../auth/organiser.entity';
import { Event } from './event.entity';

export type EventRole = 'owner' | 'organiser';

@Entity('event_members')
@Index('event_members_event_organiser_key', ['eventId', 'organiserId'], { unique: true })
@Check('event_members_role_check', `role IN ('owner', 'organiser')`)
export class EventMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'event_members_event_id_fkey' })
  event?: Event;

  @Index('event_members_organiser_id_idx')
  @Column({ type: 'uuid' })
  organiserId: string;

  @ManyToOne(() => Organiser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organiser_id', foreignKeyConstraintName: 'event_members_organiser_id_fkey' })
  organiser?: Organiser;

  @Column({ type: 'text' })
  role: EventRole;

  @Column({ type: 'uuid', nullable: true })
  addedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
