import { Column, Entity, PrimaryColumn } from 'typeorm';
import { MagicLinkSubjectType } from './magic-link-token.entity';

/** When a subject was last re-sent a link: at most once a minute. */
@Entity('magic_link_resends')
export class MagicLinkResend {
  @PrimaryColumn({ type: 'text' })
  subjectType: MagicLinkSubjectType;

  @PrimaryColumn({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'timestamptz' })
  lastSentAt: Date;
}
