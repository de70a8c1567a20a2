// Aliased: Prettier would re-flow templates tagged `markup`, and this markup is laid out by hand.
import { MailTemplate, html as markup } from '../../platform/mail/mail-template';

export interface ReportReadyParams {
  organiserName: string;
  eventTitle: string;
  version: number;
  automatic: boolean;
  /** e.g. [["people involved", 214], ["regions", "40 from 16 countries"]]. */
  headline: Array<[string, string | number]>;
  link: string;
  csvLink: string;
}

export const reportReadyTemplate: MailTemplate<ReportReadyParams> = {
  kind: 'report-ready',
  // Organisers' pages are in English, and so is their mail.
  language: () => 'en',
  subject: (p) => `Report ready: ${p.eventTitle} (version ${p.version})`,
  html: (p) => markup`<p>Dear ${p.organiserName},</p>
<p>${p.automatic ? 'The post-event report' : 'The report you asked for'} of <strong>${p.eventTitle}</strong> is ready (version ${p.version}).</p>
<ul>${p.headline.map(([label, value]) => markup`<li>${label}: <strong>${value}</strong></li>`)}</ul>
<p><a href="${p.link}">Open the report</a> (printable) · <a href="${p.csvLink}">CSV</a></p>`,
  text: (p) => `Dear ${p.organiserName},

${p.automatic ? 'The post-event report' : 'The report you asked for'} of "${p.eventTitle}" is ready (version ${p.version}).

${p.headline.map(([label, value]) => `- ${label}: ${value}`).join('\n')}

Open the report (printable): ${p.link}
CSV: ${p.csvLink}`,
};
