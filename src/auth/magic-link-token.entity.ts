import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type MagicLinkSubjectType = 'registration' | 'presenter' | 'organiser-password' | 'opt-out';

/**
 * A token emailed in a link. It belongs to one subject (a registration, a
 * presenter's part in an event, an organiser setting a password); only its
 * SHA-256 is stored.
 */
@Entity('magic_link_tokens')
@Index('magic_link_tokens_subject_idx', ['subjectType', 'subjectId'])
export class MagicLinkToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  subjectType: MagicLinkSubjectType;

  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
