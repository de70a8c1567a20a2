import { Transporter, createTransport } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { MailDeliveryError, MailTransport, OutgoingMail, toNodemailerMessage } from './mail-transport';
import { mimeBytes } from './mime-bytes';
import { PreparedMail } from './prepared-mail';

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
    // Written into one buffer in one pass and piped to the pool as it is:
    // nodemailer's own build streams each part through a chain of small
    // transforms and sendMail wraps the result in two more, the largest CPU
    // cost per message of a reminder fan-out (bench:fanout).
    const composed = toNodemailerMessage(mail);
    const message = new MailComposer(composed).compile();
    const bytes = mimeBytes(message) ?? (await message.build());
    try {
      await this.deliver(new PreparedMail(bytes, message.getEnvelope(), composed.messageId));
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

  private deliver(mail: PreparedMail): Promise<void> {
    return new Promise((resolve, reject) =>
      this.transporter.transporter.send(mail.asMailMessage(), (error) => (error ? reject(error) : resolve())),
    );
  }

  async check(): Promise<void> {
    await this.transporter.verify();
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
