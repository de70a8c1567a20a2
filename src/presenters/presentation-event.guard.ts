import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { EventAccessGuard } from '../events/event-access.guard';
import { sql } from '../platform/database/sql';
import { IdParam } from '../platform/http/id-param.pipe';
import { Problem } from '../platform/http/problem';

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
    @InjectDataSource() private readonly db: DataSource,
    private readonly eventAccess: EventAccessGuard,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const presentationId = new IdParam('presentation').transform(String(request.params.presentationId));
    const notFound = Problem.notFound(`No presentation ${presentationId} among the events you organise`);
    const eventId = await this.eventOf(presentationId);
    if (!eventId) throw notFound;
    request.params.eventId = eventId;
    try {
      return await this.eventAccess.canActivate(context);
    } catch (error) {
      if (error instanceof Problem && error.getStatus() === 404) throw notFound;
      throw error;
    }
  }

  /**
   * PresentationsService finds a presentation only within a known event; this
   * one read of the agenda's table is what the presentation-first path needs.
   */
  private async eventOf(presentationId: string): Promise<string | null> {
    const { rows } = await sql<{ event_id: string }>(this.db.manager, `SELECT event_id FROM presentations WHERE id = $1`, [presentationId]);
    return rows[0]?.event_id ?? null;
  }
}
