import { MailLanguage, mailLocale } from '../platform/mail/mail-language';

/** Every word a certificate, its email and its verification page say, per language. */
export interface CertificateWords {
  attendanceTitle: string;
  presenterTitle: string;
  attendanceBody(name: string, event: string, venue: string | null): string;
  presenterBody(name: string, event: string, venue: string | null, dates: string): string;
  participant: string;
  event: string;
  daysAttended: string;
  presentation: string;
  reference: string;
  verifyAt: string;
  issuedOn(date: string): string;
  valid: string;
  revoked: string;
  verificationHeading: string;
  mailSubject(event: string): string;
  mailGreeting(name: string): string;
  mailBody(event: string): string;
  download: string;
  verify: string;
}

const at = (venue: string | null, word: string) => (venue ? ` ${word} ${venue}` : '');

export const CERTIFICATE_WORDS: Record<MailLanguage, CertificateWords> = {
  en: {
    attendanceTitle: 'Certificate of attendance',
    presenterTitle: 'Certificate of presentation',
    attendanceBody: (name, event, venue) => `This is to certify that ${name} attended ${event}${at(venue, 'in')} on the days listed below.`,
    presenterBody: (name, event, venue, dates) => `This is to certify that ${name} presented at ${event}${at(venue, 'in')} (${dates}).`,
    participant: 'Participant',
    event: 'Event',
    daysAttended: 'Days attended',
    presentation: 'Presentation',
    reference: 'Certificate code',
    verifyAt: 'Verify at',
    issuedOn: (date) => `Issued on ${date}`,
    valid: 'Valid certificate',
    revoked: 'This certificate has been revoked',
    verificationHeading: 'Certificate verification',
    mailSubject: (event) => `Your certificate: ${event}`,
    mailGreeting: (name) => `Dear ${name},`,
    mailBody: (event) => `your certificate for ${event} is ready.`,
    download: 'Download the certificate (PDF)',
    verify: 'Anyone can check it at',
  },
  es: {
    attendanceTitle: 'Certificado de asistencia',
    presenterTitle: 'Certificado de presentación',
    attendanceBody: (name, event, venue) =>
      `Se certifica que ${name} asistió a ${event}${at(venue, 'en')} los días indicados a continuación.`,
    presenterBody: (name, event, venue, dates) => `Se certifica que ${name} presentó en ${event}${at(venue, 'en')} (${dates}).`,
    participant: 'Participante',
    event: 'Evento',
    daysAttended: 'Días de asistencia',
    presentation: 'Presentación',
    reference: 'Código del certificado',
    verifyAt: 'Verificación',
    issuedOn: (date) => `Emitido el ${date}`,
    valid: 'Certificado válido',
    revoked: 'Este certificado ha sido revocado',
    verificationHeading: 'Verificación del certificado',
    mailSubject: (event) => `Su certificado: ${event}`,
    mailGreeting: (name) => `Estimado/a ${name}:`,
    mailBody: (event) => `su certificado de ${event} está listo.`,
    download: 'Descargar el certificado (PDF)',
    verify: 'Cualquiera puede comprobarlo en',
  },
  pt: {
    attendanceTitle: 'Certificado de presença',
    presenterTitle: 'Certificado de apresentação',
    attendanceBody: (name, event, venue) => `Certifica-se que ${name} participou em ${event}${at(venue, 'em')} nos dias indicados abaixo.`,
    presenterBody: (name, event, venue, dates) => `Certifica-se que ${name} apresentou em ${event}${at(venue, 'em')} (${dates}).`,
    participant: 'Participante',
    event: 'Evento',
    daysAttended: 'Dias de presença',
    presentation: 'Apresentação',
    reference: 'Código do certificado',
    verifyAt: 'Verificação',
    issuedOn: (date) => `Emitido em ${date}`,
    valid: 'Certificado válido',
    revoked: 'Este certificado foi revogado',
    verificationHeading: 'Verificação do certificado',
    mailSubject: (event) => `O seu certificado: ${event}`,
    mailGreeting: (name) => `Caro/a ${name},`,
    mailBody: (event) => `o seu certificado de ${event} está pronto.`,
    download: 'Descarregar o certificado (PDF)',
    verify: 'Qualquer pessoa pode verificá-lo em',
  },
  fr: {
    attendanceTitle: 'Attestation de présence',
    presenterTitle: 'Attestation de présentation',
    attendanceBody: (name, event, venue) =>
      `Nous certifions que ${name} a assisté à ${event}${at(venue, 'à')} les jours indiqués ci-dessous.`,
    presenterBody: (name, event, venue, dates) => `Nous certifions que ${name} a présenté à ${event}${at(venue, 'à')} (${dates}).`,
    participant: 'Participant·e',
    event: 'Événement',
    daysAttended: 'Jours de présence',
    presentation: 'Présentation',
    reference: "Code de l'attestation",
    verifyAt: 'Vérification',
    issuedOn: (date) => `Délivrée le ${date}`,
    valid: 'Attestation valide',
    revoked: 'Cette attestation a été révoquée',
    verificationHeading: "Vérification de l'attestation",
    mailSubject: (event) => `Votre attestation : ${event}`,
    mailGreeting: (name) => `Bonjour ${name},`,
    mailBody: (event) => `votre attestation pour ${event} est prête.`,
    download: "Télécharger l'attestation (PDF)",
    verify: 'Chacun peut la vérifier sur',
  },
};

/**
 * A local date of the event (YYYY-MM-DD, already in its zone) in words of the
 * language: "Tuesday 8 October 2019", "martes, 8 de octubre de 2019".
 */
export function formatDay(day: string, language: MailLanguage): string {
  return new Intl.DateTimeFormat(mailLocale(language), { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** The first and last local dates of the event as one range in words of the language. */
export function formatDayRange(first: string, last: string, language: MailLanguage): string {
  const format = new Intl.DateTimeFormat(mailLocale(language), { dateStyle: 'long', timeZone: 'UTC' });
  return first === last
    ? format.format(new Date(`${first}T12:00:00Z`))
    : format.formatRange(new Date(`${first}T12:00:00Z`), new Date(`${last}T12:00:00Z`));
}
