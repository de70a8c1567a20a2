import { EmailAttachment } from './email.entity';
import { MailLanguage } from './mail-language';
import { RenderedMail, SafeHtml, escapeHtml } from './mail-template';

/** An event's own subject and body of a system email; `{name}`-style placeholders in both. */
export interface EditedText {
  subject: string;
  body: string;
}

/**
 * A kind of system email organisers may reword. The module that sends it
 * describes it: its placeholders, its default wording (the template's own,
 * with placeholders where the values go) and a rendering with sample values.
 */
export interface EditableEmail<Context> {
  kind: string;
  placeholders: readonly string[];
  defaults(language: MailLanguage): EditedText;
  /** The message as a recipient would get it, with `text` (or the default wording when null). */
  sample(language: MailLanguage, text: EditedText | null, context: Context): RenderedMail & { attachments?: EmailAttachment[] };
}

const PLACEHOLDER = /\{(\w+)\}/g;

export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** The placeholders a text uses that its kind does not fill, in order of appearance. */
export function unknownPlaceholders(text: string, known: readonly string[]): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => !known.includes(name)))];
}

/** Paragraphs of the filled body; a paragraph left empty by its placeholders is dropped. */
function paragraphs(body: string, values: Record<string, string>): string[] {
  return fillPlaceholders(body, values)
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}

/** The body as HTML paragraphs, every character of the organisers' text and of the values escaped. */
export function editedBodyHtml(body: string, values: Record<string, string>): SafeHtml {
  return new SafeHtml(
    paragraphs(body.replace(/\r\n/g, '\n'), values)
      .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
      .join('\n'),
  );
}

export function editedBodyText(body: string, values: Record<string, string>): string {
  return paragraphs(body.replace(/\r\n/g, '\n'), values).join('\n\n');
}
