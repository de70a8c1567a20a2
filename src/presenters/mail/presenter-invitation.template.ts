import { MailTemplate, html } from '../../platform/mail/mail-template';

export interface PresenterInvitationParams {
  presenterName: string;
  invitedBy: string;
  eventTitle: string;
  /** e.g. "8 October 2019 at 09:00 – 9 October 2019 at 17:30 (Europe/Brussels)". */
  eventWhen: string;
  venue: string | null;
  presentationTitle: string;
  coPresenters: string[];
  /** The slot in the published agenda, or null before it has one. */
  slot: string | null;
  materialsDue: string | null;
  link: string;
  expiresOn: string;
}

export const presenterInvitationTemplate: MailTemplate<PresenterInvitationParams> = {
  kind: 'presenter-invitation',
  subject: (p) => `[Action required] Confirm your presentation at ${p.eventTitle}`,
  html: (p) =>
    html`<p>Dear ${p.presenterName},</p>
      <p>
        ${p.invitedBy} invites you to present <strong>${p.presentationTitle}</strong> at <strong>${p.eventTitle}</strong>,
        ${p.eventWhen}${p.venue ? `, ${p.venue}` : ''}.
      </p>
      ${p.coPresenters.length > 0 ? html`<p>You present together with ${p.coPresenters.join(', ')}.</p>` : ''}
      <p>${p.slot ? `Your slot: ${p.slot}.` : 'Your slot will follow with the published agenda.'}</p>
      <p>
        On your presenter page you can confirm or decline, describe your work (purpose, activities, implementation, pilot projects, results,
        lessons learned and next steps) and upload your materials${p.materialsDue ? html` by <strong>${p.materialsDue}</strong>` : ''}.
      </p>
      <p><a href="${p.link}">Open my presenter page</a></p>
      <p>The link is personal and works until ${p.expiresOn}; please do not forward it.</p>`,
  text: (p) => `Dear ${p.presenterName},

${p.invitedBy} invites you to present "${p.presentationTitle}" at "${p.eventTitle}", ${p.eventWhen}${p.venue ? `, ${p.venue}` : ''}.
${p.coPresenters.length > 0 ? `\nYou present together with ${p.coPresenters.join(', ')}.\n` : ''}
${p.slot ? `Your slot: ${p.slot}.` : 'Your slot will follow with the published agenda.'}

On your presenter page you can confirm or decline, describe your work (purpose, activities, implementation, pilot projects, results, lessons learned and next steps) and upload your materials${p.materialsDue ? ` by ${p.materialsDue}` : ''}.

${p.link}

The link is personal and works until ${p.expiresOn}; please do not forward it.`,
};
