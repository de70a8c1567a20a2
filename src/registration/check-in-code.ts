import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: a code read aloud or typed at the door must not be ambiguous. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

export function newCheckInCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** What a desk types or scans, tolerant of case, spaces and dashes. */
export function normaliseCheckInCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}
