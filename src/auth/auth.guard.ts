import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Problem } from '../platform/http/problem';
import { ACCESS } from '../platform/http/route-access';
import { Access } from './auth.decorators';
import { LoginService } from './login.service';
import { MagicLinkService } from './magic-link.service';
import { Principal } from './principal';

/**
 * Identifies the caller from `Authorization: Bearer` (an organiser's login
 * token or a magic-link token) and applies the route's access rule. Routes are
 * for organisers unless marked otherwise, so forgetting a decorator fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly logins: LoginService,
    private readonly magicLinks: MagicLinkService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [context.getHandler(), context.getClass()]) ?? {
      kind: 'organiser',
    };
    // A public route ignores credentials it cannot use (a calendar client's Basic auth, say).
    const token = access.kind === 'public' ? bearerTokenIfAny(request) : bearerToken(request);
    if (token) {
      request.principal = (await this.identify(token)) ?? undefined;
      if (!request.principal && access.kind !== 'public') {
        throw Problem.unauthorized('The bearer token is invalid, expired or revoked');
      }
    }
    const principal = request.principal;
    switch (access.kind) {
      case 'public':
        return true;
      case 'magic-link':
        if (!principal) throw Problem.unauthorized('This needs the token from your emailed link as a bearer token');
        if (principal.kind !== 'magic-link' || !access.subjectTypes.includes(principal.subjectType)) {
          throw Problem.forbidden('This token does not give access to this resource');
        }
        return true;
      case 'organiser':
      case 'admin':
        if (!principal) throw Problem.unauthorized('Log in with POST /auth/login and send the token as a bearer token');
        if (principal.kind !== 'organiser') throw Problem.forbidden('This needs an organiser login, not an emailed link');
        if (access.kind === 'admin' && !principal.isAdmin) throw Problem.forbidden('Only administrators may do this');
        return true;
    }
  }

  private identify(token: string): Promise<Principal | null> {
    if (token.startsWith('pls_')) return this.logins.verify(token);
    if (token.startsWith('plm_')) {
      return this.magicLinks.verify(token).then((link) =>
        link
          ? {
              kind: 'magic-link' as const,
              tokenId: link.tokenId,
              subjectType: link.subject.type,
              subjectId: link.subject.id,
              eventId: link.subject.eventId,
            }
          : null,
      );
    }
    return Promise.resolve(null);
  }
}

function bearerTokenIfAny(request: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match ? match[1] : null;
}

function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw Problem.unauthorized('The Authorization header must be "Bearer <token>"');
  return match[1];
}
