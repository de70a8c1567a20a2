import type { Response } from 'express';
import { EmailAttachment } from '../../platform/mail/email.entity';
import { attachmentBytes } from '../../platform/mail/mail-transport';

/**
 * An email's HTML is someone else's markup: it is served on its own, for a
 * sandboxed frame of the dashboard page (the only place allowed to frame it),
 * with no script, no request anywhere, and only its inline styles and images.
 */
const FRAME_POLICY = [
  'sandbox',
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self'",
].join('; ');

/** The images the HTML shows from its attachments (`cid:`) as data URLs, so the frame needs no request. */
export function inlineImages(html: string, attachments: EmailAttachment[]): string {
  let out = html;
  for (const attachment of attachments) {
    if (!attachment.cid || 'renderedBy' in attachment) continue;
    const png = attachmentBytes(attachment);
    out = out.split(`cid:${attachment.cid}`).join(`data:${attachment.contentType};base64,${png.toString('base64')}`);
  }
  return out;
}

export function sendEmailFrame(res: Response, html: string): void {
  res
    .status(200)
    .type('text/html; charset=utf-8')
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Content-Security-Policy', FRAME_POLICY)
    .setHeader('X-Content-Type-Options', 'nosniff')
    .setHeader('Referrer-Policy', 'no-referrer')
    .send(html);
}
