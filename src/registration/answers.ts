import { COUNTRY_CODES } from '../people/countries';
import { FieldError, Problem } from '../platform/http/problem';
import { Question } from './question.entity';

const MAX_TEXT = 5000;

/**
 * Checks answers against the event's questions and returns them normalised.
 * `requireAll` is for the public form; organisers entering data later may not
 * know every answer.
 */
export function validateAnswers(questions: Question[], answers: Record<string, unknown>, requireAll: boolean): Record<string, unknown> {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key)) errors.push({ field: `answers.${key}`, message: 'is not a question of this event' });
  }
  for (const question of questions) {
    const field = `answers.${question.key}`;
    const value = answers[question.key];
    const blank = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (blank || (Array.isArray(value) && value.length === 0)) {
      if (requireAll && question.required) errors.push({ field, message: 'required' });
      continue;
    }
    const problem = check(question, value);
    if (typeof problem === 'string') errors.push({ field, message: problem });
    else out[question.key] = problem.value;
  }
  if (errors.length > 0) throw Problem.badRequest('Some answers are missing or invalid', errors);
  return out;
}

function check(question: Question, value: unknown): string | { value: unknown } {
  switch (question.type) {
    case 'text':
      return typeof value === 'string' && value.length <= MAX_TEXT
        ? { value: value.trim() }
        : `expected text of at most ${MAX_TEXT} characters`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? { value } : 'expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? { value } : 'expected true or false';
    case 'country': {
      const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
      return COUNTRY_CODES.has(code) ? { value: code } : 'expected an ISO 3166-1 alpha-2 country code';
    }
    case 'choice':
      return typeof value === 'string' && question.options.includes(value) ? { value } : `expected one of: ${question.options.join(', ')}`;
    case 'multi_choice':
      return Array.isArray(value) &&
        value.every((v) => typeof v === 'string' && question.options.includes(v)) &&
        new Set(value).size === value.length
        ? { value }
        : `expected a list of distinct values from: ${question.options.join(', ')}`;
  }
}
