import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { until } from './demo-http';

export interface Mail {
  id: string;
  to: string[];
  subject: string;
  text: string;
  /** The content types of its attachments, e.g. `application/pdf`. */
  attachments: string[];
}

export interface Mailbox {
  readonly where: string;
  find(address: string, match: (mail: Mail) => boolean, timeoutMs?: number): Promise<Mail>;
  /** The matching mail if it has arrived, without waiting. */
  peek(address: string, match: (mail: Mail) => boolean): Promise<Mail | null>;
  /** Where a mail can be opened (a file path or a URL), for the final message. */
  locate(mail: Mail): string;
}

/** The embedded runtime's mail: one `.eml` file per message, read as it appears. */
export class EmlMailbox implements Mailbox {
  private readonly seen = new Set<string>();
  private readonly byAddress = new Map<string, Mail[]>();

  constructor(private readonly dir: string) {}

  get where(): string {
    return this.dir;
  }

  locate(mail: Mail): string {
    return join(this.dir, mail.id);
  }

  async find(address: string, match: (mail: Mail) => boolean, timeoutMs = 60_000): Promise<Mail> {
    return until(`an email to ${address}`, () => this.peek(address, match), timeoutMs, 150);
  }

  async peek(address: string, match: (mail: Mail) => boolean): Promise<Mail | null> {
    const key = address.toLowerCase();
    const hit = this.byAddress.get(key)?.find(match);
    if (hit) return hit;
    await this.refresh();
    return this.byAddress.get(key)?.find(match) ?? null;
  }

  private async refresh(): Promise<void> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml') && !this.seen.has(n)).sort();
    for (const name of names) {
      const mail = parseEml(name, await readFile(join(this.dir, name), 'utf8'));
      this.seen.add(name);
      for (const to of mail.to) this.byAddress.set(to, [...(this.byAddress.get(to) ?? []), mail]);
    }
  }
}

/** A Mailpit inbox, through its HTTP API. */
export class MailpitMailbox implements Mailbox {
  private readonly cache = new Map<string, Mail>();

  constructor(private readonly url: string) {}

  get where(): string {
    return this.url;
  }

  locate(mail: Mail): string {
    return `${this.url}/view/${mail.id}`;
  }

  async find(address: string, match: (mail: Mail) => boolean, timeoutMs = 60_000): Promise<Mail> {
    return until(`an email to ${address} in Mailpit`, () => this.peek(address, match), timeoutMs, 300);
  }

  async peek(address: string, match: (mail: Mail) => boolean): Promise<Mail | null> {
    {
      const search = await fetch(`${this.url}/api/v1/search?limit=50&query=${encodeURIComponent(`to:"${address}"`)}`);
      if (!search.ok) throw new Error(`Mailpit search answered ${search.status}`);
      const { messages } = (await search.json()) as { messages: Array<{ ID: string }> };
      for (const { ID } of [...messages].reverse()) {
        let mail = this.cache.get(ID);
        if (!mail) {
          const response = await fetch(`${this.url}/api/v1/message/${ID}`);
          const message = (await response.json()) as {
            Subject: string;
            Text: string;
            To: Array<{ Address: string }>;
            Attachments: Array<{ ContentType: string }> | null;
          };
          mail = {
            id: ID,
            subject: message.Subject,
            text: message.Text,
            to: message.To.map((t) => t.Address.toLowerCase()),
            attachments: (message.Attachments ?? []).map((a) => a.ContentType),
          };
          this.cache.set(ID, mail);
        }
        if (match(mail)) return mail;
      }
      return null;
    }
  }
}

export function parseEml(id: string, raw: string): Mail {
  const { headers, body } = splitPart(raw.replace(/\r\n/g, '\n'));
  const to = [...(headers.get('to') ?? '').matchAll(/<([^>]+)>|([^\s,<>"]+@[^\s,<>"]+)/g)].map((m) => (m[1] ?? m[2]).toLowerCase());
  return {
    id,
    to,
    subject: decodeWords(headers.get('subject') ?? ''),
    text: textOf(headers, body) ?? '',
    attachments: attachmentsOf(headers, body),
  };
}

function partsOf(type: string, body: string): Array<{ headers: Map<string, string>; body: string }> {
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return [];
  const parts = body.split(`--${boundary}`).slice(1);
  const last = parts.findIndex((part) => part.startsWith('--'));
  return (last < 0 ? parts : parts.slice(0, last)).map((part) => splitPart(part.replace(/^\n/, '')));
}

/** The content types of the parts sent as attachments, at any depth of the message. */
function attachmentsOf(headers: Map<string, string>, body: string): string[] {
  const type = headers.get('content-type') ?? 'text/plain';
  if (/^multipart\//i.test(type)) return partsOf(type, body).flatMap((part) => attachmentsOf(part.headers, part.body));
  return /^attachment/i.test(headers.get('content-disposition') ?? '') ? [type.split(';')[0].trim().toLowerCase()] : [];
}

export function splitPart(part: string): { headers: Map<string, string>; body: string } {
  const end = part.indexOf('\n\n');
  const head = end < 0 ? part : part.slice(0, end);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: end < 0 ? '' : part.slice(end + 2) };
}

export function textOf(headers: Map<string, string>, body: string): string | null {
  const type = headers.get('content-type') ?? 'text/plain';
  if (/^multipart\//i.test(type)) {
    for (const part of partsOf(type, body)) {
      const text = textOf(part.headers, part.body);
      if (text !== null) return text;
    }
    return null;
  }
  if (!/^text\/plain/i.test(type)) return null;
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return quotedPrintable(body.replace(/=\n/g, ''));
  return body;
}

export function quotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_, _charset: string, encoding: string, data: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : quotedPrintable(data.replace(/_/g, ' ')),
  );
}

export const tokenIn = (mail: Mail, path: string) => {
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in "${mail.subject}"`);
  return decodeURIComponent(match[1]);
};
/** Mails are written in each person's language, so they are told apart by the link they carry, not their subject. */
export const carries = (path: string) => (mail: Mail) => mail.text.includes(`${path}?token=`);
