import { MailTemplate, html } from '../../platform/mail/mail-template';

export interface PasswordResetParams {
  name: string;
  link: string;
  expiresInHours: number;
}

export const passwordResetTemplate: MailTemplate<PasswordResetParams> = {
  kind: 'password-reset',
  // Organisers' pages are in English, and so is their mail.
  language: () => 'en',
  subject: () => 'Reset your Plenary password',
  html: (p) =>
    html`<p>Hello ${p.name},</p>
      <p>Someone asked to reset the password of your Plenary organiser account. If it was you, choose a new password here:</p>
      <p><a href="${p.link}">Choose a new password</a></p>
      <p>The link works for ${p.expiresInHours} hours. If you did not ask for it, ignore this message; your password stays as it is.</p>`,
  text: (p) => `Hello ${p.name},

Someone asked to reset the password of your Plenary organiser account. If it was you, choose a new password here:

${p.link}

The link works for ${p.expiresInHours} hours. If you did not ask for it, ignore this message; your password stays as it is.`,
};
