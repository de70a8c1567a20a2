import type { CookieOptions, Request, Response } from 'express';
import { parse } from 'cookie';

/** Cookie names the pages use; each magic-link cookie is scoped to its own pages. */
export const COOKIES = {
  session: 'plenary_session',
  csrf: 'plenary_csrf',
  language: 'plenary_lang',
  registration: 'plenary_registration',
  presenter: 'plenary_presenter',
  passwordLink: 'plenary_password_link',
} as const;

export const LINK_COOKIE_PATHS = { registration: '/my-registration', presenter: '/presenter' } as const;

declare module 'express-serve-static-core' {
  interface Request {
    cookieJar?: Record<string, string | undefined>;
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  req.cookieJar ??= parse(req.headers.cookie ?? '');
  return req.cookieJar[name];
}

/**
 * HttpOnly and SameSite=Lax always; Secure when the public address is https,
 * so a deployment behind TLS never sends them in clear and a local one still works.
 */
export function cookieOptions(publicUrl: string, extra: CookieOptions = {}): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https://'), path: '/', ...extra };
}

export function setCookie(res: Response, publicUrl: string, name: string, value: string, extra: CookieOptions = {}): void {
  res.cookie(name, value, cookieOptions(publicUrl, extra));
}

export function clearCookie(res: Response, publicUrl: string, name: string, extra: CookieOptions = {}): void {
  res.clearCookie(name, cookieOptions(publicUrl, extra));
}
