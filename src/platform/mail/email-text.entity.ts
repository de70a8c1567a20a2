import { Column, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * An event's own wording of one kind of system email in one language. The
 * module that owns the kind fills its placeholders; the frame around it
 * (greeting-free parts such as codes, links and the footer) stays the template's.
 */
@Entity('email_texts')
@Unique('email_texts_event_kind_language_key', ['eventId', 'kind', 'language'])
export class EmailText {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_email_texts' })
  id: string;

  @Column({ type: 'uuid' })
  eventId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
