import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organiser } from '../auth/organiser.entity';
import { Event } from '../events/event.entity';
import type { AuditAction, AuditSubjectType } from './audit-actions';

/** One organiser (or system) action on an event, as it was when it happened. */
@Entity('audit_entries')
@Index('audit_entries_event_created_idx', ['eventId', 'createdAt', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'audit_entries_event_id_fkey' })
  event?: Event;

  /** Null for the system, or once the account is deleted: the label still says who. */
  @Column({ type: 'uuid', nullable: true })
  actorOrganiserId: string | null;

  @ManyToOne(() => Organiser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_organiser_id', foreignKeyConstraintName: 'audit_entries_actor_organiser_id_fkey' })
  actorOrganiser?: Organiser;

  /** Who, as they were named then, so a rename or deletion leaves the log readable. */
  @Column({ type: 'text' })
  actorLabel: string;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ type: 'text' })
  subjectType: AuditSubjectType;

  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
