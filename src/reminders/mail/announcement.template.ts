import { MailTemplate, html } from '../../platform/mail/mail-template';

export interface AnnouncementParams {
  name: string;
  eventTitle: string;
  subject: string;
  message: string;
  link: string;
  /** Present on optional announcements only. */
  unsubscribe: string | null;
}

export const announcementTemplate: MailTemplate<AnnouncementParams> = {
  kind: 'announcement',
  subject: (p) => `${p.subject} — ${p.eventTitle}`,
  html: (p) =>
    html`<p>Dear ${p.name},</p>
      ${p.message.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph}</p>`)}
      <p><a href="${p.link}">Your registration and programme</a></p>
      ${p.unsubscribe ? html`<p style="font-size:0.85em;color:#555">You receive this as a participant of ${p.eventTitle}. <a href="${p.unsubscribe}">No more news of this event</a>.</p>` : ''}`,
  text: (p) => `Dear ${p.name},

${p.message}

Your registration and programme: ${p.link}${p.unsubscribe ? `\n\nNo more news of this event: ${p.unsubscribe}` : ''}`,
};
