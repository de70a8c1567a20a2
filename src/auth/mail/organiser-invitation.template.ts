import { MailTemplate, html } from '../../platform/mail/mail-template';

export interface OrganiserInvitationParams {
  invitedBy: string;
  eventTitle: string;
  role: string;
  link: string;
  expiresInHours: number;
}

export const organiserInvitationTemplate: MailTemplate<OrganiserInvitationParams> = {
  kind: 'organiser-invitation',
  // Organisers' pages are in English, and so is their mail.
  language: () => 'en',
  subject: (p) => `[Action required] ${p.invitedBy} invited you to organise ${p.eventTitle}`,
  html: (p) =>
    html`<p>Hello,</p>
      <p>${p.invitedBy} added you as ${p.role} of <strong>${p.eventTitle}</strong> on Plenary.</p>
      <p>To sign in, set a password for your new organiser account:</p>
      <p><a href="${p.link}">Set my password</a></p>
      <p>The link works for ${p.expiresInHours} hours; after that, use "forgot password" with this address.</p>`,
  text: (p) => `Hello,

${p.invitedBy} added you as ${p.role} of "${p.eventTitle}" on Plenary.

To sign in, set a password for your new organiser account:

${p.link}

The link works for ${p.expiresInHours} hours; after that, use "forgot password" with this address.`,
};
