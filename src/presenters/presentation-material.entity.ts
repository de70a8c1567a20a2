import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Presentation } from '../agenda/presentation.entity';
import { Organiser } from '../auth/organiser.entity';
import { Event } from '../events/event.entity';
import { Person } from '../people/person.entity';
import { MaterialKind } from './material-types';

export type MaterialUploader = 'presenter' | 'organiser';

/** Postgres answers bigint as text; sizes stay far below 2^53. */
const bigintAsNumber = { to: (value: number) => value, from: (value: string) => Number(value) };

/**
 * One uploaded version of a presentation's materials; the highest version is
 * the current one. The bytes live in FileStorage under `storageKey`.
 */
@Entity('presentation_materials')
@Index('presentation_materials_presentation_version_key', ['presentationId', 'version'], { unique: true })
@Index('presentation_materials_storage_key_key', ['storageKey'], { unique: true })
@Index('presentation_materials_event_id_idx', ['eventId'])
@Check('presentation_materials_kind_check', `kind IN ('pdf', 'pptx', 'odp', 'docx', 'xlsx', 'png', 'jpeg', 'mp4', 'zip')`)
@Check('presentation_materials_uploaded_by_check', `uploaded_by IN ('presenter', 'organiser')`)
@Check('presentation_materials_version_check', `version > 0`)
export class PresentationMaterial {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  presentationId: string;

  @ManyToOne(() => Presentation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'presentation_id', foreignKeyConstraintName: 'presentation_materials_presentation_id_fkey' })
  presentation?: Presentation;

  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'presentation_materials_event_id_fkey' })
  event?: Event;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  storageKey: string;

  /** The uploaded name, sanitised; only ever shown and offered as the download name. */
  @Column({ type: 'text' })
  fileName: string;

  /** What the content is, by its bytes. */
  @Column({ type: 'text' })
  kind: MaterialKind;

  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  sizeBytes: number;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text' })
  uploadedBy: MaterialUploader;

  @Column({ type: 'uuid', nullable: true })
  uploadedByPersonId: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by_person_id', foreignKeyConstraintName: 'presentation_materials_uploaded_by_person_id_fkey' })
  uploadedByPerson?: Person;

  @Column({ type: 'uuid', nullable: true })
  uploadedByOrganiserId: string | null;

  @ManyToOne(() => Organiser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by_organiser_id', foreignKeyConstraintName: 'presentation_materials_uploaded_by_organiser_id_fkey' })
  uploadedByOrganiser?: Organiser;

  /** The uploader's name as it was, so the history reads the same after people change. */
  @Column({ type: 'text' })
  uploaderName: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  uploadedAt: Date;

  @Column({ type: 'boolean', default: false })
  isPublic: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  madePublicAt: Date | null;
}
