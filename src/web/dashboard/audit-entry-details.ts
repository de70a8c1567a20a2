import type { AuditEntryView } from '../../audit/audit.service';
import { REMINDER_AUDIENCES } from '../../reminders/reminder-rule.entity';
import { LANGUAGE_NAMES, LOCALES, Language } from '../i18n/languages';
import { translate } from '../i18n/messages';

/** Keys an entry keeps for the API that the page says elsewhere (the subject column) or not at all (ids). */
const UNSHOWN = new Set(['subject', 'version', 'member', 'presenter', 'presentationId', 'checkInId']);

/** Counts said in one phrase with the key they go with ("12 registered, 2 skipped"). */
const SAID_WITH: Record<string, string> = { skipped: 'created', moved: 'added', cancelled: 'added', changed: 'added' };

/** A time as the API writes it (with its offset), which the page shows in the event's zone. */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/;

/** Field values shown through an enum's labels rather than as stored. */
const VALUE_LABELS: Record<string, string> = { status: 'registrationStatus', role: 'memberRole' };

/**
 * What an audit entry's details say, a phrase each, in the page's language:
 * "Title: Old → New", "Day: 8 Oct 2026", "12 registered, 2 skipped". Keys this
 * page does not know yet show as they are.
 */
export function auditEntryDetails(entry: AuditEntryView, language: Language, timezone: string): string[] {
  const t = (key: string, params?: Record<string, unknown>) => translate(language, key, params);
  const fieldLabel = (field: string) => {
    const label = t(`label.field.${field}`);
    return label === `label.field.${field}` ? field : label;
  };
  const shown = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      return t('dashboard.audit.details.empty');
    }
    if (VALUE_LABELS[field]) return t(`label.${VALUE_LABELS[field]}.${String(value)}`);
    if (typeof value === 'boolean') return t(value ? 'dashboard.audit.details.yes' : 'dashboard.audit.details.no');
    if (Array.isArray(value)) return value.map(String).join(', ');
    if (typeof value === 'string' && ZONED_TIME.test(value)) {
      return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeStyle: 'short', timeZone: timezone }).format(
        new Date(value),
      );
    }
    return String(value);
  };
  const details = entry.details;
  const out: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (UNSHOWN.has(key) || (SAID_WITH[key] && SAID_WITH[key] in details)) continue;
    if (key === 'changes' && value && typeof value === 'object') {
      for (const [field, change] of Object.entries(value as Record<string, { from: unknown; to: unknown }>)) {
        out.push(
          t('dashboard.audit.details.change', { field: fieldLabel(field), from: shown(field, change.from), to: shown(field, change.to) }),
        );
      }
    } else if (key === 'fields' && Array.isArray(value)) {
      if (value.length) out.push(t('dashboard.audit.details.fields', { fields: value.map((f) => fieldLabel(String(f))).join(', ') }));
    } else if (key === 'bulkActionId') out.push(t('dashboard.audit.details.bulk'));
    else if (key === 'format') out.push(t('dashboard.audit.details.format', { format: String(value).toUpperCase() }));
    else if (key === 'filters' && value && typeof value === 'object') {
      const filters = Object.entries(value as Record<string, unknown>).map(([name, v]) => {
        const filterValue = name === 'status' ? t(`label.registrationStatus.${String(v)}`) : String(v);
        return `${t(`dashboard.registrations.field.${name}`)} = ${filterValue}`;
      });
      out.push(
        filters.length ? t('dashboard.audit.details.filters', { filters: filters.join(', ') }) : t('dashboard.audit.details.allRows'),
      );
    } else if (key === 'audience') {
      if ((REMINDER_AUDIENCES as readonly unknown[]).includes(value)) {
        out.push(t('dashboard.audit.details.audience', { audience: t(`label.reminderAudience.${String(value)}`) }));
      }
    } else if (key === 'registrations') out.push(t('dashboard.audit.details.selected', { count: value }));
    else if (key === 'languages' && Array.isArray(value)) {
      const languages = value.map((l) =>
        l === 'main' ? t('dashboard.audit.details.mainText') : (LANGUAGE_NAMES[l as Language] ?? String(l)),
      );
      out.push(t('dashboard.audit.details.languages', { languages: languages.join(', ') }));
    } else if (key === 'day' && typeof value === 'string') {
      const day = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${value}T12:00:00Z`),
      );
      out.push(t('dashboard.audit.details.day', { day }));
    } else if (key === 'created') out.push(t('dashboard.audit.details.imported', { created: value, skipped: details.skipped ?? 0 }));
    else if (key === 'notify') out.push(t(value ? 'dashboard.audit.details.notified' : 'dashboard.audit.details.notNotified'));
    else if (key === 'failedAtLine') out.push(t('dashboard.audit.details.failedAtLine', { line: value }));
    else if (key === 'presentation') out.push(t('dashboard.audit.details.presentation', { title: String(value) }));
    else if (key === 'revokedTokens') out.push(t('dashboard.audit.details.revokedTokens', { count: value }));
    else if (key === 'role') out.push(t('dashboard.audit.details.role', { role: shown('role', value) }));
    else if (key === 'reason') {
      if (value) out.push(t('dashboard.audit.details.reason', { reason: String(value) }));
    } else if (key === 'note') {
      if (value) out.push(t('dashboard.audit.details.note', { note: String(value) }));
    } else if (key === 'added') {
      const counts = { added: value, moved: details.moved ?? 0, cancelled: details.cancelled ?? 0, changed: details.changed ?? 0 };
      out.push(t('dashboard.audit.details.agendaChanges', counts));
    } else out.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return out;
}
