import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Event } from '../events/event.entity';

export const ORGANISATION_TYPES = [
  'public_authority',
  'university_research',
  'business',
  'ngo',
  'international_organisation',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const BIOGRAPHY_MAX_LENGTH = 1000;

/**
 * A person in one event: chair, presenter or attendee alike, so someone who
 * presents and also registers counts once. The email is unique per event,
 * compared case-insensitively.
 */
@Entity('people')
@Index('people_event_email_key', ['eventId', 'emailKey'], { unique: true, where: 'email_key IS NOT NULL' })
@Check('people_country_code_check', `country_code IS NULL OR country_code ~ '^[A-Z]{2}$'`)
@Check('people_biography_length_check', `biography IS NULL OR char_length(biography) <= 1000`)
@Index('people_event_biography_idx', ['eventId', 'biographyUpdatedAt'], { where: 'biography_updated_at IS NOT NULL' })
export class Person {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'people_event_id_fkey' })
  event?: Event;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  /** lower(email): what uniqueness is checked on. */
  @Column({ type: 'text', nullable: true })
  emailKey: string | null;

  @Column({ type: 'text', nullable: true })
  organisation: string | null;

  @Column({ type: 'text', nullable: true })
  organisationType: OrganisationType | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  countryCode: string | null;

  /** Role or title, e.g. "Head of the Development and Industry Division". */
  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text', nullable: true })
  language: string | null;

  /** The presenter's own short biography (plain text, at most 1000 characters), shown on public speaker pages. */
  @Column({ type: 'text', nullable: true })
  biography: string | null;

  /** When the biography last changed: the public exports are rebuilt after it. */
  @Column({ type: 'timestamptz', nullable: true })
  biographyUpdatedAt: Date | null;

  /** Set when personal data was erased; region, country and organisation type stay for the counts. */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
