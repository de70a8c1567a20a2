import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AgendaVersionsService } from '../../agenda/agenda-versions.service';
import { createSessionSchema, updateSessionSchema } from '../../agenda/dto/session.dto';
import { publishVersionSchema } from '../../agenda/dto/publish-version.dto';
import { SESSION_KINDS } from '../../agenda/session.entity';
import { SessionsService } from '../../agenda/sessions.service';
import { WorkingAgendaService } from '../../agenda/working-agenda.service';
import { OrganiserPrincipal } from '../../auth/principal';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { Problem } from '../../platform/http/problem';
import { localDate, localDatesBetween } from '../../platform/time/zoned-time';
import { FormErrors, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { optionalId, optionalNumber, problemStatus, shownErrors, typedText } from './form-values';

const SESSION_FIELDS = ['title', 'kind', 'startsAt', 'endsAt', 'roomId', 'themeId', 'capacity'] as const;
type SessionForm = Record<(typeof SESSION_FIELDS)[number], string>;

interface SessionRoute {
  eventId: string;
  sessionId: string;
}

interface FormState {
  values?: Record<string, string>;
  errors: FormErrors;
}

/**
 * The agenda editor: the working agenda by local day, adding, editing, moving
 * and cancelling sessions, the person-overlap warnings, and publishing a
 * version with its changelog. Every change goes through the API's services.
 */
@Controller('dashboard/events/:eventId/agenda')
@WebPages('organiser')
export class AgendaEditorController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly sessions: SessionsService,
    private readonly working: WorkingAgendaService,
    private readonly versions: AgendaVersionsService,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.renderAgenda(req, res, event, {}, 200);
  }

  @Post('sessions')
  async create(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const typed = sessionForm(body);
    const form = validateForm(createSessionSchema, sessionInput(typed, undefined));
    const errors = form.ok ? await this.attempt(() => this.sessions.create(eventId, form.value)) : invalid(form.errors);
    if (!errors) return res.redirect(303, `/dashboard/events/${eventId}/agenda?saved=added`);
    await this.renderAgenda(req, res, event, { add: { values: typed, errors: errors.messages } }, errors.status);
  }

  @Get('sessions/:sessionId')
  async edit(@Req() req: Request, @Res() res: Response, @Param() { eventId, sessionId }: SessionRoute): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.renderEdit(req, res, event, sessionId, null, 200);
  }

  @Post('sessions/:sessionId')
  async update(
    @Req() req: Request,
    @Res() res: Response,
    @Param() { eventId, sessionId }: SessionRoute,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const typed = sessionForm(body);
    const form = validateForm(updateSessionSchema, sessionInput(typed, null));
    const errors = form.ok ? await this.attempt(() => this.sessions.update(eventId, sessionId, form.value)) : invalid(form.errors);
    if (!errors) return res.redirect(303, `/dashboard/events/${eventId}/agenda?saved=updated#session-${sessionId}`);
    await this.renderEdit(req, res, event, sessionId, { values: typed, errors: errors.messages }, errors.status);
  }

  @Post('sessions/:sessionId/cancel')
  async cancel(
    @Req() req: Request,
    @Res() res: Response,
    @Param() { eventId, sessionId }: SessionRoute,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    if (typedText(body, 'confirm') !== 'yes') {
      return this.renderEdit(req, res, event, sessionId, { errors: { confirm: 'Tick the box to confirm the cancellation' } }, 400);
    }
    await this.known(() => this.sessions.cancel(eventId, sessionId));
    res.redirect(303, `/dashboard/events/${eventId}/agenda?saved=cancelled`);
  }

  @Post('versions')
  async publish(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const note = typedText(body, 'note');
    const form = validateForm(publishVersionSchema, { note });
    const organiserId = (req.principal as OrganiserPrincipal).organiserId;
    const errors = form.ok ? await this.attempt(() => this.versions.publish(eventId, form.value, organiserId)) : invalid(form.errors);
    if (!errors) return res.redirect(303, `/dashboard/events/${eventId}/agenda?saved=published#changelog`);
    await this.renderAgenda(req, res, event, { publish: { values: { note }, errors: errors.messages } }, errors.status);
  }

  /** Runs a change; a refusal comes back as form errors with the service's status, anything else is thrown. */
  private async attempt(change: () => Promise<unknown>): Promise<Refusal | null> {
    try {
      await change();
      return null;
    } catch (error) {
      const messages = formErrorsFrom(error);
      // A room double-booking names no field; the times are what the organiser moves, so it sits beside them.
      if (error instanceof Problem && error.getStatus() === 409 && messages['(form)']) messages.startsAt = messages['(form)'];
      return { messages, status: problemStatus(error) };
    }
  }

  /** A session of another event, or none, is a 404 page as on the API. */
  private async known<T>(load: () => Promise<T>): Promise<T> {
    try {
      return await load();
    } catch (error) {
      if (error instanceof Problem && error.getStatus() === 404) throw new WebPageError(404, 'notFound');
      throw error;
    }
  }

  private async renderAgenda(
    req: Request,
    res: Response,
    event: Event,
    forms: { add?: FormState; publish?: FormState },
    status: number,
  ): Promise<void> {
    const [agenda, versions] = await Promise.all([this.working.load(this.db.manager, event.id), this.versions.list(event.id)]);
    const rooms = new Map(agenda.rooms.map((r) => [r.id, r.name]));
    const themes = new Map(agenda.themes.map((t) => [t.id, t.name]));
    const days = localDatesBetween(event.startsAt, event.endsAt, event.timezone).map((date) => ({
      date,
      sessions: agenda.sessions
        .filter((s) => localDate(new Date(s.startsAt), event.timezone) === date)
        .map((s) => ({
          ...s,
          room: s.roomId ? rooms.get(s.roomId) : null,
          theme: s.themeId ? themes.get(s.themeId) : null,
        })),
    }));
    const roomName = (id: string | null) => (id ? (rooms.get(id) ?? 'a removed room') : 'no room');
    const withRoom = <S extends { roomId: string | null }>(s: S) => ({ ...s, room: roomName(s.roomId) });
    this.renderer.page(
      req,
      res,
      'dashboard/agenda',
      {
        event,
        days,
        conflicts: this.working.conflicts(agenda, event.timezone),
        versions: versions.items.map((v) => ({
          ...v,
          changes: {
            added: v.changes.added.map(withRoom),
            moved: v.changes.moved.map((m) => ({ ...m, from: withRoom(m.from), to: withRoom(m.to) })),
            cancelled: v.changes.cancelled.map(withRoom),
            changed: (v.changes.changed ?? []).map(withRoom),
          },
        })),
        rooms: agenda.rooms,
        themes: agenda.themes,
        kinds: SESSION_KINDS,
        zoneHint: zoneHint(event),
        saved: typeof req.query.saved === 'string' ? req.query.saved : null,
        add: { values: forms.add?.values ?? { kind: 'presentations' }, errors: shownErrors(forms.add?.errors) },
        publish: { values: forms.publish?.values ?? {}, errors: shownErrors(forms.publish?.errors) },
      },
      { title: `Agenda · ${event.title}`, dashboard: true, private: true, status, stylesheets: ['dashboard.css'] },
    );
  }

  private async renderEdit(
    req: Request,
    res: Response,
    event: Event,
    sessionId: string,
    form: FormState | null,
    status: number,
  ): Promise<void> {
    const session = await this.known(() => this.sessions.get(event.id, sessionId));
    const agenda = await this.working.load(this.db.manager, event.id);
    const values: Record<string, string> = form?.values ?? {
      title: session.title,
      kind: session.kind,
      startsAt: session.startsAt.slice(0, 16),
      endsAt: session.endsAt.slice(0, 16),
      roomId: session.roomId ?? '',
      themeId: session.themeId ?? '',
      capacity: session.capacity === null ? '' : String(session.capacity),
    };
    this.renderer.page(
      req,
      res,
      'dashboard/agenda-session',
      {
        event,
        session,
        values,
        errors: shownErrors(form?.errors),
        rooms: agenda.rooms,
        themes: agenda.themes,
        kinds: SESSION_KINDS,
        zoneHint: zoneHint(event),
      },
      { title: `Edit “${session.title}” · ${event.title}`, dashboard: true, private: true, status, stylesheets: ['dashboard.css'] },
    );
  }
}

function zoneHint(event: Event): string {
  return `Wall-clock time in ${event.timezone}`;
}

interface Refusal {
  messages: FormErrors;
  status: number;
}

function invalid(messages: FormErrors): Refusal {
  return { messages, status: 400 };
}

function sessionForm(body: Record<string, unknown>): SessionForm {
  return Object.fromEntries(SESSION_FIELDS.map((field) => [field, typedText(body, field)])) as SessionForm;
}

/** The form as the API's body: `datetime-local` values are wall-clock times in the event's zone, as the API reads them. */
function sessionInput(typed: SessionForm, blank: null | undefined) {
  return {
    title: typed.title,
    kind: typed.kind,
    startsAt: typed.startsAt,
    endsAt: typed.endsAt,
    roomId: optionalId(typed.roomId, blank),
    themeId: optionalId(typed.themeId, blank),
    capacity: typed.capacity.trim() === '' ? blank : optionalNumber(typed.capacity),
  };
}
