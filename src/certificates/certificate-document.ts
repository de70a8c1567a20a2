import { qrPng } from '../platform/qr/qr-png';
import { MailLanguage } from '../platform/mail/mail-language';
import { PdfDocumentSpec } from '../platform/pdf/pdf-document';
import { CERTIFICATE_WORDS, formatDay, formatDayRange } from './certificate-texts';
import { CertificateKind } from './certificate.entity';

/** Everything a certificate prints, read from its row, its person, its event and the organisers' settings. */
export interface CertificateFacts {
  kind: CertificateKind;
  code: string;
  language: MailLanguage;
  name: string;
  event: { title: string; venue: string | null; days: string[]; coOrganisers: string[] };
  days: string[];
  presentationTitle: string | null;
  issuedOn: string;
  settings: { intro: string | null; signatoryName: string | null; signatoryTitle: string | null };
  verificationUrl: string;
}

/** The PDF of a certificate, as platform/pdf lays it out. */
export function certificateDocument(facts: CertificateFacts): PdfDocumentSpec {
  const words = CERTIFICATE_WORDS[facts.language];
  const { event } = facts;
  const title = facts.kind === 'attendance' ? words.attendanceTitle : words.presenterTitle;
  const dates = formatDayRange(event.days[0], event.days[event.days.length - 1], facts.language);
  const body =
    facts.kind === 'attendance'
      ? words.attendanceBody(facts.name, event.title, event.venue)
      : words.presenterBody(facts.name, event.title, event.venue, dates);
  const rows = [
    { label: words.participant, value: facts.name },
    { label: words.event, value: event.title },
    facts.kind === 'attendance'
      ? { label: words.daysAttended, value: facts.days.map((day) => formatDay(day, facts.language)).join('\n') }
      : { label: words.presentation, value: facts.presentationTitle ?? '' },
  ];
  return {
    language: facts.language,
    title: `${title} — ${event.title}`,
    letterhead: [event.title, ...(event.venue ? [`${event.venue} · ${dates}`] : [dates]), ...event.coOrganisers],
    dateLine: words.issuedOn(formatDay(facts.issuedOn, facts.language)),
    blocks: [
      { kind: 'heading', text: title },
      ...(facts.settings.intro ? [{ kind: 'paragraph' as const, text: facts.settings.intro }] : []),
      { kind: 'paragraph', text: body },
      { kind: 'facts', rows },
    ],
    signature: facts.settings.signatoryName
      ? { name: facts.settings.signatoryName, title: facts.settings.signatoryTitle ?? undefined }
      : undefined,
    footer: {
      reference: { label: words.reference, value: facts.code },
      verification: { label: words.verifyAt, url: facts.verificationUrl },
      qrPng: qrPng(facts.verificationUrl, 4),
    },
  };
}
