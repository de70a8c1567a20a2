import { Readable } from 'node:stream';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';
import type { MimeNodeEnvelope } from 'nodemailer/lib/mime-node';

/**
 * A message whose bytes are built, as nodemailer's pooled transport reads a MailMessage: its
 * `data` (abort signal, DSN, REQUIRETLS: none here) and its `message`'s envelope, Message-ID and
 * stream (smtp-pool/index.js and pool-resource.js read nothing else). Handed to the pool as it
 * is, the bytes are piped to the connection's dot-stuffing stream as they are; through sendMail
 * they would be wrapped in a MIME node again and streamed through two more transforms first.
 */
export class PreparedMail {
  readonly data = {};
  readonly message: Pick<MailMessage['message'], 'getEnvelope' | 'messageId' | 'getHeader' | 'createReadStream'>;

  constructor(bytes: Buffer, envelope: MimeNodeEnvelope, messageId: string) {
    this.message = {
      getEnvelope: () => envelope,
      messageId: () => messageId,
      getHeader: (key: string) => (key.toLowerCase() === 'message-id' ? messageId : undefined),
      // A new stream for every attempt: the pool sends a message again over another
      // connection when the one it was given closed before reading a byte of it.
      createReadStream: () =>
        new Readable({
          read() {
            this.push(bytes);
            this.push(null);
          },
        }),
    };
  }

  /** The pool's view of it; a cast, since nodemailer types the whole MailMessage the pool never reads. */
  asMailMessage<T>(): MailMessage<T> {
    return this as unknown as MailMessage<T>;
  }
}
