import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An address that hard-bounced or complained, per event: not mailed again for
 * that event until an organiser resends to it.
 */
@Entity('mail_suppressions')
export class MailSuppression {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  /** lower(address). */
  @PrimaryColumn({ type: 'text' })
  address: string;

  @Column({ type: 'text' })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
