import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Event } from '../events/event.entity';
import type { AnnouncementAudience, AnnouncementTranslationLanguage } from './dto/announcement.dto';

export type AnnouncementStatus = 'draft' | 'sending' | 'sent';

/**
 * A message organisers write to an audience, reviewed (preview and recipients)
 * before it is sent. Optional ones carry List-Unsubscribe and skip opt-outs;
 * transactional ones always go.
 */
@Entity('announcements')
@Index('announcements_event_idx', ['eventId', 'createdAt'])
@Check('announcements_status_check', `status IN ('draft', 'sending', 'sent')`)
export class Announcement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'announcements_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'text' })
  audience: AnnouncementAudience;

  /** The same announcement written in other languages; a recipient reading none of them gets `subject` and `message`. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  translations: Partial<Record<AnnouncementTranslationLanguage, { subject: string; message: string }>>;

  /** The registrations it goes to, for the audience `selected_registrations`. */
  @Column({ type: 'uuid', array: true, nullable: true })
  registrationIds: string[] | null;

  @Column({ type: 'boolean' })
  optional: boolean;

  @Column({ type: 'text', default: 'draft' })
  status: AnnouncementStatus;

  @Column({ type: 'int', default: 0 })
  recipients: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
