/**
 * A message kind: one typed function from its parameters to subject, HTML and
 * plain text. Modules define their own kinds; the platform only renders.
 */
export interface MailTemplate<P> {
  kind: string;
  subject(params: P): string;
  /** Body HTML (inside the common layout); build it with the `html` tag. */
  html(params: P): SafeHtml;
  text(params: P): string;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
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

export function renderMail<P>(template: MailTemplate<P>, params: P): RenderedMail {
  const subject = template.subject(params);
  const body = template.html(params).value;
  return {
    subject,
    html: `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(
      subject,
    )}</title></head><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;line-height:1.5;color:#1a1a1a;max-width:40rem;margin:0 auto;padding:1rem">${body}<hr style="border:none;border-top:1px solid #ddd;margin-top:2rem"><p style="font-size:0.85em;color:#555">Sent by Plenary.</p></body></html>`,
    text: `${template.text(params).trim()}\n\n-- \nSent by Plenary.\n`,
  };
}
