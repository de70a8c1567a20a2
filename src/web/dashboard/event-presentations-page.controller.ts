import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { WorkingAgendaService } from '../../agenda/working-agenda.service';
import { EventsService } from '../../events/events.service';
import { Problem } from '../../platform/http/problem';
import { MATERIALS_FILTERS, MaterialsFilter } from '../../presenters/dto/materials-overview-query.dto';
import { MaterialsOverviewService } from '../../presenters/materials-overview.service';
import { PresenterInvitationsService } from '../../presenters/presenter-invitations.service';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';

/** The event's presentations with their presenters, invitations and materials status; presenters are invited from here. */
@Controller('dashboard/events/:eventId/presentations')
@WebPages('organiser')
export class EventPresentationsPageController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly working: WorkingAgendaService,
    private readonly overview: MaterialsOverviewService,
    private readonly invitations: PresenterInvitationsService,
  ) {}

  @Get()
  async list(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Query('materials') materials?: string,
  ): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const filter: MaterialsFilter = MATERIALS_FILTERS.includes(materials as MaterialsFilter) ? (materials as MaterialsFilter) : 'all';
    const [overview, agenda] = await Promise.all([this.overview.list(eventId, filter), this.working.load(this.db.manager, eventId)]);
    const sessions = new Map(agenda.sessions.map((s) => [s.id, s]));
    this.renderer.page(
      req,
      res,
      'dashboard/presentations',
      {
        event,
        filter,
        filters: MATERIALS_FILTERS,
        materialsDueAt: overview.materialsDueAt,
        presentations: overview.items.map((p) => ({
          ...p,
          session: p.sessionId ? (sessions.get(p.sessionId) ?? null) : null,
          materialsState: p.materials.state === 'submitted' && p.materials.late ? 'late' : p.materials.state,
        })),
        invited: typeof req.query.invited === 'string' ? req.query.invited : null,
        emailed: Number(req.query.emailed ?? 0),
        skipped: Number(req.query.skipped ?? 0),
      },
      { title: `Presentations · ${event.title}`, dashboard: true, private: true, stylesheets: ['dashboard.css'] },
    );
  }

  @Post(':presentationId/invitations')
  async invite(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('presentationId') presentationId: string,
  ): Promise<void> {
    await loadEventPage(this.events, req, eventId);
    const result = await this.invitations.invite(eventId, presentationId, {}).catch((error: unknown) => {
      if (error instanceof Problem && error.getStatus() === 404) throw new WebPageError(404, 'notFound');
      throw error;
    });
    const query = new URLSearchParams({
      invited: presentationId,
      emailed: String(result.emailed.length),
      skipped: String(result.skipped.length),
    });
    res.redirect(303, `/dashboard/events/${eventId}/presentations?${query}#presentation-${presentationId}`);
  }
}
