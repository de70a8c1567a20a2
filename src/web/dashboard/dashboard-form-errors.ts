import { Language } from '../i18n/languages';
import { translate } from '../i18n/messages';
import { FormErrors } from '../form-input';

/**
 * The API's field errors as a dashboard form says them, in the page's language:
 * `{ endsAt: 'must be after startsAt' }` becomes `{ endsAt: 'Ends must be after Starts.' }`.
 *
 * Use it in a controller on whatever `validateForm` or `formErrorsFrom` returned, just before rendering:
 *
 *     const errors = dashboardFormErrors(req.language, parsed.errors, { startsAt: 'dashboard.events.form.starts' });
 *
 * `fieldLabels` maps a field (its path as the errors name it) to the message key of the label the form shows
 * beside it; a value that is not a message key is used as it stands, so an already translated label works too.
 * A field it does not name takes `label.field.<name>` (dashboard-labels.messages.ts) when there is one, else,
 * for a path such as `presenters[1].email`, the label of its last part. The `(form)` entry and messages the page
 * wrote itself (anything that is not one of the API's lower-case messages) pass through unchanged; an API message
 * not known here reads as "check what you entered", never as the API's English words.
 */
export function dashboardFormErrors(
  requested: Language | undefined,
  errors: FormErrors,
  fieldLabels: Record<string, string> = {},
): FormErrors {
  const language = requested ?? 'en';
  const labelOf = (field: string) => fieldLabel(language, field, fieldLabels);
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => {
      if (field === '(form)' || !isApiMessage(message)) return [field, message];
      for (const [pattern, key, params] of PHRASES) {
        const match = pattern.exec(message);
        if (match) return [field, translate(language, `dashboard.error.${key}`, { field: labelOf(field), ...params?.(match, labelOf) })];
      }
      return [field, translate(language, 'dashboard.error.invalid', { field: labelOf(field) })];
    }),
  );
}

/** The label of one field as `dashboardFormErrors` names it; for texts of a page's own about a field. */
export function fieldLabel(language: Language, field: string, fieldLabels: Record<string, string> = {}): string {
  const given = fieldLabels[field] ?? fieldLabels[field.replace(/\[\d+\]/g, '')];
  if (given) return translate(language, given);
  const own = `label.field.${field}`;
  const text = translate(language, own);
  if (text !== own) return text;
  const last = /([A-Za-z]+)(?:\[\d+\])?$/.exec(field)?.[1];
  return last && last !== field ? fieldLabel(language, last, fieldLabels) : field;
}

type Params = (match: RegExpExecArray, labelOf: (field: string) => string) => Record<string, unknown>;

/** The messages of platform/http/zod-messages.ts, the schemas and the services, by what they ask of people. */
const PHRASES: Array<[RegExp, string, Params?]> = [
  [/^required$/, 'required'],
  [/^expected an email address$/, 'email'],
  [/^expected a whole number$/, 'wholeNumber'],
  [/^expected whole minutes$/, 'wholeMinutes'],
  [/^expected (a|a port) number/, 'number'],
  [/^expected a date and time/, 'dateTime'],
  [/^expected a date/, 'date'],
  [/^expected a time/, 'time'],
  [/^expected an? (http\(s\) URL|URL|web address)/, 'url'],
  [/^expected an ISO 3166-1/, 'country'],
  [/^expected (an?( \w+)? id|one of|a list of distinct values|true or false|owner or organiser|missing, submitted or all)/, 'choice'],
  [/^no such \w+ in this event$|^not a presenter of this presentation$/, 'notInEvent'],
  [/^must be after (?<other>\w+)$/, 'after', (m, labelOf) => ({ other: labelOf(m.groups?.other ?? '') })],
  [/^must be on one of the event's days \((?<days>[^)]*)\)$/, 'onEventDays', (m) => ({ days: m.groups?.days })],
  [/^at least (?<min>\d+) characters$/, 'atLeastCharacters', (m) => ({ min: m.groups?.min })],
  [/^at most (?<max>\d+) characters$/, 'atMostCharacters', (m) => ({ max: m.groups?.max })],
  [/^at least (?<min>\d+) items?$/, 'atLeastItems', (m) => ({ min: m.groups?.min })],
  [/^at most (?<max>\d+) items?$/, 'atMostItems', (m) => ({ max: m.groups?.max })],
  [/^(at least|expected) (?<min>\d+)( or more)?$/, 'atLeast', (m) => ({ min: m.groups?.min })],
  [/^at most (?<max>\d+)$/, 'atMost', (m) => ({ max: m.groups?.max })],
  [/^a person is listed twice$/, 'listedTwice'],
  [/fixed anchor/, 'fixedTime'],
  [/^(a choice question needs )?at least two options$/, 'twoOptions'],
  [/^does not match the password$/, 'passwordsDiffer'],
  [/NUL character/, 'controlCharacter'],
];

/** The API words its field messages in lower case ("must be after startsAt"); a page's own texts are sentences. */
function isApiMessage(message: string): boolean {
  return /^[a-z]/.test(message);
}
