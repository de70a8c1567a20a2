import { MailLanguage } from '../../platform/mail/mail-language';
import { MailTemplate, html } from '../../platform/mail/mail-template';

export interface PresenterLinkParams {
  language: MailLanguage;
  presenterName: string;
  eventTitle: string;
  link: string;
  expiresOn: string;
}

interface Words {
  subject: (event: string) => string;
  dear: string;
  asked: (event: string) => string;
  open: string;
  personal: (until: string) => string;
  earlierLinks: string;
}

const WORDS: Record<MailLanguage, Words> = {
  en: {
    subject: (e) => `Your presenter link: ${e}`,
    dear: 'Dear',
    asked: (e) => `you (or someone with your address) asked for a new link to your presenter page for "${e}".`,
    open: 'Open my presenter page',
    personal: (until) => `The link is personal and works until ${until}; please do not forward it.`,
    earlierLinks: 'Earlier links keep working.',
  },
  es: {
    subject: (e) => `Su enlace de ponente: ${e}`,
    dear: 'Estimado/a',
    asked: (e) => `usted (o alguien con su dirección) ha pedido un nuevo enlace a su página de ponente de "${e}".`,
    open: 'Abrir mi página de ponente',
    personal: (until) => `El enlace es personal y funciona hasta el ${until}; no lo reenvíe.`,
    earlierLinks: 'Los enlaces anteriores siguen funcionando.',
  },
  pt: {
    subject: (e) => `A sua ligação de orador: ${e}`,
    dear: 'Caro/a',
    asked: (e) => `pediu (ou alguém com o seu endereço pediu) uma nova ligação para a sua página de orador de "${e}".`,
    open: 'Abrir a minha página de orador',
    personal: (until) => `A ligação é pessoal e funciona até ${until}; por favor, não a reencaminhe.`,
    earlierLinks: 'As ligações anteriores continuam a funcionar.',
  },
  fr: {
    subject: (e) => `Votre lien d’intervenant : ${e}`,
    dear: 'Bonjour',
    asked: (e) => `vous (ou quelqu'un qui connaît votre adresse) avez demandé un nouveau lien vers votre page d’intervenant de « ${e} ».`,
    open: 'Ouvrir ma page d’intervenant',
    personal: (until) => `Le lien est personnel et valable jusqu’au ${until} ; merci de ne pas le transférer.`,
    earlierLinks: 'Les liens précédents restent valables.',
  },
};

/** A fresh link to the presenter's page, asked for from the page an expired link leads to. */
export const presenterLinkTemplate: MailTemplate<PresenterLinkParams> = {
  kind: 'presenter-link',
  language: (p) => p.language,
  subject: (p) => WORDS[p.language].subject(p.eventTitle),
  html: (p) => {
    const w = WORDS[p.language];
    return html`<p>${w.dear} ${p.presenterName},</p>
      <p>${w.asked(p.eventTitle)}</p>
      <p><a href="${p.link}">${w.open}</a></p>
      <p>${w.personal(p.expiresOn)} ${w.earlierLinks}</p>`;
  },
  text: (p) => {
    const w = WORDS[p.language];
    return [`${w.dear} ${p.presenterName},`, w.asked(p.eventTitle), p.link, `${w.personal(p.expiresOn)} ${w.earlierLinks}`].join('\n\n');
  },
};
