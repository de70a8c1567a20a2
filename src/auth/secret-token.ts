import { createHash, randomBytes } from 'node:crypto';

/**
 * 256 random bits, with a prefix saying what kind of token it is (so a leaked
 * one is recognisable and the right table is looked up).
 */
export function newSecretToken(prefix: 'pls' | 'plm' | 'plf'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
