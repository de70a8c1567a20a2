import { MailLanguage } from '../../platform/mail/mail-language';
import { MailTemplate, html } from '../../platform/mail/mail-template';

export interface AnnouncementParams {
  /** The recipient's: the organisers' text is sent as written, the frame around it in this language. */
  language: MailLanguage;
  name: string;
  eventTitle: string;
  subject: string;
  message: string;
  link: string;
  /** Present on optional announcements only. */
  unsubscribe: string | null;
}

interface Words {
  dear: string;
  link: string;
  /** Why the recipient gets optional news, said the same way in the text and the HTML. */
  why: (event: string) => string;
  stop: string;
}

const WORDS: Record<MailLanguage, Words> = {
  en: {
    dear: 'Dear',
    link: 'Your registration and programme',
    why: (e) => `You receive this as a participant of ${e}.`,
    stop: 'No more news of this event',
  },
  es: {
    dear: 'Estimado/a',
    link: 'Su inscripción y su programa',
    why: (e) => `Recibe este mensaje como participante en ${e}.`,
    stop: 'No recibir más noticias de este evento',
  },
  pt: {
    dear: 'Caro/a',
    link: 'A sua inscrição e o seu programa',
    why: (e) => `Recebe esta mensagem como participante em ${e}.`,
    stop: 'Não receber mais notícias deste evento',
  },
  fr: {
    dear: 'Bonjour',
    link: 'Votre inscription et votre programme',
    why: (e) => `Vous recevez ce message en tant que participant à ${e}.`,
    stop: 'Ne plus recevoir de nouvelles de cet événement',
  },
};

export const announcementTemplate: MailTemplate<AnnouncementParams> = {
  kind: 'announcement',
  language: (p) => p.language,
  subject: (p) => `${p.subject} — ${p.eventTitle}`,
  html: (p) => {
    const w = WORDS[p.language];
    return html`<p>${w.dear} ${p.name},</p>
      ${p.message.split(/\n{2,}/).map((paragraph) => html`<p>${paragraph}</p>`)}
      <p><a href="${p.link}">${w.link}</a></p>
      ${p.unsubscribe ? html`<p style="font-size:0.85em;color:#555">${w.why(p.eventTitle)} <a href="${p.unsubscribe}">${w.stop}</a>.</p>` : ''}`;
  },
  text: (p) => {
    const w = WORDS[p.language];
    return [
      `${w.dear} ${p.name},`,
      p.message,
      `${w.link}: ${p.link}`,
      ...(p.unsubscribe ? [`${w.why(`"${p.eventTitle}"`)} ${w.stop}: ${p.unsubscribe}`] : []),
    ].join('\n\n');
  },
};
