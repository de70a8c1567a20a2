import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;
// A passport number has few possible values: each guess must cost, should the table leak.
const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

/** How a consulate's typing and the applicant's compare: letters and digits only, in capitals. */
export function normalisePassportNumber(value: string): string {
  return value.replace(/[^0-9a-z]/gi, '').toUpperCase();
}

/** `scrypt$<salt>$<hash>` of the normalised number, with a salt of its own. */
export async function hashPassportNumber(value: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(normalisePassportNumber(value), salt, KEY_LENGTH, PARAMS);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function passportNumberMatches(value: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(normalisePassportNumber(value), Buffer.from(salt, 'base64url'), expected.length, PARAMS);
  return timingSafeEqual(actual, expected);
}
