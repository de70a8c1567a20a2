import { MailLanguage } from '../platform/mail/mail-language';
import { MailTemplate, html } from '../platform/mail/mail-template';

export interface LetterMailParams {
  language: MailLanguage;
  name: string;
  eventTitle: string;
  reference: string;
}

const WORDS: Record<
  MailLanguage,
  { subject: (e: string) => string; dear: string; body: (e: string, ref: string) => string; page: string }
> = {
  en: {
    subject: (e) => `Your visa invitation letter: ${e}`,
    dear: 'Dear',
    body: (e, ref) =>
      `the organisers of ${e} have issued your visa invitation letter (reference ${ref}). It is attached to this email as a PDF.`,
    page: 'You can download it again from your registration page. The consulate can check it at the address printed on it.',
  },
  es: {
    subject: (e) => `Su carta de invitación para el visado: ${e}`,
    dear: 'Estimado/a',
    body: (e, ref) =>
      `los organizadores de ${e} han expedido su carta de invitación para el visado (referencia ${ref}). La encontrará adjunta en PDF.`,
    page: 'Puede volver a descargarla desde la página de su inscripción. El consulado puede verificarla en la dirección impresa en ella.',
  },
  pt: {
    subject: (e) => `A sua carta-convite para o visto: ${e}`,
    dear: 'Caro/a',
    body: (e, ref) => `os organizadores de ${e} emitiram a sua carta-convite para o visto (referência ${ref}). Segue em anexo, em PDF.`,
    page: 'Pode descarregá-la de novo na página da sua inscrição. O consulado pode verificá-la no endereço nela impresso.',
  },
  fr: {
    subject: (e) => `Votre lettre d’invitation pour le visa : ${e}`,
    dear: 'Bonjour',
    body: (e, ref) =>
      `les organisateurs de ${e} ont délivré votre lettre d’invitation pour le visa (référence ${ref}). Elle est jointe à ce message en PDF.`,
    page: 'Vous pouvez la télécharger à nouveau depuis la page de votre inscription. Le consulat peut la vérifier à l’adresse qui y est imprimée.',
  },
};

/** The approval: the letter itself travels as a PDF the send job renders (`renderedBy: 'visa-letter'`). */
export const letterIssuedMail: MailTemplate<LetterMailParams> = {
  kind: 'visa-letter',
  language: (p) => p.language,
  subject: (p) => WORDS[p.language].subject(p.eventTitle),
  html: (p) => {
    const w = WORDS[p.language];
    return html`<p>${w.dear} ${p.name},</p>
      <p>${w.body(p.eventTitle, p.reference)}</p>
      <p>${w.page}</p>`;
  },
  text: (p) => {
    const w = WORDS[p.language];
    return `${w.dear} ${p.name},\n\n${w.body(p.eventTitle, p.reference)}\n\n${w.page}`;
  },
};

export interface LetterRejectedMailParams {
  language: MailLanguage;
  name: string;
  eventTitle: string;
  reason: string;
}

const REJECTED: Record<MailLanguage, { subject: (e: string) => string; dear: string; body: (e: string) => string; again: string }> = {
  en: {
    subject: (e) => `Your visa invitation letter request: ${e}`,
    dear: 'Dear',
    body: (e) => `the organisers of ${e} could not issue your visa invitation letter. Their reason:`,
    again: 'You can correct your details and ask again from your registration page.',
  },
  es: {
    subject: (e) => `Su solicitud de carta de invitación para el visado: ${e}`,
    dear: 'Estimado/a',
    body: (e) => `los organizadores de ${e} no han podido expedir su carta de invitación para el visado. Su motivo:`,
    again: 'Puede corregir sus datos y volver a solicitarla desde la página de su inscripción.',
  },
  pt: {
    subject: (e) => `O seu pedido de carta-convite para o visto: ${e}`,
    dear: 'Caro/a',
    body: (e) => `os organizadores de ${e} não puderam emitir a sua carta-convite para o visto. O motivo:`,
    again: 'Pode corrigir os seus dados e pedir de novo na página da sua inscrição.',
  },
  fr: {
    subject: (e) => `Votre demande de lettre d’invitation pour le visa : ${e}`,
    dear: 'Bonjour',
    body: (e) => `les organisateurs de ${e} n’ont pas pu délivrer votre lettre d’invitation pour le visa. Leur motif :`,
    again: 'Vous pouvez corriger vos données et redemander depuis la page de votre inscription.',
  },
};

/** A rejection, with the organisers' reason as they wrote it. */
export const letterRejectedMail: MailTemplate<LetterRejectedMailParams> = {
  kind: 'visa-letter-rejected',
  language: (p) => p.language,
  subject: (p) => REJECTED[p.language].subject(p.eventTitle),
  html: (p) => {
    const w = REJECTED[p.language];
    return html`<p>${w.dear} ${p.name},</p>
      <p>${w.body(p.eventTitle)}</p>
      <blockquote>${p.reason}</blockquote>
      <p>${w.again}</p>`;
  },
  text: (p) => {
    const w = REJECTED[p.language];
    return `${w.dear} ${p.name},\n\n${w.body(p.eventTitle)}\n\n${p.reason}\n\n${w.again}`;
  },
};
