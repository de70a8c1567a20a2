import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { organiserActor } from '../../audit/audit.service';
import { OrganiserPrincipal } from '../../auth/principal';
import { reorderSchema } from '../../agenda/dto/presentation.dto';
import { PresentationsService } from '../../agenda/presentations.service';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { WorkingAgendaService } from '../../agenda/working-agenda.service';
import { EventsService } from '../../events/events.service';
import { Problem } from '../../platform/http/problem';
import { BulkInvitationsService } from '../../presenters/bulk-invitations.service';
import { MATERIALS_FILTERS, MaterialsFilter } from '../../presenters/dto/materials-overview-query.dto';
import { MaterialsOverviewService } from '../../presenters/materials-overview.service';
import { MaterialsZipService } from '../../presenters/materials-zip.service';
import { PresenterInvitationsService } from '../../presenters/presenter-invitations.service';
import { validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { readableSize } from './readable-size';
import { typedText } from './form-values';

const STYLESHEETS = ['dashboard.css', 'dashboard-agenda.css'];
const SAVED = ['added', 'updated', 'moved', 'deleted'];

/**
 * The event's presentations with their presenters, invitations and materials
 * status: presenters are invited here (one presentation's, or everyone not
 * invited yet), presentations are put in order inside their session, and all
 * current materials are downloaded as one zip.
 */
@Controller('dashboard/events/:eventId/presentations')
@WebPages('organiser')
export class EventPresentationsPageController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly working: WorkingAgendaService,
    private readonly overview: MaterialsOverviewService,
    private readonly invitations: PresenterInvitationsService,
    private readonly bulk: BulkInvitationsService,
    private readonly presentations: PresentationsService,
    private readonly zips: MaterialsZipService,
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
    const [overview, agenda, pending, zip] = await Promise.all([
      this.overview.list(eventId, filter),
      this.working.current(eventId),
      this.bulk.pending(eventId),
      this.zips.plan(eventId),
    ]);
    const sessions = new Map(agenda.sessions.map((s) => [s.id, s]));
    const themes = new Map(agenda.themes.map((t) => [t.id, t]));
    const counts = new Map<string, number>();
    for (const p of overview.items) if (p.sessionId) counts.set(p.sessionId, (counts.get(p.sessionId) ?? 0) + 1);
    const bulk =
      typeof req.query.bulk === 'string' ? { emailed: Number(req.query.emailed ?? 0), skipped: Number(req.query.skipped ?? 0) } : null;
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
          theme: p.themeId ? (themes.get(p.themeId) ?? null) : null,
          first: p.position === 1,
          last: p.sessionId !== null && p.position === counts.get(p.sessionId),
          materialsState: p.materials.state === 'submitted' && p.materials.late ? 'late' : p.materials.state,
        })),
        pending: pending.reachable,
        withoutEmail: pending.withoutEmail,
        saved: SAVED.includes(req.query.saved as string) ? req.query.saved : null,
        invited: typeof req.query.invited === 'string' ? req.query.invited : null,
        emailed: Number(req.query.emailed ?? 0),
        skipped: Number(req.query.skipped ?? 0),
        bulk,
        zip: {
          files: zip.entries.length,
          size: readableSize(zip.totalBytes),
          tooLarge: zip.totalBytes > this.config.materials.zipMaxBytes,
          limit: readableSize(this.config.materials.zipMaxBytes),
        },
      },
      {
        title: this.renderer.t(req, 'dashboard.agenda.presentations.title', { event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: STYLESHEETS,
      },
    );
  }

  /** The confirmation step of "invite every presenter not yet invited": how many, and who cannot be reached. */
  @Get('invite-all')
  async confirmInviteAll(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const pending = await this.bulk.pending(eventId);
    this.renderer.page(
      req,
      res,
      'dashboard/presentations-invite-all',
      { event, pending: pending.reachable, withoutEmail: pending.withoutEmail, cancelled: event.status === 'cancelled' },
      {
        title: this.renderer.t(req, 'dashboard.agenda.bulk.title', { event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: STYLESHEETS,
      },
    );
  }

  @Post('invite-all')
  async inviteAll(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string): Promise<void> {
    await loadEventPage(this.events, req, eventId);
    const result = await this.bulk.inviteAll(eventId, { actor: organiserActor(req.principal as OrganiserPrincipal) }).catch(asPageError);
    const query = new URLSearchParams({ bulk: '1', emailed: String(result.emailed), skipped: String(result.skipped) });
    res.redirect(303, `/dashboard/events/${eventId}/presentations?${query}#bulk-status`);
  }

  @Post(':presentationId/invitations')
  async invite(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('presentationId') presentationId: string,
  ): Promise<void> {
    await loadEventPage(this.events, req, eventId);
    const result = await this.invitations
      .invite(eventId, presentationId, {}, { actor: organiserActor(req.principal as OrganiserPrincipal) })
      .catch(asPageError);
    const query = new URLSearchParams({
      invited: presentationId,
      emailed: String(result.emailed.length),
      skipped: String(result.skipped.length),
    });
    res.redirect(303, `/dashboard/events/${eventId}/presentations?${query}#presentation-${presentationId}`);
  }

  /** One step earlier or later in its session, as the API's reorder (the whole order, each once). */
  @Post(':presentationId/move')
  async move(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('presentationId') presentationId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    await loadEventPage(this.events, req, eventId);
    const presentation = await this.presentations.get(eventId, presentationId).catch(asPageError);
    if (!presentation.sessionId)
      throw new WebPageError(400, 'generic', this.renderer.t(req, 'dashboard.agenda.presentations.notInSession'));
    const { items } = await this.presentations.list(eventId, presentation.sessionId);
    const order = items.map((p) => p.id);
    const from = order.indexOf(presentationId);
    const to = typedText(body, 'direction') === 'up' ? from - 1 : from + 1;
    if (to >= 0 && to < order.length) [order[from], order[to]] = [order[to], order[from]];
    const form = validateForm(reorderSchema, { presentationIds: order });
    if (!form.ok) throw new WebPageError(400, 'generic', Object.values(form.errors).join('; '));
    await this.presentations.reorder(eventId, presentation.sessionId, form.value).catch(asPageError);
    res.redirect(303, `/dashboard/events/${eventId}/presentations?saved=moved#presentation-${presentationId}`);
  }
}

/** A presentation of another event is a 404 page as on the API; a refusal (a cancelled event) a page saying why. */
function asPageError(error: unknown): never {
  if (error instanceof Problem && error.getStatus() === 404) throw new WebPageError(404, 'notFound');
  throw error;
}
