import { MailLanguage, mailLocale } from '../../platform/mail/mail-language';
import { EditedText, editedBodyHtml, editedBodyText, fillPlaceholders } from '../../platform/mail/editable-text';
import { MailTemplate, html } from '../../platform/mail/mail-template';

export interface PresenterInvitationParams {
  language: MailLanguage;
  presenterName: string;
  eventTitle: string;
  /** The event's co-organisers, who invite with its organisers. */
  coOrganisers: string[];
  /** The event's span in the presenter's language, zone named. */
  eventWhen: string;
  venue: string | null;
  presentationTitle: string;
  coPresenters: string[];
  /** The slot in the published agenda (time in the presenter's language, room), or null before it has one. */
  slot: { when: string; session: string } | null;
  materialsDue: string | null;
  link: string;
  expiresOn: string;
  /** The event's own wording in this language: replaces everything before the link, which stays with its note. */
  text?: EditedText | null;
}

interface Words {
  subject: (event: string) => string;
  dear: string;
  /** `when` is the event's span and venue; `with` the co-organisers as a list, or null. */
  invites: (event: string, when: string, with_: string | null, presentation: string) => string;
  together: (names: string) => string;
  slot: (when: string, session: string) => string;
  noSlot: string;
  page: string;
  by: string;
  open: string;
  personal: (until: string) => string;
}

const WORDS: Record<MailLanguage, Words> = {
  en: {
    subject: (e) => `[Action required] Confirm your presentation at ${e}`,
    dear: 'Dear',
    invites: (e, when, co, pr) => `The organisers of "${e}" (${when})${co ? `, together with ${co},` : ''} invite you to present "${pr}".`,
    together: (names) => `You present together with ${names}.`,
    slot: (when, session) => `Your slot: ${when}, in "${session}".`,
    noSlot: 'Your slot will follow with the published agenda.',
    page: 'On your presenter page you can confirm or decline, describe your work (purpose, activities, implementation, pilot projects, results, lessons learned and next steps) and upload your materials',
    by: 'by',
    open: 'Open my presenter page',
    personal: (until) => `The link is personal and works until ${until}; please do not forward it.`,
  },
  es: {
    subject: (e) => `[Acción necesaria] Confirme su presentación en ${e}`,
    dear: 'Estimado/a',
    invites: (e, when, co, pr) => `Los organizadores de "${e}" (${when})${co ? `, junto con ${co},` : ''} le invitan a presentar "${pr}".`,
    together: (names) => `Presenta junto con ${names}.`,
    slot: (when, session) => `Su turno: ${when}, en "${session}".`,
    noSlot: 'Su turno llegará con el programa publicado.',
    page: 'En su página de ponente puede confirmar o declinar, describir su trabajo (objetivo, actividades, ejecución, proyectos piloto, resultados, lecciones aprendidas y próximos pasos) y subir sus materiales',
    by: 'antes del',
    open: 'Abrir mi página de ponente',
    personal: (until) => `El enlace es personal y funciona hasta el ${until}; no lo reenvíe.`,
  },
  pt: {
    subject: (e) => `[Ação necessária] Confirme a sua apresentação em ${e}`,
    dear: 'Caro/a',
    invites: (e, when, co, pr) =>
      `Os organizadores de "${e}" (${when})${co ? `, em conjunto com ${co},` : ''} convidam-no/a a apresentar "${pr}".`,
    together: (names) => `Apresenta em conjunto com ${names}.`,
    slot: (when, session) => `A sua vez: ${when}, em "${session}".`,
    noSlot: 'A sua vez será indicada com o programa publicado.',
    page: 'Na sua página de orador pode confirmar ou recusar, descrever o seu trabalho (objetivo, atividades, execução, projetos-piloto, resultados, lições aprendidas e próximos passos) e carregar os seus materiais',
    by: 'até',
    open: 'Abrir a minha página de orador',
    personal: (until) => `A ligação é pessoal e funciona até ${until}; por favor, não a reencaminhe.`,
  },
  fr: {
    subject: (e) => `[Action requise] Confirmez votre présentation à ${e}`,
    dear: 'Bonjour',
    invites: (e, when, co, pr) =>
      `Les organisateurs de « ${e} » (${when})${co ? `, avec ${co},` : ''} vous invitent à présenter « ${pr} ».`,
    together: (names) => `Vous présentez avec ${names}.`,
    slot: (when, session) => `Votre créneau : ${when}, dans « ${session} ».`,
    noSlot: 'Votre créneau suivra avec le programme publié.',
    page: 'Sur votre page d’intervenant, vous pouvez confirmer ou décliner, décrire votre travail (objectif, activités, mise en œuvre, projets pilotes, résultats, enseignements et prochaines étapes) et déposer vos supports',
    by: 'avant le',
    open: 'Ouvrir ma page d’intervenant',
    personal: (until) => `Le lien est personnel et valable jusqu’au ${until} ; merci de ne pas le transférer.`,
  },
};

/**
 * From the event's organisers, not from whichever account clicked "invite":
 * that account's name ("Administrator") means nothing to a presenter.
 */
const opening = (p: PresenterInvitationParams) =>
  WORDS[p.language].invites(
    p.eventTitle,
    `${p.eventWhen}${p.venue ? `, ${p.venue}` : ''}`,
    p.coOrganisers.length > 0 ? new Intl.ListFormat(mailLocale(p.language), { type: 'conjunction' }).format(p.coOrganisers) : null,
    p.presentationTitle,
  );

const slotLine = (p: PresenterInvitationParams) =>
  p.slot ? WORDS[p.language].slot(p.slot.when, p.slot.session) : WORDS[p.language].noSlot;

/** The placeholders an edited invitation may use; `invitation` is the organisers' (and co-organisers') invitation sentence. */
export const PRESENTER_INVITATION_PLACEHOLDERS = [
  'name',
  'eventTitle',
  'eventWhen',
  'venue',
  'invitation',
  'presentationTitle',
  'coPresenters',
  'slot',
  'materialsDue',
  'link',
  'expiresOn',
] as const;

function placeholderValues(p: PresenterInvitationParams): Record<string, string> {
  return {
    name: p.presenterName,
    eventTitle: p.eventTitle,
    eventWhen: p.eventWhen,
    venue: p.venue ?? '',
    invitation: opening(p),
    presentationTitle: p.presentationTitle,
    coPresenters: p.coPresenters.join(', '),
    slot: slotLine(p),
    materialsDue: p.materialsDue ?? '',
    link: p.link,
    expiresOn: p.expiresOn,
  };
}

/** The template's own wording with placeholders: what organisers start editing from. */
export function presenterInvitationDefaultText(language: MailLanguage): EditedText {
  const w = WORDS[language];
  return { subject: w.subject('{eventTitle}'), body: `${w.dear} {name},\n\n{invitation}\n\n{slot}\n\n${w.page}.` };
}

export const presenterInvitationTemplate: MailTemplate<PresenterInvitationParams> = {
  kind: 'presenter-invitation',
  language: (p) => p.language,
  subject: (p) => (p.text ? fillPlaceholders(p.text.subject, placeholderValues(p)) : WORDS[p.language].subject(p.eventTitle)),
  html: (p) => {
    const w = WORDS[p.language];
    if (p.text) {
      return html`${editedBodyHtml(p.text.body, placeholderValues(p))}
        <p><a href="${p.link}">${w.open}</a></p>
        <p>${w.personal(p.expiresOn)}</p>`;
    }
    return html`<p>${w.dear} ${p.presenterName},</p>
      <p>${opening(p)}</p>
      ${p.coPresenters.length > 0 ? html`<p>${w.together(p.coPresenters.join(', '))}</p>` : ''}
      <p>${slotLine(p)}</p>
      <p>${w.page}${p.materialsDue ? html` ${w.by} <strong>${p.materialsDue}</strong>` : ''}.</p>
      <p><a href="${p.link}">${w.open}</a></p>
      <p>${w.personal(p.expiresOn)}</p>`;
  },
  text: (p) => {
    const w = WORDS[p.language];
    if (p.text) return [editedBodyText(p.text.body, placeholderValues(p)), p.link, w.personal(p.expiresOn)].join('\n\n');
    return [
      `${w.dear} ${p.presenterName},`,
      opening(p),
      ...(p.coPresenters.length > 0 ? [w.together(p.coPresenters.join(', '))] : []),
      slotLine(p),
      `${w.page}${p.materialsDue ? ` ${w.by} ${p.materialsDue}` : ''}.`,
      p.link,
      w.personal(p.expiresOn),
    ].join('\n\n');
  },
};
