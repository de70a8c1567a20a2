import { z } from 'zod';

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
};

const FORMATS: Record<string, string> = {
  email: 'an email address',
  uuid: 'an id',
  guid: 'an id',
  url: 'a web address',
  datetime: 'a date and time such as 2019-10-08T09:00',
  date: 'a date such as 2019-10-08',
  time: 'a time such as 09:00',
};

/**
 * Messages for the rules a schema states without one of its own. Zod's defaults
 * ("Invalid input: expected string, received undefined") are written for
 * developers and reached people through the API's field errors and the pages;
 * these say what is missing or expected, in the words the schemas' own messages use.
 */
export function messageForPeople(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? 'required' : `expected ${EXPECTED[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'required' : `at least ${issue.minimum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'item' : 'items'}`;
      return `at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `at most ${issue.maximum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `at most ${issue.maximum} items`;
      return `at most ${issue.maximum}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return FORMATS[issue.format] ? `expected ${FORMATS[issue.format]}` : 'is not in the expected form';
    default:
      return undefined;
  }
}

// Global, and loaded by the validation pipe that every schema's errors pass through, so that no
// parse anywhere (API, pages, imports) falls back to zod's wording.
z.config({ customError: messageForPeople });
