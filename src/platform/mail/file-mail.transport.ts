import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile, access } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { MailTransport, OutgoingMail, toNodemailerMessage } from './mail-transport';

/**
 * The embedded runtime's transport: each message becomes an `.eml` file that
 * any mail client opens. Written to a temporary name and renamed, so a reader
 * never sees half a message.
 */
export class FileMailTransport implements MailTransport {
  readonly kind = 'files' as const;
  private readonly composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly dir: string) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    await mkdir(this.dir, { recursive: true });
    const info = await this.composer.sendMail(toNodemailerMessage(mail));
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.outboxId}.eml`;
    const temporary = join(this.dir, `.${randomUUID()}.tmp`);
    await writeFile(temporary, info.message as Buffer);
    await rename(temporary, join(this.dir, name));
    return { messageId: info.messageId };
  }

  async check(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await access(this.dir, constants.W_OK);
  }

  async close(): Promise<void> {}
}
