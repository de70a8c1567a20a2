import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { waitFor } from './wait-for';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  parsed: ParsedMail;
}

type Reply = { code: number; message: string };

/** A real SMTP server in the test process that records what it accepts. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Every DATA attempt, accepted or not. */
  attempts = 0;
  private replies: Reply[] = [];
  private hold: Promise<void> | null = null;
  private readonly server: SMTPServer;
  private port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onData: (stream: SMTPServerDataStream, _session: SMTPServerSession, callback: (error?: Error | null) => void) => {
        // A client killed mid-message (crash tests do that) must not fail the sink.
        this.accept(stream, callback).catch((error: Error) => callback(error));
      },
    });
  }

  async start(): Promise<this> {
    // A client killed mid-message (crash tests) resets its connection; that is expected, not a failure.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?tls=off`;
  }

  /** The next DATA commands answer with these codes, in order (e.g. 451, 451). */
  replyWith(...codes: number[]): void {
    this.replies.push(...codes.map((code) => ({ code, message: code >= 500 ? 'mailbox unavailable' : 'try again later' })));
  }

  /** Holds every DATA answer until `release` resolves, so a test can act mid-send. */
  holdUntil(release: Promise<void>): void {
    this.hold = release;
  }

  for(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address.toLowerCase()));
  }

  waitForMail(address: string, count = 1, timeoutMs = 20_000): Promise<ReceivedMail[]> {
    return waitFor(`${count} mail(s) to ${address}`, () => (this.for(address).length >= count ? this.for(address) : null), timeoutMs);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async accept(stream: SMTPServerDataStream, callback: (error?: Error | null) => void): Promise<void> {
    this.attempts += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (this.hold) await this.hold;
    const reply = this.replies.shift();
    if (reply) {
      const error = Object.assign(new Error(reply.message), { responseCode: reply.code });
      return callback(error);
    }
    const parsed = await simpleParser(Buffer.concat(chunks));
    const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) =>
      a.value.map((v) => (v.address ?? '').toLowerCase()),
    );
    this.received.push({
      to,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: parsed.html || '',
      headers: parsed.headers,
      parsed,
    });
    callback();
  }
}
