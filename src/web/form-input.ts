import { z } from 'zod';
import { FieldError, Problem } from '../platform/http/problem';
import { fieldErrors } from '../platform/http/zod-validation.pipe';
import { Language } from './i18n/languages';
import { translate } from './i18n/messages';

export type FormErrors = Record<string, string>;

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

/**
 * Validates a submitted form with the API's own schema, so a page can never
 * accept what the API refuses. Errors come back by field path
 * (`answers.q1`, `presenters[0].email`) for showing beside each field.
 */
export function validateForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: byField(fieldErrors(parsed.error)) };
}

export function byField(errors: FieldError[]): FormErrors {
  const out: FormErrors = {};
  for (const error of errors) out[error.field] ??= error.message;
  return out;
}

/**
 * A service's refusal (400/409/422 with field errors or a detail) as form
 * errors; anything else is rethrown for the error page.
 */
export function formErrorsFrom(error: unknown): FormErrors {
  if (error instanceof Problem && error.getStatus() < 500 && error.getStatus() !== 401 && error.getStatus() !== 404) {
    return error.errors?.length ? byField(error.errors) : { '(form)': error.detail };
  }
  throw error;
}

/** Form fields are strings; an empty optional one means "not given". */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** A checkbox group or multi-select arrives as a string (one ticked) or an array. */
export function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** The API's English field messages (platform/http/zod-messages.ts and the schemas' own), as the pages say them. */
const MESSAGE_KEYS: Array<[RegExp, string]> = [
  [/^required$/, 'attendee.error.required'],
  [/^expected an email address$/, 'attendee.error.email'],
  [/^expected a (whole )?number$/, 'attendee.error.number'],
  [/^expected an ISO 3166-1/, 'attendee.error.country'],
  [/^expected one of/, 'attendee.error.choice'],
  [/^expected a list of distinct values/, 'attendee.error.choice'],
  [/^expected true or false$/, 'attendee.error.choice'],
  [/^at most (?<max>\d+) characters$/, 'attendee.error.tooLong'],
  [/^This address is already registered/, 'attendee.error.alreadyRegistered'],
  [/^(expected |at least |at most |is not )/, 'attendee.error.invalid'],
];

/**
 * Field errors in the page's language: `required` as the field's own message
 * where `requiredKeys` names one ("Please enter your name"), the API's other
 * messages by their kind; a message the page wrote itself is already translated.
 */
export function translateFormErrors(language: Language, errors: FormErrors, requiredKeys: Record<string, string> = {}): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => {
      if (message === 'required' && requiredKeys[field]) return [field, translate(language, requiredKeys[field])];
      for (const [pattern, key] of MESSAGE_KEYS) {
        const match = pattern.exec(message);
        if (match) return [field, translate(language, key, match.groups)];
      }
      return [field, message];
    }),
  );
}
