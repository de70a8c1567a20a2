import { MailLanguage, mailLocale } from '../platform/mail/mail-language';
import { PdfDocumentSpec } from '../platform/pdf/pdf-document';
import { qrPng } from '../platform/qr/qr-png';

/** What a letter says, gathered by LettersService from the request, the event and the organisers' settings. */
export interface LetterContent {
  language: MailLanguage;
  reference: string;
  verificationUrl: string;
  issuedAt: Date;
  passportName: string;
  nationality: string;
  passportNumberLast2: string;
  passportExpiry: string;
  dateOfBirth: string;
  consulateCity: string;
  consulateCountry: string;
  organisation: string | null;
  event: { title: string; startsAt: Date; endsAt: Date; venue: string | null; timezone: string };
  letterhead: string;
  signatory: { name: string; title: string; image: Buffer | null };
}

interface Words {
  title: string;
  to(city: string, country: string): string;
  subject: string;
  opening: string;
  invite(name: string, title: string, dates: string, venue: string): string;
  details: string;
  labels: { name: string; nationality: string; birth: string; passport: string; expiry: string; organisation: string };
  closing(venue: string): string;
  regards: string;
  issued(date: string): string;
  reference: string;
  verify: string;
  venueUnknown: string;
}

const WORDS: Record<MailLanguage, Words> = {
  en: {
    title: 'Visa invitation letter',
    to: (city, country) => `To the Consulate / Embassy in ${city}, ${country}`,
    subject: 'Subject: Invitation letter for a visa application',
    opening: 'Dear Sir or Madam,',
    invite: (name, title, dates, venue) =>
      `We hereby confirm that ${name} is registered to attend “${title}”, which takes place in ${venue} (${dates}), and we are pleased to invite them to take part.`,
    details: 'The participant’s details, as given on their passport:',
    labels: {
      name: 'Name',
      nationality: 'Nationality',
      birth: 'Date of birth',
      passport: 'Passport number',
      expiry: 'Passport valid until',
      organisation: 'Organisation',
    },
    closing: (venue) =>
      `This letter is issued only to support the participant’s visa application for travel to ${venue} for the meeting. It does not commit the organisers to any travel, accommodation or other costs.`,
    regards: 'Yours faithfully,',
    issued: (date) => `Issued on ${date}`,
    reference: 'Reference',
    verify: 'Verify this letter and its passport number at:',
    venueUnknown: 'the venue announced by the organisers',
  },
  es: {
    title: 'Carta de invitación para visado',
    to: (city, country) => `Al Consulado / a la Embajada en ${city}, ${country}`,
    subject: 'Asunto: carta de invitación para la solicitud de visado',
    opening: 'Estimados señores:',
    invite: (name, title, dates, venue) =>
      `Por la presente confirmamos que ${name} está inscrito/a en «${title}», que se celebra en ${venue} (${dates}), y tenemos el placer de invitarle a participar.`,
    details: 'Datos del participante, tal como figuran en su pasaporte:',
    labels: {
      name: 'Nombre',
      nationality: 'Nacionalidad',
      birth: 'Fecha de nacimiento',
      passport: 'Número de pasaporte',
      expiry: 'Pasaporte válido hasta',
      organisation: 'Organización',
    },
    closing: (venue) =>
      `Esta carta se expide únicamente para apoyar la solicitud de visado del participante para viajar a ${venue} con motivo de la reunión. No compromete a los organizadores a sufragar gastos de viaje, alojamiento ni otros.`,
    regards: 'Atentamente,',
    issued: (date) => `Expedida el ${date}`,
    reference: 'Referencia',
    verify: 'Verifique esta carta y su número de pasaporte en:',
    venueUnknown: 'el lugar anunciado por los organizadores',
  },
  pt: {
    title: 'Carta-convite para visto',
    to: (city, country) => `Ao Consulado / à Embaixada em ${city}, ${country}`,
    subject: 'Assunto: carta-convite para pedido de visto',
    opening: 'Exmos. Senhores,',
    invite: (name, title, dates, venue) =>
      `Confirmamos que ${name} está inscrito/a em «${title}», que decorre em ${venue} (${dates}), e temos o prazer de o/a convidar a participar.`,
    details: 'Dados do participante, tal como constam do passaporte:',
    labels: {
      name: 'Nome',
      nationality: 'Nacionalidade',
      birth: 'Data de nascimento',
      passport: 'Número do passaporte',
      expiry: 'Passaporte válido até',
      organisation: 'Organização',
    },
    closing: (venue) =>
      `Esta carta é emitida apenas para apoiar o pedido de visto do participante para viajar para ${venue} por ocasião da reunião. Não compromete os organizadores com despesas de viagem, alojamento ou outras.`,
    regards: 'Com os melhores cumprimentos,',
    issued: (date) => `Emitida em ${date}`,
    reference: 'Referência',
    verify: 'Verifique esta carta e o número do passaporte em:',
    venueUnknown: 'o local anunciado pelos organizadores',
  },
  fr: {
    title: 'Lettre d’invitation pour visa',
    to: (city, country) => `Au Consulat / à l’Ambassade à ${city}, ${country}`,
    subject: 'Objet : lettre d’invitation pour une demande de visa',
    opening: 'Madame, Monsieur,',
    invite: (name, title, dates, venue) =>
      `Nous confirmons par la présente que ${name} est inscrit·e à « ${title} », qui se tient à ${venue} (${dates}), et avons le plaisir de l’inviter à y participer.`,
    details: 'Les données du participant, telles qu’elles figurent sur son passeport :',
    labels: {
      name: 'Nom',
      nationality: 'Nationalité',
      birth: 'Date de naissance',
      passport: 'Numéro de passeport',
      expiry: 'Passeport valable jusqu’au',
      organisation: 'Organisation',
    },
    closing: (venue) =>
      `Cette lettre est délivrée uniquement à l’appui de la demande de visa du participant pour se rendre à ${venue} à l’occasion de la réunion. Elle n’engage les organisateurs à aucun frais de voyage, d’hébergement ou autre.`,
    regards: 'Veuillez agréer, Madame, Monsieur, nos salutations distinguées.',
    issued: (date) => `Délivrée le ${date}`,
    reference: 'Référence',
    verify: 'Vérifiez cette lettre et son numéro de passeport sur :',
    venueUnknown: 'le lieu annoncé par les organisateurs',
  },
};

export function letterTitle(language: MailLanguage): string {
  return WORDS[language].title;
}

export function countryNameIn(language: MailLanguage, code: string): string {
  return new Intl.DisplayNames([mailLocale(language)], { type: 'region' }).of(code) ?? code;
}

/** A calendar day (YYYY-MM-DD) written out in the language: "3 March 1990". */
function calendarDay(language: MailLanguage, day: string): string {
  return new Intl.DateTimeFormat(mailLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** The event's days in its own zone, as one range: "9–10 December 2026". */
export function eventDates(language: MailLanguage, event: LetterContent['event']): string {
  const format = new Intl.DateTimeFormat(mailLocale(language), { dateStyle: 'long', timeZone: event.timezone });
  return format.formatRange(event.startsAt, event.endsAt);
}

export function letterDocument(c: LetterContent): PdfDocumentSpec {
  const w = WORDS[c.language];
  const venue = c.event.venue?.trim() || w.venueUnknown;
  const rows = [
    { label: w.labels.name, value: c.passportName },
    { label: w.labels.nationality, value: countryNameIn(c.language, c.nationality) },
    { label: w.labels.birth, value: calendarDay(c.language, c.dateOfBirth) },
    // The number itself is never stored; the consulate checks it at the verification URL.
    { label: w.labels.passport, value: `••••••${c.passportNumberLast2}` },
    { label: w.labels.expiry, value: calendarDay(c.language, c.passportExpiry) },
    ...(c.organisation ? [{ label: w.labels.organisation, value: c.organisation }] : []),
  ];
  return {
    language: c.language,
    title: `${w.title} — ${c.reference}`,
    letterhead: c.letterhead
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    dateLine: w.issued(
      new Intl.DateTimeFormat(mailLocale(c.language), { dateStyle: 'long', timeZone: c.event.timezone }).format(c.issuedAt),
    ),
    blocks: [
      { kind: 'paragraph', text: w.to(c.consulateCity, countryNameIn(c.language, c.consulateCountry)) },
      { kind: 'heading', text: w.subject },
      { kind: 'paragraph', text: w.opening },
      { kind: 'paragraph', text: w.invite(c.passportName, c.event.title, eventDates(c.language, c.event), venue) },
      { kind: 'paragraph', text: w.details },
      { kind: 'facts', rows },
      { kind: 'paragraph', text: w.closing(venue) },
      { kind: 'paragraph', text: w.regards },
    ],
    ...(c.signatory.name
      ? {
          signature: {
            name: c.signatory.name,
            ...(c.signatory.title ? { title: c.signatory.title } : {}),
            ...(c.signatory.image ? { image: c.signatory.image } : {}),
          },
        }
      : {}),
    footer: {
      reference: { label: w.reference, value: c.reference },
      verification: { label: w.verify, url: c.verificationUrl },
      qrPng: qrPng(c.verificationUrl, 3),
    },
  };
}
