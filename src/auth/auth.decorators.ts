import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { ACCESS } from '../platform/http/route-access';
import { MagicLinkSubjectType } from './magic-link-token.entity';
import { MagicLinkPrincipal, OrganiserPrincipal } from './principal';

/** What a route's ACCESS metadata holds (`Public()` in platform/http writes the first). */
export type Access =
  { kind: 'public' } | { kind: 'organiser' } | { kind: 'admin' } | { kind: 'magic-link'; subjectTypes: MagicLinkSubjectType[] };

/** Administrators only (organiser routes need no decorator: it is the default). */
export const AdminOnly = () => SetMetadata(ACCESS, { kind: 'admin' } satisfies Access);

/** Callers holding a magic-link token of one of these subjects. */
export const MagicLinkOnly = (...subjectTypes: MagicLinkSubjectType[]) =>
  SetMetadata(ACCESS, { kind: 'magic-link', subjectTypes } satisfies Access);

export const CurrentOrganiser = createParamDecorator((_: unknown, context: ExecutionContext): OrganiserPrincipal => {
  const principal = context.switchToHttp().getRequest<Request>().principal;
  if (principal?.kind !== 'organiser') throw new Error('CurrentOrganiser used on a route that does not require an organiser');
  return principal;
});

export const CurrentMagicLink = createParamDecorator((_: unknown, context: ExecutionContext): MagicLinkPrincipal => {
  const principal = context.switchToHttp().getRequest<Request>().principal;
  if (principal?.kind !== 'magic-link') throw new Error('CurrentMagicLink used on a route that does not require a magic link');
  return principal;
});
