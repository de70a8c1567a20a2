import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/**
 * A real SMTP server in the test process that accepts everything and only
 * counts: messages per envelope recipient and per `X-Plenary-Outbox-Id`
 * header (the outbox row a message was sent for). Made for thousands of
 * messages, which `SmtpSink` would each parse in full, and for tests that kill
 * a client mid-transaction: the connection's reset is recorded, not thrown
 * (`SmtpSink` has no 'error' listener, so a reset inside a transaction is an
 * uncaught exception in the test process).
 */
export class CountingSmtpSink {
  readonly byRecipient = new Map<string, number>();
  readonly byOutboxId = new Map<string, number>();
  /** Messages accepted (read in full; the answer is 250). */
  messages = 0;
  /** Connections that broke off, e.g. their client was killed. */
  readonly connectionErrors: Error[] = [];
  private readonly server: SMTPServer;
  private port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      disableReverseLookup: true,
      logger: false,
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) => {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (!head.includes('\r\n\r\n') && head.length < 64_000) head += chunk.toString('latin1');
        });
        stream.on('error', (error: Error) => this.connectionErrors.push(error));
        stream.on('end', () => {
          this.messages += 1;
          for (const rcpt of session.envelope.rcptTo) this.add(this.byRecipient, rcpt.address.toLowerCase());
          const header = head.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');
          const outboxId = /^X-Plenary-Outbox-Id:\s*(\S+)/im.exec(header)?.[1];
          if (outboxId) this.add(this.byOutboxId, outboxId);
          callback();
        });
      },
    });
    this.server.on('error', (error: Error) => this.connectionErrors.push(error));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?tls=off`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private add(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}
