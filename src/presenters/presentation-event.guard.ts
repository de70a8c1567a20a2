import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { EventAccessGuard } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { Problem } from '../platform/http/problem';
import { PresenterInvitationsRepository } from './presenter-invitations.repository';

/**
 * Guards organiser routes under `/presentations/:presentationId` (the
 * contract's invitations path): finds the presentation's event, then lets
 * EventAccessGuard judge it, so `request.eventAccess` is set as on
 * `/events/:eventId/...` routes. Anyone not organising that event learns
 * nothing, not even which event the presentation belongs to.
 */
@Injectable()
export class PresentationEventGuard implements CanActivate {
  constructor(
    private readonly invitations: PresenterInvitationsRepository,
    private readonly eventAccess: EventAccessGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const presentationId = new IdParam('presentation').transform(String(request.params.presentationId));
    const notFound = Problem.notFound(`No presentation ${presentationId} among the events you organise`);
    const eventId = await this.invitations.eventOfPresentation(presentationId);
    if (!eventId) throw notFound;
    request.params.eventId = eventId;
    try {
      return await this.eventAccess.canActivate(context);
    } catch (error) {
      if (error instanceof Problem && error.getStatus() === 404) throw notFound;
      throw error;
    }
  }
}
