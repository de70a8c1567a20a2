import { blankToUndefined } from '../form-input';
import type { FormErrors } from '../form-input';
import { Problem } from '../../platform/http/problem';

/**
 * A number field as the API's schema expects it: absent when blank, a number
 * when it reads as one, else the text itself so the schema names the error.
 */
export function optionalNumber(value: unknown): unknown {
  const given = blankToUndefined(value);
  if (typeof given !== 'string') return given;
  const number = Number(given);
  return Number.isFinite(number) ? number : given;
}

/** A select whose empty option means "none" on an update (null) and "not given" on a create. */
export function optionalId(value: unknown, blank: null | undefined): unknown {
  return typeof value === 'string' && value !== '' ? value : blank;
}

/** The text a form field held, for showing it again. */
export function typedText(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  return typeof value === 'string' ? value : '';
}

/** The status a service's refusal carries, so the re-rendered form answers as the API would. */
export function problemStatus(error: unknown): number {
  return error instanceof Problem ? error.getStatus() : 400;
}

/** No errors as null: the form-errors summary shows for any object, even an empty one. */
export function shownErrors(errors: FormErrors | undefined): FormErrors | null {
  return errors && Object.keys(errors).length > 0 ? errors : null;
}
