import { Transporter, createTransport } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { MailDeliveryError, MailTransport, OutgoingMail, toNodemailerMessage } from './mail-transport';

interface SmtpError extends Error {
  responseCode?: number;
  code?: string;
}

/** One pooled SMTP transport per process. */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter: Transporter;

  constructor(smtpUrl: string) {
    const url = new URL(smtpUrl);
    this.transporter = createTransport({
      pool: true,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      // Local relays (Mailpit, the test sink) speak plain SMTP; STARTTLS is still
      // used whenever the server offers it.
      ignoreTLS: url.searchParams.get('tls') === 'off',
      tls: { rejectUnauthorized: url.searchParams.get('tls') !== 'insecure' },
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    // Built into one buffer before it meets the socket: streamed, nodemailer
    // writes a message in dozens of small writes, and those system calls were
    // the largest cost of a reminder fan-out (bench:fanout).
    const composed = toNodemailerMessage(mail);
    const message = new MailComposer(composed).compile();
    const raw = await message.build();
    try {
      // The same id and boundary again, so wrapping the raw message draws no random bytes either.
      await this.transporter.sendMail({
        envelope: message.getEnvelope(),
        raw,
        messageId: composed.messageId,
        baseBoundary: composed.baseBoundary,
      });
      return { messageId: composed.messageId };
    } catch (error) {
      const e = error as SmtpError;
      const code = e.responseCode;
      // 5xx is the server's final word on this message; 4xx and network trouble
      // are worth another try later.
      const permanent = code !== undefined && code >= 500 && code < 600;
      throw new MailDeliveryError(`SMTP ${code ?? e.code ?? 'error'}: ${e.message}`, permanent, code);
    }
  }

  async check(): Promise<void> {
    await this.transporter.verify();
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
