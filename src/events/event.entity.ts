import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type EventStatus = 'draft' | 'published' | 'cancelled';

export interface CoOrganiser {
  name: string;
  url: string | null;
}

@Entity('events')
@Check('events_status_check', `status IN ('draft', 'published', 'cancelled')`)
@Check('events_ends_after_start_check', `ends_at > starts_at`)
@Check('events_capacity_check', `capacity IS NULL OR capacity > 0`)
export class Event {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  slug: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** IANA zone; input without an offset is wall-clock time here. */
  @Column({ type: 'text' })
  timezone: string;

  @Column({ type: 'text', nullable: true })
  venue: string | null;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** Null: no limit. */
  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  coOrganisers: CoOrganiser[];

  /**
   * Confirmed registrations, kept by a trigger on `registrations` that also
   * refuses one beyond the capacity; never written by the application.
   */
  @Column({ type: 'int', default: 0, insert: false, update: false })
  confirmedCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  registrationOpensAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  registrationClosesAt: Date | null;

  @Column({ type: 'boolean', default: false })
  requiresApproval: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  materialsDueAt: Date | null;

  @Column({ type: 'boolean', default: true })
  defaultReminders: boolean;

  @Column({ type: 'text', default: 'draft' })
  status: EventStatus;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancellationReason: string | null;

  /** Set when the event was moved with POST /postpone. */
  @Column({ type: 'timestamptz', nullable: true })
  postponedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
