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
