import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OrganiserPrincipal } from '../../auth/principal';
import { createEventSchema } from '../../events/dto/create-event.dto';
import { EventsService } from '../../events/events.service';
import { SessionsService } from '../../agenda/sessions.service';
import { RegistrationQueriesService } from '../../registration/registration-queries.service';
import { fleetProblems } from '../../platform/maintenance/fleet-status';
import { FleetStatusService } from '../../platform/maintenance/fleet-status.service';
import { FormErrors, blankToUndefined, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { optionalNumber, problemStatus, shownErrors, typedText } from './form-values';
import { settingsFormErrors } from './settings-form-errors';
import { TIME_ZONES } from './time-zones';

const NEW_EVENT_FIELDS = ['title', 'timezone', 'startsAt', 'endsAt', 'venue', 'capacity'] as const;

/**
 * `/dashboard`: the organiser's events with their counts and public links, and
 * a form for a new one (the event's overview is EventOverviewPageController).
 */
@Controller('dashboard')
@WebPages('organiser')
export class DashboardEventsController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly registrations: RegistrationQueriesService,
    private readonly sessions: SessionsService,
    private readonly fleetStatus: FleetStatusService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Query('cursor') cursor?: string): Promise<void> {
    await this.renderList(req, res, cursor, { timezone: 'Europe/Brussels' }, {}, 200);
  }

  @Post('events')
  async create(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const typed = Object.fromEntries(NEW_EVENT_FIELDS.map((field) => [field, typedText(body, field)]));
    const form = validateForm(createEventSchema, {
      title: typed.title,
      timezone: typed.timezone,
      startsAt: typed.startsAt,
      endsAt: typed.endsAt,
      venue: blankToUndefined(typed.venue),
      capacity: optionalNumber(typed.capacity),
    });
    if (!form.ok) return this.renderList(req, res, undefined, typed, form.errors, 400);
    try {
      const event = await this.events.create(organiserOf(req).organiserId, form.value);
      res.redirect(303, `/dashboard/events/${event.id}`);
    } catch (error) {
      await this.renderList(req, res, undefined, typed, formErrorsFrom(error), problemStatus(error));
    }
  }

  @Post('events/:eventId/publish')
  async publish(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string): Promise<void> {
    const { role } = await loadEventPage(this.events, req, eventId);
    await this.events.publish(eventId, role, organiserOf(req));
    res.redirect(303, `/dashboard/events/${eventId}?published=1`);
  }

  private async fleet() {
    const status = await this.fleetStatus.read();
    return { ...status, problems: fleetProblems(status) };
  }

  private async renderList(
    req: Request,
    res: Response,
    cursor: string | undefined,
    values: Record<string, unknown>,
    errors: FormErrors,
    status: number,
  ): Promise<void> {
    const organiser = organiserOf(req);
    const [page, fleet] = await Promise.all([
      this.events.listFor(organiser.organiserId, { limit: 50, cursor }),
      // Administrators see the workers as GET /health/fleet does.
      organiser.isAdmin ? this.fleet() : null,
    ]);
    const ids = page.items.map((e) => e.id);
    const [registrations, sessions] = await Promise.all([this.registrations.countsByEvent(ids), this.sessions.scheduledCountsByEvent(ids)]);
    const events = page.items.map((e) => {
      const counts = registrations.get(e.id) as Record<string, number>;
      return {
        ...e,
        counts: {
          registered: counts.pending + counts.confirmed + counts.waitlisted,
          confirmed: counts.confirmed,
          waitlisted: counts.waitlisted,
          sessions: sessions.get(e.id) ?? 0,
        },
        // Drafts have no public page yet: /e/<slug> answers 404 until the event is published.
        publicPath: e.status === 'draft' ? null : `/e/${e.slug}`,
      };
    });
    this.renderer.page(
      req,
      res,
      'dashboard/events',
      {
        events,
        nextCursor: page.nextCursor,
        values,
        errors: shownErrors(settingsFormErrors(req.language ?? 'en', errors)),
        fleet,
        timeZones: TIME_ZONES,
      },
      {
        title: this.renderer.t(req, 'dashboard.settings.events.title'),
        dashboard: true,
        private: true,
        status,
        stylesheets: ['dashboard.css', 'dashboard-settings.css'],
      },
    );
  }
}

function organiserOf(req: Request): OrganiserPrincipal {
  return req.principal as OrganiserPrincipal;
}
