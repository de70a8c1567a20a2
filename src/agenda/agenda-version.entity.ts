import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../events/event.entity';
import type { AgendaChanges, AgendaSnapshot, ConflictWarning } from './agenda-snapshot';

/**
 * A published agenda: the frozen snapshot attendees and presenters follow,
 * the changelog against the previous version, and the warnings it was
 * published with.
 */
@Entity('agenda_versions')
@Index('agenda_versions_event_number_key', ['eventId', 'number'], { unique: true })
export class AgendaVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'agenda_versions_event_id_fkey' })
  event?: Event;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ type: 'jsonb' })
  snapshot: AgendaSnapshot;

  @Column({ type: 'jsonb' })
  changes: AgendaChanges;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  conflicts: ConflictWarning[];

  @Column({ type: 'uuid', nullable: true })
  publishedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  publishedAt: Date;
}
