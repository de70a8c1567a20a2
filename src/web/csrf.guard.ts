import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { COOKIES, readCookie, setCookie } from './web-cookies';
import { WebPageError } from './web-page-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

declare module 'express-serve-static-core' {
  interface Request {
    csrfToken?: string;
  }
}

/**
 * Double-submit protection for every page form: a random value lives in an
 * HttpOnly, SameSite cookie and is repeated in each form (`_csrf`) or, for
 * scripted uploads, in the `X-CSRF-Token` header. Another site can make the
 * browser send the cookie but can neither read it nor know the form value.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    let token = readCookie(req, COOKIES.csrf);
    if (SAFE_METHODS.has(req.method)) {
      if (!token || !TOKEN_PATTERN.test(token)) {
        token = randomBytes(32).toString('base64url');
        setCookie(res, this.config.publicUrl, COOKIES.csrf, token);
      }
      req.csrfToken = token;
      return true;
    }
    const sent = headerOrField(req);
    if (!token || !sent || !sameSecret(token, sent)) throw new WebPageError(403, 'csrf');
    req.csrfToken = token;
    return true;
  }
}

function headerOrField(req: Request): string | undefined {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = req.body as Record<string, unknown> | undefined;
  return typeof body?._csrf === 'string' ? body._csrf : undefined;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
