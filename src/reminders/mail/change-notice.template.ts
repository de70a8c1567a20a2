import { MailTemplate, html } from '../../platform/mail/mail-template';

export interface ChangeNoticeParams {
  name: string;
  eventTitle: string;
  /** One line per change that concerns the person, already in the event's local time. */
  changes: string[];
  /** Set when the whole event was cancelled or postponed. */
  headline: string;
  link: string;
}

/** Sent once per person and change: what moved or was cancelled that concerns them. */
export const changeNoticeTemplate: MailTemplate<ChangeNoticeParams> = {
  kind: 'change-notice',
  subject: (p) => `${p.headline}: ${p.eventTitle}`,
  html: (p) =>
    html`<p>Dear ${p.name},</p>
      <p>${p.headline} — <strong>${p.eventTitle}</strong>:</p>
      <ul>
        ${p.changes.map((c) => html`<li>${c}</li>`)}
      </ul>
      <p><a href="${p.link}">See your programme and calendar</a></p>`,
  text: (p) => `Dear ${p.name},

${p.headline} — "${p.eventTitle}":

${p.changes.map((c) => `- ${c}`).join('\n')}

See your programme and calendar: ${p.link}`,
};
