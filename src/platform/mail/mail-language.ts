/** The languages emails to attendees and presenters are written in; anything else gets English. */
export const MAIL_LANGUAGES = ['en', 'es', 'pt', 'fr'] as const;

export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

const LOCALES: Record<MailLanguage, string> = { en: 'en-GB', es: 'es-ES', pt: 'pt-PT', fr: 'fr-FR' };

/** Whether a person's preferred language has a translation; English otherwise. */
export function mailLanguage(language: string | null | undefined): MailLanguage {
  const base = (language ?? 'en').slice(0, 2).toLowerCase();
  return base in LOCALES ? (base as MailLanguage) : 'en';
}

/** The locale that dates in a mail of this language are written in. */
export function mailLocale(language: MailLanguage): string {
  return LOCALES[language];
}

/** `mailLanguage` of an SQL expression, for statements that must know which language a stored person gets. */
export function mailLanguageSql(expression: string): string {
  const base = `lower(left(${expression}, 2))`;
  return `CASE WHEN ${base} IN (${MAIL_LANGUAGES.map((l) => `'${l}'`).join(', ')}) THEN ${base} ELSE 'en' END`;
}
