import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'bounced' | 'cancelled';

export type EmailAttachment = {
  filename: string;
  contentType: string;
  /** Set on an image the HTML shows in place, as `<img src="cid:…">`. */
  cid?: string;
} & (
  | {
      /** Base64, kept small (calendar files); materials are linked, never attached. */
      content: string;
    }
  | {
      /**
       * A PNG of the QR code of this text, drawn when the message is composed:
       * the row stays small, a resend shows the same image, and the request
       * that wrote the row did not pay for the drawing.
       */
      qrCodeOf: string;
    }
  | {
      /**
       * A document the owning module renders from its own rows when the message is sent
       * (`MailAttachmentRenderers`): a PDF letter is never copied into the outbox, and one
       * whose source was erased or revoked meanwhile is not sent.
       */
      renderedBy: string;
      ref: string;
    }
);

/**
 * One row per message: the outbox. The unique dedupe key makes every effect
 * happen once (design.md principle 2); the status moves queued → sending → sent
 * or failed, and the claim is a conditional update.
 */
@Entity('emails')
@Check('emails_status_check', `status IN ('queued', 'sending', 'sent', 'failed', 'bounced', 'cancelled')`)
@Index('emails_message_id_idx', ['messageId'], { where: 'message_id IS NOT NULL' })
@Index('emails_event_created_idx', ['eventId', 'createdAt'])
@Index('emails_pending_idx', ['status', 'createdAt'], { where: `status IN ('queued', 'sending')` })
export class Email {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  @Column({ type: 'text' })
  kind: string;

  @Index('emails_dedupe_key_key', { unique: true })
  @Column({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'text' })
  toAddress: string;

  @Column({ type: 'text', nullable: true })
  toName: string | null;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers: Record<string, string>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  attachments: EmailAttachment[];

  @Column({ type: 'text', default: 'queued' })
  status: EmailStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The BullMQ job currently responsible for this row. */
  @Column({ type: 'text' })
  jobId: string;

  /** How many jobs have been created for this row; names the next `<id>-<n>`. */
  @Column({ type: 'int', default: 1 })
  enqueues: number;

  @Column({ type: 'text', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  /** The send attempt holding the claim; its "sent" mark must carry it. */
  @Column({ type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  bouncedAt: Date | null;
}
