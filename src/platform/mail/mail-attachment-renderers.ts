import { Injectable } from '@nestjs/common';
import { EmailAttachment } from './email.entity';
import { MailDeliveryError } from './mail-transport';

/** Renders the document a `renderedBy` attachment names; null when it no longer exists (erased, revoked). */
export type AttachmentRenderer = (ref: string) => Promise<Buffer | null>;

/**
 * The modules whose documents travel as attachments register a renderer here at boot; the
 * send job renders each such attachment just before SMTP, so the outbox row holds a reference
 * instead of the bytes and the request that wrote the row did not pay for the rendering.
 */
@Injectable()
export class MailAttachmentRenderers {
  private readonly renderers = new Map<string, AttachmentRenderer>();

  register(kind: string, render: AttachmentRenderer): void {
    this.renderers.set(kind, render);
  }

  /** The attachments with every rendered one's bytes in place; a document that is gone fails the message for good. */
  async resolve(attachments: EmailAttachment[]): Promise<EmailAttachment[]> {
    return Promise.all(
      attachments.map(async (attachment) => {
        if (!('renderedBy' in attachment)) return attachment;
        const render = this.renderers.get(attachment.renderedBy);
        if (!render) throw new MailDeliveryError(`no renderer for ${attachment.renderedBy} attachments in this process`, false);
        const bytes = await render(attachment.ref);
        if (!bytes) throw new MailDeliveryError(`not sent: its ${attachment.filename} no longer exists`, true);
        const { filename, contentType, cid } = attachment;
        return { filename, contentType, ...(cid ? { cid } : {}), content: bytes.toString('base64') };
      }),
    );
  }
}
