import { Language } from './languages';
import { COMMON_MESSAGES } from './common.messages';
import { PUBLIC_MESSAGES } from './public.messages';
import { ATTENDEE_MESSAGES } from './attendee.messages';
import { LETTERS_MESSAGES } from './letters.messages';
import { PRESENTER_MESSAGES } from './presenter.messages';
import { DASHBOARD_MESSAGES } from './dashboard.messages';
import { DASHBOARD_LABELS_MESSAGES } from './dashboard-labels.messages';
import { DASHBOARD_EMAILS_MESSAGES } from './dashboard-emails.messages';
import { DASHBOARD_SETTINGS_MESSAGES } from './dashboard-settings.messages';
import { DASHBOARD_REGISTRATIONS_MESSAGES } from './dashboard-registrations.messages';
import { DASHBOARD_AGENDA_MESSAGES } from './dashboard-agenda.messages';
import { DASHBOARD_DESK_MESSAGES } from './dashboard-desk.messages';
import { DASHBOARD_REMINDERS_MESSAGES } from './dashboard-reminders.messages';
import { DASHBOARD_LOGIN_MESSAGES } from './dashboard-login.messages';
import { DASHBOARD_REPORTS_MESSAGES } from './dashboard-reports.messages';
import { DASHBOARD_CERTIFICATES_MESSAGES } from './dashboard-certificates.messages';
import { DASHBOARD_TIMETABLE_MESSAGES } from './dashboard-timetable.messages';
import { DASHBOARD_AUDIT_MESSAGES } from './dashboard-audit.messages';
import { SURVEY_MESSAGES } from './survey.messages';
import { DASHBOARD_SURVEYS_MESSAGES } from './dashboard-surveys.messages';

/** One area's messages: English is complete; other languages may leave keys out. */
export type MessageTable = { en: Record<string, string> } & Partial<Record<Exclude<Language, 'en'>, Record<string, string>>>;

/** Every area is translated in full: a unit test fails on a key missing in any language. */
const TABLES: MessageTable[] = [
  COMMON_MESSAGES,
  PUBLIC_MESSAGES,
  ATTENDEE_MESSAGES,
  LETTERS_MESSAGES,
  PRESENTER_MESSAGES,
  DASHBOARD_MESSAGES,
  DASHBOARD_LABELS_MESSAGES,
  DASHBOARD_EMAILS_MESSAGES,
  DASHBOARD_SETTINGS_MESSAGES,
  DASHBOARD_REGISTRATIONS_MESSAGES,
  DASHBOARD_AGENDA_MESSAGES,
  DASHBOARD_DESK_MESSAGES,
  DASHBOARD_REMINDERS_MESSAGES,
  DASHBOARD_LOGIN_MESSAGES,
  DASHBOARD_REPORTS_MESSAGES,
  DASHBOARD_CERTIFICATES_MESSAGES,
  DASHBOARD_TIMETABLE_MESSAGES,
  DASHBOARD_AUDIT_MESSAGES,
  SURVEY_MESSAGES,
  DASHBOARD_SURVEYS_MESSAGES,
];

function merge(language: Language): Record<string, string> {
  return Object.assign({}, ...TABLES.map((table) => table[language] ?? {}));
}

const CATALOGUES: Record<Language, Record<string, string>> = {
  en: merge('en'),
  es: merge('es'),
  pt: merge('pt'),
  fr: merge('fr'),
};

/**
 * The message for `key` in the language, falling back to English; `{name}`
 * placeholders take `params`. An unknown key shows itself, so a missing
 * message is visible on the page rather than silently blank.
 */
export function translate(language: Language, key: string, params: Record<string, unknown> = {}): string {
  const template = CATALOGUES[language][key] ?? CATALOGUES.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Keys present in English but missing in another language (a unit test checks none are). */
export function missingTranslations(language: Language): string[] {
  return TABLES.flatMap((table) => Object.keys(table.en).filter((key) => !(key in (table[language as Exclude<Language, 'en'>] ?? {}))));
}

/** Keys that more than one area defines: the later one would silently win, so a unit test checks there are none. */
export function keysDefinedTwice(): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const key of TABLES.flatMap((table) => Object.keys(table.en))) {
    if (seen.has(key)) twice.add(key);
    seen.add(key);
  }
  return [...twice];
}
