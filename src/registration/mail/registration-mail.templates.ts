import { MailTemplate, html } from '../../platform/mail/mail-template';

/** What every registration email knows about its event and attendee. */
export interface RegistrationMailParams {
  name: string;
  eventTitle: string;
  /** e.g. "8–9 October 2019, 09:00–17:30 (Europe/Brussels)". */
  when: string;
  venue: string | null;
  link: string;
  checkInCode: string;
}

const where = (p: RegistrationMailParams) => (p.venue ? ` at ${p.venue}` : '');

const manageHtml = (p: RegistrationMailParams) =>
  html`<p>
    See or change your registration, or cancel it, here: <a href="${p.link}">my registration</a>. Keep this link to yourself: it opens your
    registration without a password.
  </p>`;
const manageText = (p: RegistrationMailParams) =>
  `See or change your registration, or cancel it, here:\n${p.link}\nKeep this link to yourself: it opens your registration without a password.`;

export const registrationConfirmedTemplate: MailTemplate<RegistrationMailParams> = {
  kind: 'registration-confirmed',
  subject: (p) => `Registration confirmed: ${p.eventTitle}`,
  html: (p) =>
    html`<p>Dear ${p.name},</p>
      <p>your place at <strong>${p.eventTitle}</strong>${where(p)} is confirmed: ${p.when}.</p>
      <p>
        Your check-in code is <strong style="font-size:1.4em;letter-spacing:0.1em">${p.checkInCode}</strong>. Show it at the entrance on
        each day.
      </p>
      ${manageHtml(p)}
      <p>The attached calendar file adds the event to your calendar.</p>`,
  text: (p) => `Dear ${p.name},

your place at "${p.eventTitle}"${where(p)} is confirmed: ${p.when}.

Your check-in code is ${p.checkInCode}. Show it at the entrance on each day.

${manageText(p)}

The attached calendar file adds the event to your calendar.`,
};

export const registrationWaitlistedTemplate: MailTemplate<RegistrationMailParams> = {
  kind: 'registration-waitlisted',
  subject: (p) => `You are on the waiting list: ${p.eventTitle}`,
  html: (p) =>
    html`<p>Dear ${p.name},</p>
      <p>
        <strong>${p.eventTitle}</strong> (${p.when}) is full, so you are on its waiting list. When a place frees up, the first person on the
        list gets it, and we will email you at once.
      </p>
      ${manageHtml(p)}`,
  text: (p) => `Dear ${p.name},

"${p.eventTitle}" (${p.when}) is full, so you are on its waiting list. When a place frees up, the first person on the list gets it, and we will email you at once.

${manageText(p)}`,
};

export const registrationPromotedTemplate: MailTemplate<RegistrationMailParams> = {
  kind: 'registration-promoted',
  subject: (p) => `A place is yours: ${p.eventTitle}`,
  html: (p) =>
    html`<p>Dear ${p.name},</p>
      <p>a place freed up at <strong>${p.eventTitle}</strong>${where(p)} and it is now yours: ${p.when}.</p>
      <p>Your check-in code is <strong style="font-size:1.4em;letter-spacing:0.1em">${p.checkInCode}</strong>.</p>
      ${manageHtml(p)}
      <p>If you can no longer come, please cancel, so the next person on the list gets the place.</p>`,
  text: (p) => `Dear ${p.name},

a place freed up at "${p.eventTitle}"${where(p)} and it is now yours: ${p.when}.

Your check-in code is ${p.checkInCode}.

${manageText(p)}

If you can no longer come, please cancel, so the next person on the list gets the place.`,
};

export const registrationPendingTemplate: MailTemplate<RegistrationMailParams> = {
  kind: 'registration-pending',
  subject: (p) => `Registration received: ${p.eventTitle}`,
  html: (p) =>
    html`<p>Dear ${p.name},</p>
      <p>
        we received your registration for <strong>${p.eventTitle}</strong> (${p.when}). The organisers review each registration; you will
        hear from us when they have.
      </p>
      ${manageHtml(p)}`,
  text: (p) => `Dear ${p.name},

we received your registration for "${p.eventTitle}" (${p.when}). The organisers review each registration; you will hear from us when they have.

${manageText(p)}`,
};

export const registrationRejectedTemplate: MailTemplate<RegistrationMailParams> = {
  kind: 'registration-rejected',
  subject: (p) => `Your registration for ${p.eventTitle}`,
  html: (p) =>
    html`<p>Dear ${p.name},</p>
      <p>we are sorry: the organisers of <strong>${p.eventTitle}</strong> could not accept your registration.</p>`,
  text: (p) => `Dear ${p.name},

we are sorry: the organisers of "${p.eventTitle}" could not accept your registration.`,
};

export const registrationCancelledTemplate: MailTemplate<RegistrationMailParams> = {
  kind: 'registration-cancelled',
  subject: (p) => `Registration cancelled: ${p.eventTitle}`,
  html: (p) =>
    html`<p>Dear ${p.name},</p>
      <p>
        your registration for <strong>${p.eventTitle}</strong> (${p.when}) is cancelled. Your place goes to the next person on the waiting
        list.
      </p>`,
  text: (p) => `Dear ${p.name},

your registration for "${p.eventTitle}" (${p.when}) is cancelled. Your place goes to the next person on the waiting list.`,
};

export const registrationLinkTemplate: MailTemplate<RegistrationMailParams> = {
  kind: 'registration-link',
  subject: (p) => `Your registration link: ${p.eventTitle}`,
  html: (p) =>
    html`<p>Dear ${p.name},</p>
      <p>you (or someone with your address) asked for the link to your registration for <strong>${p.eventTitle}</strong>.</p>
      ${manageHtml(p)}
      <p>Earlier links keep working.</p>`,
  text: (p) => `Dear ${p.name},

you (or someone with your address) asked for the link to your registration for "${p.eventTitle}".

${manageText(p)}

Earlier links keep working.`,
};
