import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { LoginService } from '../auth/login.service';
import { MagicLinkService } from '../auth/magic-link.service';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { PAGE_ACCESS, PageAccess } from './page-access-metadata';
import { COOKIES, LINK_COOKIE_PATHS, readCookie, setCookie } from './web-cookies';
import { LoginRequired, RedirectTo } from './web-redirects';
import { WebPageError } from './web-page-error';

/**
 * Identifies page visitors from cookies and sets `req.principal` exactly as
 * the API's bearer guard does, so pages call the same services with the same
 * rights. A link's `?token=` is verified, moved into a cookie scoped to its
 * pages, and the browser is sent to the same address without it, so the token
 * leaves the address bar, history and Referer.
 */
@Injectable()
export class PageAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly logins: LoginService,
    private readonly magicLinks: MagicLinkService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const access = this.reflector.getAllAndOverride<PageAccess>(PAGE_ACCESS, [context.getHandler(), context.getClass()]) ?? 'organiser';
    const sessionToken = readCookie(req, COOKIES.session);
    const organiser = sessionToken ? await this.logins.verify(sessionToken) : null;
    if (organiser) req.principal = organiser;
    if (access === 'public') return true;
    if (access === 'organiser') {
      if (!organiser) throw new LoginRequired(req.originalUrl);
      return true;
    }
    const fromUrl = typeof req.query.token === 'string' ? req.query.token : null;
    if (fromUrl && req.method === 'GET') {
      const link = await this.magicLinks.verify(fromUrl);
      if (!link || link.subject.type !== access) throw new WebPageError(401, 'linkInvalid');
      // The cookie lasts as long as the link does (until some days after the event), no longer and no shorter.
      setCookie(res, this.config.publicUrl, COOKIES[access], fromUrl, {
        path: LINK_COOKIE_PATHS[access],
        maxAge: link.expiresAt.getTime() - Date.now(),
      });
      const url = new URL(req.originalUrl, 'http://local');
      url.searchParams.delete('token');
      throw new RedirectTo(`${url.pathname}${url.search}`);
    }
    const token = readCookie(req, COOKIES[access]);
    const link = token ? await this.magicLinks.verify(token) : null;
    if (!link || link.subject.type !== access) throw new WebPageError(401, 'linkInvalid');
    req.principal = {
      kind: 'magic-link',
      tokenId: link.tokenId,
      subjectType: link.subject.type,
      subjectId: link.subject.id,
      eventId: link.subject.eventId,
    };
    return true;
  }
}
