import { MailLanguage } from '../../platform/mail/mail-language';
import { EditedText, editedBodyHtml, editedBodyText, fillPlaceholders } from '../../platform/mail/editable-text';
import { MailTemplate, html } from '../../platform/mail/mail-template';

/** What every registration email knows about its event and attendee. */
export interface RegistrationMailParams {
  language: MailLanguage;
  name: string;
  eventTitle: string;
  /** The event's span in the recipient's language, zone named. */
  when: string;
  venue: string | null;
  link: string;
  checkInCode: string;
  /** The event's own wording of this kind in this language, replacing the greeting and the opening. */
  text?: EditedText | null;
}

export type RegistrationMailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'pending' | 'rejected' | 'cancelled' | 'link';

interface Words {
  dear: string;
  subject: Record<RegistrationMailKind, (event: string) => string>;
  /** The opening sentence; `event` is the title as the format quotes it, `at` " at <venue>" or "". */
  opening: Record<RegistrationMailKind, (event: string, when: string, at: string) => string>;
  code: string;
  showCode: string;
  qrAlt: (code: string) => string;
  manage: string;
  manageLink: string;
  secret: string;
  calendar: string;
  promotedCancel: string;
  earlierLinks: string;
}

const WORDS: Record<MailLanguage, Words> = {
  en: {
    dear: 'Dear',
    subject: {
      confirmed: (e) => `Registration confirmed: ${e}`,
      waitlisted: (e) => `You are on the waiting list: ${e}`,
      promoted: (e) => `A place is yours: ${e}`,
      pending: (e) => `Registration received: ${e}`,
      rejected: (e) => `Your registration for ${e}`,
      cancelled: (e) => `Registration cancelled: ${e}`,
      link: (e) => `Your registration link: ${e}`,
    },
    opening: {
      confirmed: (e, w, at) => `your place at ${e}${at} is confirmed: ${w}.`,
      waitlisted: (e, w) =>
        `${e} (${w}) is full, so you are on its waiting list. When a place frees up, the first person on the list gets it, and we will email you at once.`,
      promoted: (e, w, at) => `a place freed up at ${e}${at} and it is now yours: ${w}.`,
      pending: (e, w) =>
        `we received your registration for ${e} (${w}). The organisers review each registration; you will hear from us when they have.`,
      rejected: (e) => `we are sorry: the organisers of ${e} could not accept your registration.`,
      cancelled: (e, w) => `your registration for ${e} (${w}) is cancelled. Your place goes to the next person on the waiting list.`,
      link: (e) => `you (or someone with your address) asked for the link to your registration for ${e}.`,
    },
    code: 'Your check-in code is',
    showCode: 'Show it at the entrance on each day.',
    qrAlt: (c) => `QR code of the check-in code ${c}`,
    manage: 'See or change your registration, or cancel it, here',
    manageLink: 'my registration',
    secret: 'Keep this link to yourself: it opens your registration without a password.',
    calendar: 'The attached calendar file adds the event to your calendar.',
    promotedCancel: 'If you can no longer come, please cancel, so the next person on the list gets the place.',
    earlierLinks: 'Earlier links keep working.',
  },
  es: {
    dear: 'Estimado/a',
    subject: {
      confirmed: (e) => `Inscripción confirmada: ${e}`,
      waitlisted: (e) => `Está en la lista de espera: ${e}`,
      promoted: (e) => `Tiene una plaza: ${e}`,
      pending: (e) => `Inscripción recibida: ${e}`,
      rejected: (e) => `Su inscripción en ${e}`,
      cancelled: (e) => `Inscripción cancelada: ${e}`,
      link: (e) => `El enlace a su inscripción: ${e}`,
    },
    opening: {
      confirmed: (e, w, at) => `su plaza en ${e}${at} está confirmada: ${w}.`,
      waitlisted: (e, w) =>
        `${e} (${w}) está completo, por lo que está usted en su lista de espera. Cuando se libere una plaza, será para la primera persona de la lista, y le escribiremos de inmediato.`,
      promoted: (e, w, at) => `se ha liberado una plaza en ${e}${at} y ahora es suya: ${w}.`,
      pending: (e, w) =>
        `hemos recibido su inscripción en ${e} (${w}). Los organizadores revisan cada inscripción; le escribiremos cuando lo hayan hecho.`,
      rejected: (e) => `lo sentimos: los organizadores de ${e} no han podido aceptar su inscripción.`,
      cancelled: (e, w) => `su inscripción en ${e} (${w}) está cancelada. Su plaza pasa a la siguiente persona de la lista de espera.`,
      link: (e) => `usted (o alguien con su dirección) ha pedido el enlace a su inscripción en ${e}.`,
    },
    code: 'Su código de acceso es',
    showCode: 'Muéstrelo en la entrada cada día.',
    qrAlt: (c) => `Código QR del código de acceso ${c}`,
    manage: 'Consulte o modifique su inscripción, o cancélela, aquí',
    manageLink: 'mi inscripción',
    secret: 'No comparta este enlace: abre su inscripción sin contraseña.',
    calendar: 'El archivo de calendario adjunto añade el evento a su calendario.',
    promotedCancel: 'Si ya no puede asistir, cancele su inscripción para que la plaza pase a la siguiente persona de la lista.',
    earlierLinks: 'Los enlaces anteriores siguen funcionando.',
  },
  pt: {
    dear: 'Caro/a',
    subject: {
      confirmed: (e) => `Inscrição confirmada: ${e}`,
      waitlisted: (e) => `Está na lista de espera: ${e}`,
      promoted: (e) => `Tem um lugar: ${e}`,
      pending: (e) => `Inscrição recebida: ${e}`,
      rejected: (e) => `A sua inscrição em ${e}`,
      cancelled: (e) => `Inscrição cancelada: ${e}`,
      link: (e) => `A ligação para a sua inscrição: ${e}`,
    },
    opening: {
      confirmed: (e, w, at) => `o seu lugar em ${e}${at} está confirmado: ${w}.`,
      waitlisted: (e, w) =>
        `${e} (${w}) está completo, pelo que está na lista de espera. Quando um lugar ficar livre, será da primeira pessoa da lista, e enviar-lhe-emos um email de imediato.`,
      promoted: (e, w, at) => `ficou livre um lugar em ${e}${at} e agora é seu: ${w}.`,
      pending: (e, w) =>
        `recebemos a sua inscrição em ${e} (${w}). Os organizadores analisam cada inscrição; receberá notícias nossas quando o tiverem feito.`,
      rejected: (e) => `lamentamos: os organizadores de ${e} não puderam aceitar a sua inscrição.`,
      cancelled: (e, w) => `a sua inscrição em ${e} (${w}) foi cancelada. O seu lugar passa para a pessoa seguinte da lista de espera.`,
      link: (e) => `pediu (ou alguém com o seu endereço pediu) a ligação para a sua inscrição em ${e}.`,
    },
    code: 'O seu código de entrada é',
    showCode: 'Mostre-o à entrada em cada dia.',
    qrAlt: (c) => `Código QR do código de entrada ${c}`,
    manage: 'Consulte ou altere a sua inscrição, ou cancele-a, aqui',
    manageLink: 'a minha inscrição',
    secret: 'Não partilhe esta ligação: abre a sua inscrição sem palavra-passe.',
    calendar: 'O ficheiro de calendário anexo adiciona o evento ao seu calendário.',
    promotedCancel: 'Se já não puder vir, cancele a inscrição, para que o lugar passe à pessoa seguinte da lista.',
    earlierLinks: 'As ligações anteriores continuam a funcionar.',
  },
  fr: {
    dear: 'Bonjour',
    subject: {
      confirmed: (e) => `Inscription confirmée : ${e}`,
      waitlisted: (e) => `Vous êtes sur la liste d'attente : ${e}`,
      promoted: (e) => `Une place vous revient : ${e}`,
      pending: (e) => `Inscription reçue : ${e}`,
      rejected: (e) => `Votre inscription à ${e}`,
      cancelled: (e) => `Inscription annulée : ${e}`,
      link: (e) => `Le lien vers votre inscription : ${e}`,
    },
    opening: {
      confirmed: (e, w, at) => `votre place à ${e}${at} est confirmée : ${w}.`,
      waitlisted: (e, w) =>
        `${e} (${w}) est complet : vous êtes donc sur sa liste d'attente. Quand une place se libère, elle revient à la première personne de la liste, et nous vous écrirons aussitôt.`,
      promoted: (e, w, at) => `une place s'est libérée à ${e}${at} et elle est désormais à vous : ${w}.`,
      pending: (e, w) =>
        `nous avons reçu votre inscription à ${e} (${w}). Les organisateurs examinent chaque inscription ; vous recevrez de nos nouvelles dès qu'ils l'auront fait.`,
      rejected: (e) => `nous sommes désolés : les organisateurs de ${e} n'ont pas pu accepter votre inscription.`,
      cancelled: (e, w) => `votre inscription à ${e} (${w}) est annulée. Votre place revient à la personne suivante de la liste d'attente.`,
      link: (e) => `vous (ou quelqu'un qui connaît votre adresse) avez demandé le lien vers votre inscription à ${e}.`,
    },
    code: "Votre code d'entrée est",
    showCode: "Présentez-le à l'entrée chaque jour.",
    qrAlt: (c) => `Code QR du code d'entrée ${c}`,
    manage: 'Consultez, modifiez ou annulez votre inscription ici',
    manageLink: 'mon inscription',
    secret: 'Gardez ce lien pour vous : il ouvre votre inscription sans mot de passe.',
    calendar: "Le fichier d'agenda joint ajoute l'événement à votre agenda.",
    promotedCancel: "Si vous ne pouvez plus venir, merci d'annuler, pour que la place revienne à la personne suivante de la liste.",
    earlierLinks: 'Les liens précédents restent valables.',
  },
};

/** The check-in code's QR image, attached to the messages that show the code (see RegistrationMailService). */
export const CHECK_IN_QR_CID = 'check-in-code@plenary';

/** Which parts follow the opening sentence, in order. */
const PARTS: Record<RegistrationMailKind, Array<'code' | 'manage' | 'calendar' | 'promotedCancel' | 'earlierLinks'>> = {
  confirmed: ['code', 'manage', 'calendar'],
  waitlisted: ['manage'],
  promoted: ['code', 'manage', 'promotedCancel'],
  pending: ['manage'],
  rejected: [],
  cancelled: [],
  link: ['manage', 'earlierLinks'],
};

const at = (p: RegistrationMailParams) => (p.venue ? ` — ${p.venue}` : '');

/** The placeholders an edited registration email may use. */
export const REGISTRATION_PLACEHOLDERS = ['name', 'eventTitle', 'when', 'venue', 'at', 'code', 'link'] as const;

function placeholderValues(p: RegistrationMailParams): Record<string, string> {
  return {
    name: p.name,
    eventTitle: p.eventTitle,
    when: p.when,
    venue: p.venue ?? '',
    at: at(p),
    code: p.checkInCode,
    link: p.link,
  };
}

/** The template's own subject, greeting and opening, with placeholders where its values go: what organisers start editing from. */
export function registrationDefaultText(kind: RegistrationMailKind, language: MailLanguage): EditedText {
  const w = WORDS[language];
  return {
    subject: w.subject[kind]('{eventTitle}'),
    body: `${w.dear} {name},\n\n${w.opening[kind]('{eventTitle}', '{when}', '{at}')}`,
  };
}

function template(kind: RegistrationMailKind): MailTemplate<RegistrationMailParams> {
  return {
    kind: `registration-${kind}`,
    language: (p) => p.language,
    subject: (p) => (p.text ? fillPlaceholders(p.text.subject, placeholderValues(p)) : WORDS[p.language].subject[kind](p.eventTitle)),
    html: (p) => {
      const w = WORDS[p.language];
      const part = (name: (typeof PARTS)[RegistrationMailKind][number]) => {
        switch (name) {
          case 'code':
            return html`<p>
                ${w.code} <strong style="font-size:1.4em;letter-spacing:0.1em">${p.checkInCode}</strong>.
                ${kind === 'confirmed' ? w.showCode : ''}
              </p>
              <p><img src="cid:${CHECK_IN_QR_CID}" alt="${w.qrAlt(p.checkInCode)}" /></p>`;
          case 'manage':
            return html`<p>${w.manage}: <a href="${p.link}">${w.manageLink}</a>. ${w.secret}</p>`;
          default:
            return html`<p>${w[name]}</p>`;
        }
      };
      const opening = p.text
        ? editedBodyHtml(p.text.body, placeholderValues(p))
        : html`<p>${w.dear} ${p.name},</p>
            <p>${w.opening[kind](p.eventTitle, p.when, at(p))}</p>`;
      return html`${opening} ${PARTS[kind].map(part)}`;
    },
    text: (p) => {
      const w = WORDS[p.language];
      const part = (name: (typeof PARTS)[RegistrationMailKind][number]) => {
        switch (name) {
          case 'code':
            return `${w.code} ${p.checkInCode}.${kind === 'confirmed' ? ` ${w.showCode}` : ''}`;
          case 'manage':
            return `${w.manage}:\n${p.link}\n${w.secret}`;
          default:
            return w[name];
        }
      };
      const opening = p.text
        ? [editedBodyText(p.text.body, placeholderValues(p))]
        : [`${w.dear} ${p.name},`, w.opening[kind](`"${p.eventTitle}"`, p.when, at(p))];
      return [...opening, ...PARTS[kind].map(part)].join('\n\n');
    },
  };
}

export const registrationConfirmedTemplate = template('confirmed');
export const registrationWaitlistedTemplate = template('waitlisted');
export const registrationPromotedTemplate = template('promoted');
export const registrationPendingTemplate = template('pending');
export const registrationRejectedTemplate = template('rejected');
export const registrationCancelledTemplate = template('cancelled');
export const registrationLinkTemplate = template('link');
