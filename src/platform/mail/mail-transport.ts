import { randomUUID } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import { qrPng } from '../qr/qr-png';
import { EmailAttachment } from './email.entity';

export interface OutgoingMail {
  from: string;
  to: { address: string; name?: string | null };
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  attachments: EmailAttachment[];
  /** Our row id, sent as a header so a message can be traced to its outbox row. */
  outboxId: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'files';
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  /** Answers whether mail can go out now; used by /health. */
  check(): Promise<void>;
  close(): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** An SMTP answer or network failure, classified for the retry decision. */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
  }
}

/**
 * The message as nodemailer composes it. Its Message-ID is the outbox row's
 * (a row sent again after a crash carries the same id, so receivers can fold
 * the copies, and a bounce names the row), and its MIME boundaries come from
 * one random UUID: nodemailer's own draw several random byte strings per
 * message, a measurable share of a fan-out.
 */
export function toNodemailerMessage(mail: OutgoingMail) {
  return {
    messageId: `<${mail.outboxId}@${domainOf(mail.from)}>`,
    baseBoundary: randomUUID().replace(/-/g, ''),
    from: mail.from,
    to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    headers: { ...mail.headers, 'X-Plenary-Outbox-Id': mail.outboxId },
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      ...(a.cid ? { cid: a.cid } : {}),
      content: attachmentBytes(a),
    })),
  };
}

/** The bytes of an attachment kept in the row (`renderedBy` ones are rendered by the sender first). */
export function attachmentBytes(attachment: EmailAttachment): Buffer {
  if ('qrCodeOf' in attachment) return qrPng(attachment.qrCodeOf);
  if ('content' in attachment) return Buffer.from(attachment.content, 'base64');
  throw new Error(`attachment ${attachment.filename} is rendered by ${attachment.renderedBy} when the message is sent`);
}

function domainOf(from: string): string {
  const [first] = addressparser(from, { flatten: true });
  return first?.address?.split('@')[1] || 'localhost';
}
