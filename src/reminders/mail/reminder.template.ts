import { EditedText, editedBodyHtml, editedBodyText, fillPlaceholders } from '../../platform/mail/editable-text';
import { MailTemplate, SafeHtml, html } from '../../platform/mail/mail-template';
import { MailLanguage } from '../../platform/mail/mail-language';

/** One of the recipient's own sessions, its time already described in their language and the event's zone. */
export interface ReminderSessionLine {
  title: string;
  presentation: string | null;
  when: string;
  room: string | null;
  waitlisted: boolean;
}

export interface ReminderParams {
  language: MailLanguage;
  name: string;
  eventTitle: string;
  /** What the reminder is about: the event or one session, with its local time and zone. */
  subjectTitle: string;
  when: string;
  room: string | null;
  venue: string | null;
  link: string;
  /** The organisers' own subject and message, when the rule has them. */
  customSubject: string | null;
  customMessage: string | null;
  /** The event's own wording of reminders in this language, used where the rule has no words of its own. */
  text?: EditedText | null;
  /** A survey invitation after the event: `link` opens the recipient's own survey, and no calendar comes with it. */
  feedback?: boolean;
  /** The recipient's own sessions in the published agenda; none lists nothing. */
  sessions: ReminderSessionLine[];
}

const WORDS: Record<
  MailLanguage,
  {
    subject: string;
    dear: string;
    soon: string;
    where: string;
    room: string;
    manage: string;
    yourSessions: string;
    yourPresentation: string;
    waitlisted: string;
    calendarEvent: string;
    calendarSessions: string;
    feedbackSubject: string;
    feedbackAsk: string;
    feedbackLink: string;
  }
> = {
  en: {
    subject: 'Reminder',
    dear: 'Dear',
    soon: 'a reminder of',
    where: 'Where',
    room: 'Room',
    manage: 'Your registration and your calendar',
    yourSessions: 'Your sessions',
    yourPresentation: 'your presentation',
    waitlisted: 'waiting list',
    calendarEvent: 'The attached calendar file (.ics) adds the event to your calendar.',
    calendarSessions: 'The attached calendar file (.ics) adds the event and these sessions to your calendar.',
    feedbackSubject: 'Your feedback',
    feedbackAsk: 'thank you for taking part in',
    feedbackLink: 'Tell us what you thought (a few minutes, once)',
  },
  es: {
    subject: 'Recordatorio',
    dear: 'Estimado/a',
    soon: 'le recordamos',
    where: 'Lugar',
    room: 'Sala',
    manage: 'Su inscripción y su calendario',
    yourSessions: 'Sus sesiones',
    yourPresentation: 'su presentación',
    waitlisted: 'lista de espera',
    calendarEvent: 'El archivo de calendario adjunto (.ics) añade el evento a su calendario.',
    calendarSessions: 'El archivo de calendario adjunto (.ics) añade el evento y estas sesiones a su calendario.',
    feedbackSubject: 'Su opinión',
    feedbackAsk: 'gracias por participar en',
    feedbackLink: 'Díganos qué le pareció (unos minutos, una sola vez)',
  },
  pt: {
    subject: 'Lembrete',
    dear: 'Caro/a',
    soon: 'lembramos',
    where: 'Local',
    room: 'Sala',
    manage: 'A sua inscrição e o seu calendário',
    yourSessions: 'As suas sessões',
    yourPresentation: 'a sua apresentação',
    waitlisted: 'lista de espera',
    calendarEvent: 'O ficheiro de calendário anexo (.ics) adiciona o evento ao seu calendário.',
    calendarSessions: 'O ficheiro de calendário anexo (.ics) adiciona o evento e estas sessões ao seu calendário.',
    feedbackSubject: 'A sua opinião',
    feedbackAsk: 'obrigado por ter participado em',
    feedbackLink: 'Diga-nos o que achou (alguns minutos, uma única vez)',
  },
  fr: {
    subject: 'Rappel',
    dear: 'Bonjour',
    soon: 'un rappel pour',
    where: 'Lieu',
    room: 'Salle',
    manage: 'Votre inscription et votre agenda',
    yourSessions: 'Vos sessions',
    yourPresentation: 'votre présentation',
    waitlisted: "liste d'attente",
    calendarEvent: "Le fichier d'agenda joint (.ics) ajoute l'événement à votre agenda.",
    calendarSessions: "Le fichier d'agenda joint (.ics) ajoute l'événement et ces sessions à votre agenda.",
    feedbackSubject: 'Votre avis',
    feedbackAsk: "merci d'avoir participé à",
    feedbackLink: 'Dites-nous ce que vous en avez pensé (quelques minutes, une seule fois)',
  },
};

/** "Title — your presentation "X" (waiting list): when, Room R" in the recipient's words. */
function sessionLine(p: ReminderParams, s: ReminderSessionLine): string {
  const w = WORDS[p.language];
  const presentation = s.presentation ? ` — ${w.yourPresentation} "${s.presentation}"` : '';
  const waitlisted = s.waitlisted ? ` (${w.waitlisted})` : '';
  return `${s.title}${presentation}${waitlisted}: ${s.when}${s.room ? `, ${w.room} ${s.room}` : ''}`;
}

/** The event's title after a session's, not after itself. */
const ofEvent = (p: ReminderParams) => (p.subjectTitle === p.eventTitle ? '' : ` (${p.eventTitle})`);

const calendarNote = (p: ReminderParams) => {
  const w = WORDS[p.language];
  return p.sessions.length > 0 ? w.calendarSessions : w.calendarEvent;
};

/** The placeholders an edited reminder may use. */
export const REMINDER_PLACEHOLDERS = ['name', 'eventTitle', 'subjectTitle', 'when', 'venue', 'room', 'link'] as const;

function placeholderValues(p: ReminderParams): Record<string, string> {
  return {
    name: p.name,
    eventTitle: p.eventTitle,
    subjectTitle: p.subjectTitle,
    when: p.when,
    venue: p.venue ?? '',
    room: p.room ?? '',
    link: p.link,
  };
}

/** The template's own subject, greeting and opening with placeholders: what organisers start editing from. */
export function reminderDefaultText(language: MailLanguage): EditedText {
  const w = WORDS[language];
  return { subject: `${w.subject}: {subjectTitle} — {when}`, body: `${w.dear} {name},\n\n${w.soon} {subjectTitle}: {when}.` };
}

/** A survey invitation: thanks for coming, and the recipient's own link; the organisers' words replace the thanks. */
const feedbackTemplate = {
  subject: (p: ReminderParams) => p.customSubject ?? `${WORDS[p.language].feedbackSubject}: ${p.eventTitle}`,
  html: (p: ReminderParams) => {
    const w = WORDS[p.language];
    const body: SafeHtml = p.customMessage
      ? html`${p.customMessage.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph}</p>`)}`
      : html`<p>${w.feedbackAsk} <strong>${p.eventTitle}</strong> (${p.when}).</p>`;
    return html`<p>${w.dear} ${p.name},</p>
      ${body}
      <p><a href="${p.link}">${w.feedbackLink}</a></p>`;
  },
  text: (p: ReminderParams) => {
    const w = WORDS[p.language];
    const body = p.customMessage ?? `${w.feedbackAsk} "${p.eventTitle}" (${p.when}).`;
    return `${w.dear} ${p.name},\n\n${body}\n\n${w.feedbackLink}: ${p.link}`;
  },
};

export const reminderTemplate: MailTemplate<ReminderParams> = {
  kind: 'reminder',
  language: (p) => p.language,
  subject: (p) =>
    p.feedback
      ? feedbackTemplate.subject(p)
      : (p.customSubject ??
        (p.text ? fillPlaceholders(p.text.subject, placeholderValues(p)) : `${WORDS[p.language].subject}: ${p.subjectTitle} — ${p.when}`)),
  html: (p) => {
    if (p.feedback) return feedbackTemplate.html(p);
    const w = WORDS[p.language];
    const edited = !p.customMessage && p.text;
    const body: SafeHtml = p.customMessage
      ? html`${p.customMessage.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph}</p>`)}`
      : p.text
        ? editedBodyHtml(p.text.body, placeholderValues(p))
        : html`<p>${w.soon} <strong>${p.subjectTitle}</strong>${ofEvent(p)}: ${p.when}.</p>`;
    const sessions: SafeHtml =
      p.sessions.length > 0
        ? html`<h2 style="font-size:1.1em">${w.yourSessions}</h2>
            <ul>
              ${p.sessions.map((s) => html`<li>${sessionLine(p, s)}</li>`)}
            </ul>`
        : html``;
    return html`${edited ? '' : html`<p>${w.dear} ${p.name},</p>`} ${body}
      <p>${w.where}: ${[p.room ? `${w.room} ${p.room}` : null, p.venue].filter(Boolean).join(', ') || '—'}</p>
      ${sessions}
      <p>${calendarNote(p)}</p>
      <p><a href="${p.link}">${w.manage}</a></p>`;
  },
  text: (p) => {
    if (p.feedback) return feedbackTemplate.text(p);
    const w = WORDS[p.language];
    const body = p.customMessage
      ? `${w.dear} ${p.name},\n\n${p.customMessage}`
      : p.text
        ? editedBodyText(p.text.body, placeholderValues(p))
        : `${w.dear} ${p.name},\n\n${w.soon} "${p.subjectTitle}"${ofEvent(p)}: ${p.when}.`;
    const sessions = p.sessions.length > 0 ? `\n\n${w.yourSessions}:\n${p.sessions.map((s) => `- ${sessionLine(p, s)}`).join('\n')}` : '';
    return `${body}

${w.where}: ${[p.room ? `${w.room} ${p.room}` : null, p.venue].filter(Boolean).join(', ') || '—'}${sessions}

${calendarNote(p)}

${w.manage}: ${p.link}`;
  },
};
