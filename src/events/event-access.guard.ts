import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Problem } from '../platform/http/problem';
import { EventRole } from './event-member.entity';
import { EventsService } from './events.service';

const REQUIRED_ROLE = 'plenary:event-role';

/** Only owners may do this (default: any member of the event). */
export const OwnersOnly = () => SetMetadata(REQUIRED_ROLE, 'owner' satisfies EventRole);

export interface EventAccess {
  eventId: string;
  role: EventRole;
}

declare module 'express-serve-static-core' {
  interface Request {
    eventAccess?: EventAccess;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Guards every `/events/:eventId/...` route: an organiser who is not a member
 * learns nothing, not even that the event exists (404); a member without the
 * needed role gets 403.
 */
@Injectable()
export class EventAccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly events: EventsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const eventId = request.params.eventId;
    const principal = request.principal;
    if (principal?.kind !== 'organiser') throw Problem.forbidden('This needs an organiser login');
    if (typeof eventId !== 'string' || !UUID.test(eventId)) throw notFound(String(eventId));
    const role = await this.events.roleOf(eventId, principal.organiserId);
    if (!role) throw notFound(eventId);
    const required = this.reflector.getAllAndOverride<EventRole | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]);
    if (required === 'owner' && role !== 'owner') {
      throw Problem.forbidden("Only the event's owners may do this; you are an organiser of it");
    }
    request.eventAccess = { eventId, role };
    return true;
  }
}

function notFound(eventId: string): Problem {
  return Problem.notFound(`No event ${eventId} among the events you organise`);
}
