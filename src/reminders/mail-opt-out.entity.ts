import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Someone who asked for no more optional announcements of an event. */
@Entity('mail_opt_outs')
export class MailOptOut {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
