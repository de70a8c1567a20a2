import { EditedText, editedBodyHtml, editedBodyText, fillPlaceholders } from '../../platform/mail/editable-text';
import { MailTemplate, html } from '../../platform/mail/mail-template';
import { MailLanguage } from '../../platform/mail/mail-language';

/** What changed: the published programme, or the whole event's dates or its taking place at all. */
export type ChangeNoticeKind = 'agenda' | 'rescheduled' | 'cancelled';

/** One change that concerns the person, its times already written in their language and the event's wall-clock time. */
export type ChangeNoticeLine =
  | { change: 'session-moved'; title: string; from: string; to: string }
  | { change: 'session-cancelled'; title: string; at: string }
  | { change: 'event-cancelled'; reason: string | null }
  /** `when` names its zone, as describeSpan writes it. */
  | { change: 'event-rescheduled'; when: string };

export interface ChangeNoticeParams {
  language: MailLanguage;
  name: string;
  eventTitle: string;
  /** The event's zone, named after the sessions' times. */
  zone: string;
  kind: ChangeNoticeKind;
  changes: ChangeNoticeLine[];
  link: string;
  /** The event's own wording in this language: replaces the greeting and headline; the list of changes and the link stay. */
  text?: EditedText | null;
}

interface Words {
  dear: string;
  headline: Record<ChangeNoticeKind, string>;
  moved(title: string, from: string, to: string, zone: string): string;
  sessionCancelled(title: string, at: string, zone: string): string;
  eventCancelled(event: string, reason: string | null): string;
  rescheduled(event: string, when: string): string;
  link: string;
}

const WORDS: Record<MailLanguage, Words> = {
  en: {
    dear: 'Dear',
    headline: { agenda: 'The programme has changed', cancelled: 'The event is cancelled', rescheduled: 'The event has new dates' },
    moved: (title, from, to, zone) => `"${title}" moved from ${from} to ${to} (${zone})`,
    sessionCancelled: (title, at, zone) => `"${title}" on ${at} (${zone}) is cancelled`,
    eventCancelled: (event, reason) => `${event} will not take place${reason ? `: ${reason}` : '.'}`,
    rescheduled: (event, when) => `${event} now takes place ${when}.`,
    link: 'See your programme and calendar',
  },
  es: {
    dear: 'Estimado/a',
    headline: { agenda: 'El programa ha cambiado', cancelled: 'El evento se ha cancelado', rescheduled: 'El evento tiene nuevas fechas' },
    moved: (title, from, to, zone) => `La sesión "${title}" se traslada del ${from} al ${to} (${zone})`,
    sessionCancelled: (title, at, zone) => `Se cancela la sesión "${title}" del ${at} (${zone})`,
    eventCancelled: (event, reason) => `${event} no se celebrará${reason ? `: ${reason}` : '.'}`,
    rescheduled: (event, when) => `Nuevas fechas de ${event}: ${when}.`,
    link: 'Consulte su programa y su calendario',
  },
  pt: {
    dear: 'Caro/a',
    headline: { agenda: 'O programa mudou', cancelled: 'O evento foi cancelado', rescheduled: 'O evento tem novas datas' },
    moved: (title, from, to, zone) => `A sessão "${title}" passa de ${from} para ${to} (${zone})`,
    sessionCancelled: (title, at, zone) => `Foi cancelada a sessão "${title}" de ${at} (${zone})`,
    eventCancelled: (event, reason) => `${event} não se realizará${reason ? `: ${reason}` : '.'}`,
    rescheduled: (event, when) => `Novas datas de ${event}: ${when}.`,
    link: 'Consulte o seu programa e o seu calendário',
  },
  fr: {
    dear: 'Bonjour',
    headline: { agenda: 'Le programme a changé', cancelled: "L'événement est annulé", rescheduled: "L'événement change de dates" },
    moved: (title, from, to, zone) => `La session "${title}" est déplacée du ${from} au ${to} (${zone})`,
    sessionCancelled: (title, at, zone) => `La session "${title}" du ${at} (${zone}) est annulée`,
    eventCancelled: (event, reason) => `${event} n'aura pas lieu${reason ? ` : ${reason}` : '.'}`,
    rescheduled: (event, when) => `Nouvelles dates de ${event} : ${when}.`,
    link: 'Consultez votre programme et votre agenda',
  },
};

function describe(p: ChangeNoticeParams, line: ChangeNoticeLine): string {
  const w = WORDS[p.language];
  switch (line.change) {
    case 'session-moved':
      return w.moved(line.title, line.from, line.to, p.zone);
    case 'session-cancelled':
      return w.sessionCancelled(line.title, line.at, p.zone);
    case 'event-cancelled':
      return w.eventCancelled(p.eventTitle, line.reason);
    case 'event-rescheduled':
      return w.rescheduled(p.eventTitle, line.when);
  }
}

/** The placeholders an edited change notice may use; `headline` says what changed (programme, dates, cancellation). */
export const CHANGE_NOTICE_PLACEHOLDERS = ['name', 'eventTitle', 'headline', 'zone', 'link'] as const;

function placeholderValues(p: ChangeNoticeParams): Record<string, string> {
  return { name: p.name, eventTitle: p.eventTitle, headline: WORDS[p.language].headline[p.kind], zone: p.zone, link: p.link };
}

/** The template's own subject, greeting and headline with placeholders: what organisers start editing from. */
export function changeNoticeDefaultText(language: MailLanguage): EditedText {
  return { subject: '{headline}: {eventTitle}', body: `${WORDS[language].dear} {name},\n\n{headline} — {eventTitle}:` };
}

/** Sent once per person and change, in their language: what moved or was cancelled that concerns them. */
export const changeNoticeTemplate: MailTemplate<ChangeNoticeParams> = {
  kind: 'change-notice',
  language: (p) => p.language,
  subject: (p) =>
    p.text ? fillPlaceholders(p.text.subject, placeholderValues(p)) : `${WORDS[p.language].headline[p.kind]}: ${p.eventTitle}`,
  html: (p) => {
    const w = WORDS[p.language];
    const opening = p.text
      ? editedBodyHtml(p.text.body, placeholderValues(p))
      : html`<p>${w.dear} ${p.name},</p>
          <p>${w.headline[p.kind]} — <strong>${p.eventTitle}</strong>:</p>`;
    return html`${opening}
      <ul>
        ${p.changes.map((c) => html`<li>${describe(p, c)}</li>`)}
      </ul>
      <p><a href="${p.link}">${w.link}</a></p>`;
  },
  text: (p) => {
    const w = WORDS[p.language];
    const opening = p.text
      ? editedBodyText(p.text.body, placeholderValues(p))
      : `${w.dear} ${p.name},\n\n${w.headline[p.kind]} — "${p.eventTitle}":`;
    return `${opening}

${p.changes.map((c) => `- ${describe(p, c)}`).join('\n')}

${w.link}: ${p.link}`;
  },
};
