import { MailTemplate, SafeHtml, html } from '../../platform/mail/mail-template';

export type ReminderLanguage = 'en' | 'es' | 'pt' | 'fr';

export interface ReminderParams {
  language: ReminderLanguage;
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
}

const WORDS: Record<ReminderLanguage, { subject: string; dear: string; soon: string; where: string; room: string; manage: string }> = {
  en: {
    subject: 'Reminder',
    dear: 'Dear',
    soon: 'a reminder of',
    where: 'Where',
    room: 'Room',
    manage: 'Your registration and your calendar',
  },
  es: {
    subject: 'Recordatorio',
    dear: 'Estimado/a',
    soon: 'le recordamos',
    where: 'Lugar',
    room: 'Sala',
    manage: 'Su inscripción y su calendario',
  },
  pt: {
    subject: 'Lembrete',
    dear: 'Caro/a',
    soon: 'lembramos',
    where: 'Local',
    room: 'Sala',
    manage: 'A sua inscrição e o seu calendário',
  },
  fr: {
    subject: 'Rappel',
    dear: 'Bonjour',
    soon: 'un rappel pour',
    where: 'Lieu',
    room: 'Salle',
    manage: 'Votre inscription et votre agenda',
  },
};

/** Whether a person's preferred language has a translation; English otherwise. */
export function reminderLanguage(language: string | null | undefined): ReminderLanguage {
  const base = (language ?? 'en').slice(0, 2).toLowerCase();
  return base in WORDS ? (base as ReminderLanguage) : 'en';
}

export const reminderTemplate: MailTemplate<ReminderParams> = {
  kind: 'reminder',
  subject: (p) => p.customSubject ?? `${WORDS[p.language].subject}: ${p.subjectTitle} — ${p.when}`,
  html: (p) => {
    const w = WORDS[p.language];
    const body: SafeHtml = p.customMessage
      ? html`${p.customMessage.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph}</p>`)}`
      : html`<p>${w.soon} <strong>${p.subjectTitle}</strong> (${p.eventTitle}): ${p.when}.</p>`;
    return html`<p>${w.dear} ${p.name},</p>
      ${body}
      <p>${w.where}: ${[p.room ? `${w.room} ${p.room}` : null, p.venue].filter(Boolean).join(', ') || '—'}</p>
      <p><a href="${p.link}">${w.manage}</a></p>`;
  },
  text: (p) => {
    const w = WORDS[p.language];
    const body = p.customMessage ?? `${w.soon} "${p.subjectTitle}" (${p.eventTitle}): ${p.when}.`;
    return `${w.dear} ${p.name},

${body}

${w.where}: ${[p.room ? `${w.room} ${p.room}` : null, p.venue].filter(Boolean).join(', ') || '—'}

${w.manage}: ${p.link}`;
  },
};
