import { LetterRequestInput, letterRequestSchema } from '../../letters/dto/letter.dto';
import { FormErrors, FormResult, blankToUndefined, translateFormErrors, validateForm } from '../form-input';
import { Language } from '../i18n/languages';
import { translate } from '../i18n/messages';

const FIELDS = [
  'passportName',
  'nationality',
  'passportNumber',
  'passportExpiry',
  'dateOfBirth',
  'consulateCity',
  'consulateCountry',
] as const;

/** The passport fields of a letter request as typed, on the letter page or the registration form. */
export type LetterForm = Record<(typeof FIELDS)[number], string>;

/** What a page shows again of a letter request: the passport number never goes back to the browser. */
export type ShownLetterForm = Omit<LetterForm, 'passportNumber'>;

export function typedLetterForm(body: Record<string, unknown>): LetterForm {
  return Object.fromEntries(FIELDS.map((field) => [field, typeof body[field] === 'string' ? body[field] : ''])) as LetterForm;
}

export function shownLetterForm({ passportNumber: _never, ...shown }: LetterForm): ShownLetterForm {
  return shown;
}

/** The typed fields checked with `PUT /registrations/me/letter`'s own schema; an empty field counts as not given, so it says "required". */
export function validateLetterForm(form: LetterForm): FormResult<LetterRequestInput> {
  return validateForm(letterRequestSchema, Object.fromEntries(FIELDS.map((field) => [field, blankToUndefined(form[field])])));
}

/** What an empty field of the letter request says, field by field. */
const REQUIRED_KEYS: Record<string, string> = {
  passportName: 'letters.error.required.passportName',
  nationality: 'letters.error.required.nationality',
  passportNumber: 'letters.error.required.passportNumber',
  passportExpiry: 'letters.error.required.passportExpiry',
  dateOfBirth: 'letters.error.required.dateOfBirth',
  consulateCity: 'letters.error.required.consulateCity',
  consulateCountry: 'letters.error.required.consulateCountry',
};

/** The letter request's own messages (its schema's, and LettersService.checkRequest's), as the pages say them. */
const RULE_KEYS: Array<[RegExp, string]> = [
  [/^expected (5 to 20 )?letters and digits/, 'letters.error.passportNumber'],
  [/^expected a passport valid until the event ends \((?<day>[0-9-]+)\)$/, 'letters.error.passportExpiry'],
  [/^expected a date in the past$/, 'letters.error.dateOfBirth'],
];

export function translateLetterErrors(language: Language, errors: FormErrors): FormErrors {
  const ruled = Object.fromEntries(
    Object.entries(errors).map(([field, message]) => {
      for (const [pattern, key] of RULE_KEYS) {
        const match = pattern.exec(message);
        if (match) return [field, translate(language, key, match.groups)];
      }
      return [field, message];
    }),
  );
  return translateFormErrors(language, ruled, REQUIRED_KEYS);
}
