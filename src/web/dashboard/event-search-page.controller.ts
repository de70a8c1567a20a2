import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { PresentationsService } from '../../agenda/presentations.service';
import { SessionsService } from '../../agenda/sessions.service';
import { EventsService } from '../../events/events.service';
import { registrationQuerySchema } from '../../registration/dto/registration-query.dto';
import { RegistrationQueriesService } from '../../registration/registration-queries.service';
import { blankToUndefined, translateFormErrors, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';

/** Matches of each kind shown; the registrations page pages through every person found. */
const SHOWN = 25;

const searchSchema = z.object({ q: registrationQuerySchema.shape.q });

/**
 * `/dashboard/events/:eventId/search?q=`: one box for the whole event. People
 * are found as the registrations list finds them (name, email, organisation)
 * and among presenters; sessions by title, host or description;
 * presentations by title or presenter.
 */
@Controller('dashboard/events/:eventId/search')
@WebPages('organiser')
export class EventSearchPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly registrations: RegistrationQueriesService,
    private readonly sessions: SessionsService,
    private readonly presentations: PresentationsService,
  ) {}

  @Get()
  async search(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query('q') q: unknown) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const typed = typeof q === 'string' ? q : '';
    const parsed = validateForm(searchSchema, { q: blankToUndefined(typed) });
    const query = parsed.ok ? parsed.value.q : undefined;
    const found = query ? await this.find(event.id, event.timezone, query) : null;
    this.renderer.page(
      req,
      res,
      'dashboard/event-search',
      {
        event: { id: event.id, title: event.title, timezone: event.timezone },
        q: typed,
        errors: parsed.ok ? null : translateFormErrors(req.language ?? 'en', parsed.errors),
        found,
        nothing: found !== null && found.people.length + found.presenters.length + found.sessions.length + found.presentations.length === 0,
      },
      {
        title: this.renderer.t(req, 'dashboard.registrations.search.title', { event: event.title }),
        dashboard: true,
        private: true,
        status: parsed.ok ? 200 : 400,
      },
    );
  }

  private async find(eventId: string, timezone: string, q: string) {
    const needle = q.toLocaleLowerCase();
    const has = (...texts: Array<string | null | undefined>) => texts.some((text) => text?.toLocaleLowerCase().includes(needle));
    const [people, sessions, presentations] = await Promise.all([
      this.registrations.page(eventId, timezone, { q, limit: SHOWN }),
      this.sessions.list(eventId),
      this.presentations.list(eventId),
    ]);
    const presenters = new Map<string, { name: string; email: string | null; organisation: string | null; presentations: string[] }>();
    for (const presentation of presentations.items) {
      for (const presenter of presentation.presenters) {
        if (!has(presenter.name, presenter.email, presenter.organisation)) continue;
        const entry = presenters.get(presenter.personId) ?? { ...presenter, presentations: [] };
        entry.presentations.push(presentation.title);
        presenters.set(presenter.personId, entry);
      }
    }
    return {
      people: people.items,
      morePeople: people.nextCursor !== null,
      peopleHref: `/dashboard/events/${eventId}/registrations?${new URLSearchParams({ q }).toString()}`,
      presenters: [...presenters.values()].slice(0, SHOWN),
      sessions: sessions.items.filter((s) => has(s.title, s.hostOrganisation, s.description)).slice(0, SHOWN),
      presentations: presentations.items
        .filter((p) => has(p.title, ...p.presenters.map((x) => x.name)))
        .slice(0, SHOWN)
        .map((p) => ({ ...p, presenterNames: p.presenters.map((x) => x.name).join(', ') })),
    };
  }
}
