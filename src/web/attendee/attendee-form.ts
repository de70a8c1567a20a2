import { COUNTRY_CODES, countryName } from '../../people/countries';
import { ORGANISATION_TYPES } from '../../people/person.entity';
import { Problem } from '../../platform/http/problem';
import { validateAnswers } from '../../registration/answers';
import type { Question } from '../../registration/question.entity';
import { FormErrors, asList, blankToUndefined, byField, translateFormErrors } from '../form-input';
import { LANGUAGES, LANGUAGE_NAMES, LOCALES, Language } from '../i18n/languages';
import { translate } from '../i18n/messages';

/** The consents the form asks for; the API stores any consent key, these are the ones the page offers. */
export const CONSENTS = ['photos', 'futureEvents'] as const;

/** What the visitor typed, as strings, to put back into the form. */
export interface TypedForm {
  name?: string;
  email?: string;
  organisation?: string;
  organisationType?: string;
  region?: string;
  countryCode?: string;
  language?: string;
  consents: Record<string, boolean>;
  answers: Record<string, string | string[]>;
}

type Body = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The submitted form as typed, with each question's answer under `answers.<key>`. */
export function typedForm(body: Body, questions: Question[]): TypedForm {
  const answers: Record<string, string | string[]> = {};
  for (const question of questions) {
    const raw = body[`answers.${question.key}`];
    answers[question.key] = question.type === 'multi_choice' ? asList(raw) : (text(raw) ?? '');
  }
  return {
    name: text(body.name),
    email: text(body.email),
    organisation: text(body.organisation),
    organisationType: text(body.organisationType),
    region: text(body.region),
    countryCode: text(body.countryCode),
    language: text(body.language),
    consents: Object.fromEntries(CONSENTS.map((key) => [key, body[`consents.${key}`] === 'yes'])),
    answers,
  };
}

/**
 * The typed form as the API's JSON body: blanks left out, numbers and yes/no
 * turned into the types the answer checks expect, anything unparseable passed
 * on as typed so the same checks refuse it with their own message.
 */
export function apiInput(typed: TypedForm, questions: Question[]) {
  const answers: Record<string, unknown> = {};
  for (const question of questions) {
    const value = typed.answers[question.key];
    if (Array.isArray(value)) {
      if (value.length > 0) answers[question.key] = value;
      continue;
    }
    if (value.trim() === '') continue;
    if (question.type === 'number') answers[question.key] = Number.isFinite(Number(value)) ? Number(value) : value;
    else if (question.type === 'boolean') answers[question.key] = value === 'yes' ? true : value === 'no' ? false : value;
    else answers[question.key] = value;
  }
  return {
    name: blankToUndefined(typed.name),
    email: blankToUndefined(typed.email),
    organisation: blankToUndefined(typed.organisation),
    organisationType: blankToUndefined(typed.organisationType),
    region: blankToUndefined(typed.region),
    countryCode: blankToUndefined(typed.countryCode),
    language: blankToUndefined(typed.language),
    consents: typed.consents,
    answers,
  };
}

/**
 * The edit form as `PATCH /registrations/me`'s body: the email stays, a
 * cleared optional field or answer is cleared (null), and a cleared name is
 * sent as typed so the API's schema refuses it.
 */
export function updateInput(typed: TypedForm, questions: Question[]) {
  const { email: _email, ...given } = apiInput(typed, questions);
  const cleared = Object.fromEntries(questions.filter((q) => !(q.key in given.answers)).map((q) => [q.key, null]));
  return {
    ...given,
    name: typed.name ?? '',
    organisation: given.organisation ?? null,
    organisationType: given.organisationType ?? null,
    region: given.region ?? null,
    countryCode: given.countryCode ?? null,
    language: given.language ?? null,
    answers: { ...given.answers, ...cleared },
  };
}

/** The service's own answer checks, as form errors, so they show together with the other fields' errors. */
export function answerErrors(questions: Question[], answers: Record<string, unknown>, requireAll: boolean): FormErrors {
  try {
    validateAnswers(questions, answers, requireAll);
    return {};
  } catch (error) {
    if (error instanceof Problem && error.errors?.length) return byField(error.errors);
    throw error;
  }
}

/** A registration's stored answers as the form shows them. */
export function answersAsTyped(questions: Question[], stored: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const question of questions) {
    const value = stored[question.key];
    if (Array.isArray(value)) out[question.key] = value.map(String);
    else if (typeof value === 'boolean') out[question.key] = value ? 'yes' : 'no';
    else out[question.key] = value === undefined || value === null ? '' : String(value);
  }
  return out;
}

/** What an empty required field of the attendee forms says, field by field. */
const REQUIRED_KEYS: Record<string, string> = {
  name: 'attendee.error.required.name',
  email: 'attendee.error.required.email',
  organisation: 'attendee.error.required.organisation',
  organisationType: 'attendee.error.required.organisationType',
  region: 'attendee.error.required.region',
  countryCode: 'attendee.error.required.countryCode',
};

export function translateErrors(language: Language, errors: FormErrors): FormErrors {
  return translateFormErrors(language, errors, REQUIRED_KEYS);
}

/** Choices for the form's selects, labelled in the page's language. */
export function formChoices(language: Language) {
  const names = new Intl.Collator(LOCALES[language]);
  return {
    organisationTypes: ORGANISATION_TYPES.map((value) => ({ value, label: translate(language, `attendee.orgType.${value}`) })),
    countries: [...COUNTRY_CODES]
      .map((code) => ({ value: code, label: countryName(code, LOCALES[language]) }))
      .sort((a, b) => names.compare(a.label, b.label)),
    languages: LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] })),
    consents: CONSENTS.map((key) => ({ key, label: translate(language, `attendee.consent.${key}`) })),
  };
}

/** The event's questions with what was typed and their error, ready for the question partial. */
export function questionFields(questions: Question[], typed: TypedForm, errors: FormErrors, language: Language) {
  const countries = formChoices(language).countries;
  return questions.map((question) => {
    const value = typed.answers[question.key] ?? (question.type === 'multi_choice' ? [] : '');
    const name = `answers.${question.key}`;
    return {
      name,
      id: `q-${question.key}`,
      label: question.label,
      type: question.type,
      required: question.required,
      value,
      error: errors[name],
      options: (question.type === 'country' ? countries : question.options.map((option) => ({ value: option, label: option }))).map(
        (option) => ({ ...option, selected: Array.isArray(value) ? value.includes(option.value) : value === option.value }),
      ),
    };
  });
}
