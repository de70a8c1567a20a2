import { Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CreateSessionInput, UpdateSessionInput, createSessionSchema, updateSessionSchema } from '../../agenda/dto/session.dto';
import { SESSION_KINDS } from '../../agenda/session.entity';
import { SessionsService } from '../../agenda/sessions.service';
import { WorkingAgendaService } from '../../agenda/working-agenda.service';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { ZodBody } from '../../platform/http/zod-body.decorator';
import { localDatesBetween } from '../../platform/time/zoned-time';
import { DASHBOARD_TIMETABLE_MESSAGES } from '../i18n/dashboard-timetable.messages';
import { Language } from '../i18n/languages';
import { translate } from '../i18n/messages';
import { WebPages } from '../page-access';
import { ScriptedPageErrorFilter } from '../scripted-page-error.filter';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';

/** The grid's snap step, in minutes: what one arrow press moves a session by. */
const SNAP_MINUTES = 15;

type SessionView = Awaited<ReturnType<SessionsService['get']>>;

/**
 * The timetable editor: one day as a grid of rooms, which its script edits by
 * dragging and by keyboard. Every change goes through SessionsService with the
 * version the script last saw as If-Match, so the grid gets the API's
 * validation (409 room booked, 422 outside the days, 412 changed meanwhile)
 * and answers with the person-overlap warnings as they now stand.
 */
@Controller('dashboard/events/:eventId/timetable')
@WebPages('organiser')
export class TimetableController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly sessions: SessionsService,
    private readonly working: WorkingAgendaService,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const days = localDatesBetween(event.startsAt, event.endsAt, event.timezone);
    const day = typeof req.query.day === 'string' && days.includes(req.query.day) ? req.query.day : days[0];
    const [agenda, list] = await Promise.all([this.working.current(eventId), this.sessions.list(eventId)]);
    const warnings = this.working.conflicts(agenda, event.timezone);
    this.renderer.page(
      req,
      res,
      'dashboard/timetable',
      {
        event,
        day,
        days: days.map((date) => ({ date, current: date === day })),
        otherDays: days.filter((date) => date !== day),
        warnings,
        kinds: SESSION_KINDS,
        rooms: agenda.rooms,
        snapSeconds: SNAP_MINUTES * 60,
        timetable: {
          day,
          snapMinutes: SNAP_MINUTES,
          rooms: agenda.rooms.map((r) => ({ id: r.id, name: r.name })),
          themes: agenda.themes,
          sessions: list.items.filter((s) => s.startsAt.slice(0, 10) === day).map(block),
          warnings,
          days,
          messages: scriptMessages(req.language ?? 'en'),
          sessionsUrl: `/dashboard/events/${eventId}/timetable/sessions`,
          editUrl: `/dashboard/events/${eventId}/agenda/sessions`,
        },
      },
      {
        title: `${this.renderer.t(req, 'dashboard.timetable.title')} · ${event.title}`,
        dashboard: true,
        private: true,
        stylesheets: ['dashboard.css', 'timetable.css'],
        scripts: ['timetable.js'],
      },
    );
  }

  @Post('sessions')
  @UseFilters(ScriptedPageErrorFilter)
  async create(@Req() req: Request, @Param('eventId') eventId: string, @ZodBody(createSessionSchema) body: CreateSessionInput) {
    const { event } = await loadEventPage(this.events, req, eventId);
    return this.outcome(event, await this.sessions.create(eventId, body));
  }

  @Patch('sessions/:sessionId')
  @HttpCode(200)
  @UseFilters(ScriptedPageErrorFilter)
  async update(
    @Req() req: Request,
    @Param('eventId') eventId: string,
    @Param('sessionId', new IdParam('session')) sessionId: string,
    @ZodBody(updateSessionSchema) body: UpdateSessionInput,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    return this.outcome(event, await this.sessions.update(eventId, sessionId, body, ifMatch));
  }

  /** A session never published is removed (`session: null`); a published one comes back cancelled. */
  @Delete('sessions/:sessionId')
  @UseFilters(ScriptedPageErrorFilter)
  async delete(
    @Req() req: Request,
    @Param('eventId') eventId: string,
    @Param('sessionId', new IdParam('session')) sessionId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    return this.outcome(event, await this.sessions.delete(eventId, sessionId, ifMatch));
  }

  /** The saved session and the warnings after the change, which the grid shows beside it. */
  private async outcome(event: Event, session: SessionView | null) {
    const agenda = await this.working.current(event.id);
    return { session: session && block(session), warnings: this.working.conflicts(agenda, event.timezone) };
  }
}

const SCRIPT_PREFIX = 'dashboard.timetable.js.';

/**
 * What the script says, in the page's language: it reads them from the
 * grid's data attribute, since no inline script runs under the CSP.
 * Placeholders (`{title}`) stay for the script to fill.
 */
function scriptMessages(language: Language) {
  const texts = Object.fromEntries(
    Object.keys(DASHBOARD_TIMETABLE_MESSAGES.en)
      .filter((key) => key.startsWith(SCRIPT_PREFIX))
      .map((key) => [key.slice(SCRIPT_PREFIX.length), translate(language, key)]),
  );
  const kinds = Object.fromEntries(SESSION_KINDS.map((kind) => [kind, translate(language, `label.sessionKind.${kind}`)]));
  return { ...texts, kinds };
}

/** What the grid draws and copies of a session; people and presentations stay on its edit page. */
function block(session: SessionView) {
  const { chairs: _chairs, presentations: _presentations, ...rest } = session;
  return rest;
}
