import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../events/event.entity';
import { Room } from './room.entity';
import { Theme } from './theme.entity';

export const SESSION_KINDS = ['keynote', 'presentations', 'panel', 'discussion', 'workshop', 'break', 'networking', 'other'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];
export type SessionStatus = 'scheduled' | 'cancelled';

/** A slot of the working agenda; attendees see it once a version is published. */
@Entity('sessions')
@Index('sessions_event_starts_idx', ['eventId', 'startsAt'])
@Index('sessions_room_starts_idx', ['roomId', 'startsAt'])
@Check('sessions_ends_after_start_check', `ends_at > starts_at`)
@Check('sessions_status_check', `status IN ('scheduled', 'cancelled')`)
@Check('sessions_capacity_check', `capacity IS NULL OR capacity > 0`)
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'sessions_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text' })
  kind: SessionKind;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'uuid', nullable: true })
  themeId: string | null;

  @ManyToOne(() => Theme, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'theme_id', foreignKeyConstraintName: 'sessions_theme_id_fkey' })
  theme?: Theme;

  @Column({ type: 'uuid', nullable: true })
  roomId: string | null;

  @ManyToOne(() => Room, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'room_id', foreignKeyConstraintName: 'sessions_room_id_fkey' })
  room?: Room;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** A partner institution co-organising this session or day. */
  @Column({ type: 'text', nullable: true })
  hostOrganisation: string | null;

  /** Sign-up limit (workshops, site visits); null: no sign-up needed. */
  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Column({ type: 'text', default: 'scheduled' })
  status: SessionStatus;

  /** Rises with every edit; clients send it back as If-Match so a stale save is refused instead of lost. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
