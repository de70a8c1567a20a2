import { MailLanguage } from './mail-language';

/**
 * A message kind: one typed function from its parameters to subject, HTML and
 * plain text. Modules define their own kinds; the platform only renders.
 */
export interface MailTemplate<P> {
  kind: string;
  /** The language the message is written in: its frame, `lang` and `Content-Language` follow it. */
  language(params: P): MailLanguage;
  subject(params: P): string;
  /** Body HTML (inside the common layout); build it with the `html` tag. */
  html(params: P): SafeHtml;
  text(params: P): string;
}

export interface RenderedMail {
  language: MailLanguage;
  subject: string;
  html: string;
  text: string;
  /** Headers every message of this language carries. */
  headers: Record<string, string>;
}

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Tagged template that escapes every interpolated value unless it is SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    const rendered = Array.isArray(value)
      ? value.map((v) => (v instanceof SafeHtml ? v.value : escapeHtml(v))).join('')
      : value instanceof SafeHtml
        ? value.value
        : value === null || value === undefined
          ? ''
          : escapeHtml(value);
    out += rendered + strings[i + 1];
  });
  return new SafeHtml(out);
}

const SENT_BY: Record<MailLanguage, string> = {
  en: 'Sent by Plenary.',
  es: 'Enviado por Plenary.',
  pt: 'Enviado pelo Plenary.',
  fr: 'Envoyé par Plenary.',
};

export function renderMail<P>(template: MailTemplate<P>, params: P): RenderedMail {
  const language = template.language(params);
  const subject = template.subject(params);
  const body = template.html(params).value;
  return {
    language,
    subject,
    html: `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(
      subject,
    )}</title></head><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;line-height:1.5;color:#1a1a1a;max-width:40rem;margin:0 auto;padding:1rem">${body}<hr style="border:none;border-top:1px solid #ddd;margin-top:2rem"><p style="font-size:0.85em;color:#555">${SENT_BY[language]}</p></body></html>`,
    text: `${template.text(params).trim()}\n\n-- \n${SENT_BY[language]}\n`,
    headers: { 'Content-Language': language },
  };
}
