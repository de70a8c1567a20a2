import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Event } from '../events/event.entity';

/**
 * A change whose notices went out. The maintenance sweep re-derives the
 * changes that need notices from agenda versions and events, and re-creates
 * the job of any change without a row here, so a notice job lost between a
 * commit and its enqueue (or with Redis) is still sent.
 */
@Entity('notified_changes')
export class NotifiedChange {
  /** The `notify-change` job's id, which names the change (see ChangeNoticesProcessor). */
  @PrimaryColumn({ type: 'text' })
  changeKey: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'notified_changes_event_id_fkey' })
  event?: Event;

  /** Notices this change created (a re-run counts only its own). */
  @Column({ type: 'int' })
  recipients: number;

  @CreateDateColumn({ type: 'timestamptz' })
  notifiedAt: Date;
}
