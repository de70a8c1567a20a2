// Aliased: Prettier would re-flow templates tagged `markup`, and this markup is laid out by hand.
import { MailLanguage } from '../../platform/mail/mail-language';
import { MailTemplate, html as markup } from '../../platform/mail/mail-template';
import { CERTIFICATE_WORDS } from '../certificate-texts';

export interface CertificateReadyParams {
  language: MailLanguage;
  name: string;
  eventTitle: string;
  /** The PDF, drawn when it is opened: the outbox row carries the link, never the document. */
  pdfLink: string;
  verifyLink: string;
}

export const certificateReadyTemplate: MailTemplate<CertificateReadyParams> = {
  kind: 'certificate',
  language: (p) => p.language,
  subject: (p) => CERTIFICATE_WORDS[p.language].mailSubject(p.eventTitle),
  html: (p) => {
    const w = CERTIFICATE_WORDS[p.language];
    return markup`<p>${w.mailGreeting(p.name)}</p>
<p>${w.mailBody(p.eventTitle)}</p>
<p><a href="${p.pdfLink}">${w.download}</a></p>
<p>${w.verify} <a href="${p.verifyLink}">${p.verifyLink}</a></p>`;
  },
  text: (p) => {
    const w = CERTIFICATE_WORDS[p.language];
    return `${w.mailGreeting(p.name)}

${w.mailBody(p.eventTitle)}

${w.download}: ${p.pdfLink}

${w.verify} ${p.verifyLink}`;
  },
};
