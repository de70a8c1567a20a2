import type Handlebars from 'handlebars';
import { Language, LOCALES } from './i18n/languages';
import { translate } from './i18n/messages';

type HelperOptions = Handlebars.HelperOptions;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, zone: string, options: Intl.DateTimeFormatOptions, kind: string): Intl.DateTimeFormat {
  const key = `${language}|${zone}|${kind}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: zone });
    formats.set(key, format);
  }
  return format;
}

function instant(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

function languageOf(options: HelperOptions): Language {
  return (options.data?.root?.lang as Language | undefined) ?? 'en';
}

/**
 * Helpers every view may use. Times are always formatted in the zone passed in
 * (the event's), never the server's; `zone` prints which zone that is.
 */
export function registerViewHelpers(handlebars: typeof Handlebars): void {
  handlebars.registerHelper('t', function (key: string, options: HelperOptions) {
    return translate(languageOf(options), key, options.hash as Record<string, unknown>);
  });
  // `{{label "organisationType" value}}`: an enum value as people say it (`label.organisationType.public_authority`).
  // A helper outranks a context field of the same name, so a bare `{{label}}` (a partial's or a choice's
  // own label) must still print that field.
  handlebars.registerHelper('label', function (this: unknown, ...args: unknown[]) {
    const options = args[args.length - 1] as HelperOptions;
    if (args.length < 3) return (this as { label?: unknown } | null)?.label;
    const [kind, value] = args as [string, unknown];
    return translate(languageOf(options), `label.${kind}.${String(value)}`, options.hash as Record<string, unknown>);
  });
  handlebars.registerHelper('time', function (value: unknown, zone: string, options: HelperOptions) {
    const date = instant(value);
    return date ? formatter(languageOf(options), zone, { timeStyle: 'short' }, 'time').format(date) : '';
  });
  handlebars.registerHelper('date', function (value: unknown, zone: string, options: HelperOptions) {
    const date = instant(value);
    return date ? formatter(languageOf(options), zone, { dateStyle: 'full' }, 'date').format(date) : '';
  });
  handlebars.registerHelper('datetime', function (value: unknown, zone: string, options: HelperOptions) {
    const date = instant(value);
    return date ? formatter(languageOf(options), zone, { dateStyle: 'medium', timeStyle: 'short' }, 'datetime').format(date) : '';
  });
  /** A local calendar date such as "2019-10-08" as a long date, independent of any zone. */
  handlebars.registerHelper('day', function (value: unknown, options: HelperOptions) {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return '';
    return formatter(languageOf(options), 'UTC', { dateStyle: 'full' }, 'day').format(new Date(`${value}T12:00:00Z`));
  });
  /** "2019-10-08T09:00" for datetime-local inputs, in the zone. */
  handlebars.registerHelper('localInput', function (value: unknown, zone: string) {
    const date = instant(value);
    if (!date) return typeof value === 'string' ? value : '';
    const parts = Object.fromEntries(
      formatter(
        'en',
        zone,
        { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
        'input',
      )
        .formatToParts(date)
        .map((part) => [part.type, part.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  });
  /** Data for a page's script in an attribute: `{{json value}}` escapes it like any other text. */
  handlebars.registerHelper('json', (value: unknown) => JSON.stringify(value));
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  handlebars.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  handlebars.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  handlebars.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  handlebars.registerHelper('not', (value: unknown) => !value);
  handlebars.registerHelper('includes', (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value));
  /** The message for one field from a `{field: message}` map. */
  handlebars.registerHelper('fieldError', (errors: Record<string, string> | undefined, field: string) => errors?.[field]);
  /** Whether any error belongs to a field, rather than only to the whole form (`(form)`). */
  handlebars.registerHelper('hasFieldErrors', (errors: Record<string, string> | undefined) =>
    Object.keys(errors ?? {}).some((field) => field !== '(form)'),
  );
  handlebars.registerHelper('bytes', (value: unknown) => {
    const n = Number(value);
    if (!Number.isFinite(n)) return '';
    if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
    if (n >= 1024) return `${Math.round(n / 1024)} KB`;
    return `${n} B`;
  });
}
