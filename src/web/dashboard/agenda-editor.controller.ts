import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AgendaVersionsService } from '../../agenda/agenda-versions.service';
import { createSessionSchema, updateSessionSchema } from '../../agenda/dto/session.dto';
import { publishVersionSchema } from '../../agenda/dto/publish-version.dto';
import { SESSION_KINDS } from '../../agenda/session.entity';
import { PeopleService } from '../../people/people.service';
import { SessionsService } from '../../agenda/sessions.service';
import { WorkingAgendaService } from '../../agenda/working-agenda.service';
import { organiserActor } from '../../audit/audit.service';
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
import { agendaFormErrors } from './agenda-form-errors';
import { optionalId, optionalNumber, problemStatus, shownErrors, typedText } from './form-values';
import { indexedRows, isBlankRow, shownRows } from './indexed-rows';

const SESSION_FIELDS = ['title', 'kind', 'description', 'hostOrganisation', 'startsAt', 'endsAt', 'roomId', 'themeId', 'capacity'] as const;
const CHAIR_FIELDS = ['personId', 'role'] as const;
const CHAIR_ROLES = ['chair', 'moderator'] as const;
type ChairRow = Record<(typeof CHAIR_FIELDS)[number], string>;
type SessionForm = Record<(typeof SESSION_FIELDS)[number], string> & { chairs: ChairRow[] };
const STYLESHEETS = ['dashboard.css', 'dashboard-agenda.css'];
const SAVED = ['added', 'updated', 'cancelled', 'published'];
const REQUIRED = { title: 'dashboard.agenda.error.titleRequired' };

interface SessionRoute {
  eventId: string;
  sessionId: string;
}

interface FormState {
  values?: SessionForm | Record<string, string>;
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
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly sessions: SessionsService,
    private readonly working: WorkingAgendaService,
    private readonly versions: AgendaVersionsService,
    private readonly people: PeopleService,
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
    if (body.more === 'chair') return this.renderAgenda(req, res, event, { add: { values: withBlankChair(typed), errors: {} } }, 200);
    const form = validateForm(createSessionSchema, sessionInput(typed, undefined));
    const errors = form.ok ? await this.attempt(() => this.sessions.create(eventId, form.value)) : invalid(form.errors);
    if (!errors) return res.redirect(303, `/dashboard/events/${eventId}/agenda?saved=added`);
    const messages = agendaFormErrors(req, errors.messages, REQUIRED);
    await this.renderAgenda(req, res, event, { add: { values: withBlankChair(typed), errors: messages } }, errors.status);
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
    if (body.more === 'chair') return this.renderEdit(req, res, event, sessionId, { values: withBlankChair(typed), errors: {} }, 200);
    const form = validateForm(updateSessionSchema, sessionInput(typed, null));
    const errors = form.ok ? await this.attempt(() => this.sessions.update(eventId, sessionId, form.value)) : invalid(form.errors);
    if (!errors) return res.redirect(303, `/dashboard/events/${eventId}/agenda?saved=updated#session-${sessionId}`);
    const messages = agendaFormErrors(req, errors.messages, REQUIRED);
    await this.renderEdit(req, res, event, sessionId, { values: withBlankChair(typed), errors: messages }, errors.status);
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
      const confirm = this.renderer.t(req, 'dashboard.agenda.session.confirmRequired');
      return this.renderEdit(req, res, event, sessionId, { errors: { confirm } }, 400);
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
    const by = { actor: organiserActor(req.principal as OrganiserPrincipal) };
    const errors = form.ok ? await this.attempt(() => this.versions.publish(eventId, form.value, by)) : invalid(form.errors);
    if (!errors) return res.redirect(303, `/dashboard/events/${eventId}/agenda?saved=published#changelog`);
    const messages = agendaFormErrors(req, errors.messages);
    await this.renderAgenda(req, res, event, { publish: { values: { note }, errors: messages } }, errors.status);
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
    const [agenda, versions, people] = await Promise.all([
      this.working.current(event.id),
      this.versions.list(event.id),
      this.people.choices(event.id),
    ]);
    const rooms = new Map(agenda.rooms.map((r) => [r.id, r.name]));
    const themes = new Map(agenda.themes.map((t) => [t.id, t]));
    const days = localDatesBetween(event.startsAt, event.endsAt, event.timezone).map((date) => ({
      date,
      sessions: agenda.sessions
        .filter((s) => localDate(new Date(s.startsAt), event.timezone) === date)
        .map((s) => ({
          ...s,
          room: s.roomId ? rooms.get(s.roomId) : null,
          theme: s.themeId ? (themes.get(s.themeId) ?? null) : null,
        })),
    }));
    const roomName = (id: string | null) =>
      id ? (rooms.get(id) ?? this.renderer.t(req, 'dashboard.agenda.removedRoom')) : this.renderer.t(req, 'dashboard.agenda.noRoom');
    const withRoom = <S extends { roomId: string | null }>(s: S) => ({ ...s, room: roomName(s.roomId) });
    const addValues = (forms.add?.values as SessionForm | undefined) ?? { ...blankSession(), chairs: [blankChair()] };
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
        chairRoles: CHAIR_ROLES,
        people,
        zoneHint: this.zoneHint(req, event),
        saved: SAVED.includes(req.query.saved as string) ? req.query.saved : null,
        add: {
          values: addValues,
          errors: shownErrors(forms.add?.errors),
          chairRows: shownRows(addValues.chairs, 'chairs', forms.add?.errors),
        },
        publish: { values: forms.publish?.values ?? {}, errors: shownErrors(forms.publish?.errors) },
      },
      {
        title: this.renderer.t(req, 'dashboard.agenda.title', { event: event.title }),
        dashboard: true,
        private: true,
        status,
        stylesheets: STYLESHEETS,
      },
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
    const [agenda, people] = await Promise.all([this.working.current(event.id), this.people.choices(event.id)]);
    const values: SessionForm = (form?.values as SessionForm | undefined) ?? {
      title: session.title,
      kind: session.kind,
      description: session.description,
      hostOrganisation: session.hostOrganisation ?? '',
      startsAt: session.startsAt.slice(0, 16),
      endsAt: session.endsAt.slice(0, 16),
      roomId: session.roomId ?? '',
      themeId: session.themeId ?? '',
      capacity: session.capacity === null ? '' : String(session.capacity),
      chairs: [...session.chairs.map((c) => ({ personId: c.id, role: c.role })), blankChair()],
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
        chairRows: shownRows(values.chairs, 'chairs', form?.errors),
        rooms: agenda.rooms,
        themes: agenda.themes,
        kinds: SESSION_KINDS,
        chairRoles: CHAIR_ROLES,
        people,
        zoneHint: this.zoneHint(req, event),
      },
      {
        title: this.renderer.t(req, 'dashboard.agenda.session.title', { session: session.title, event: event.title }),
        dashboard: true,
        private: true,
        status,
        stylesheets: STYLESHEETS,
      },
    );
  }

  private zoneHint(req: Request, event: Event): string {
    return this.renderer.t(req, 'dashboard.agenda.zoneHint', { zone: event.timezone });
  }
}

interface Refusal {
  messages: FormErrors;
  status: number;
}

function invalid(messages: FormErrors): Refusal {
  return { messages, status: 400 };
}

function blankChair(): ChairRow {
  return { personId: '', role: 'chair' };
}

function blankSession(): Record<(typeof SESSION_FIELDS)[number], string> {
  return {
    ...(Object.fromEntries(SESSION_FIELDS.map((f) => [f, ''])) as Record<(typeof SESSION_FIELDS)[number], string>),
    kind: 'presentations',
  };
}

/** One free chair row after those typed, as the form first had; the rows' error indices are unchanged. */
function withBlankChair(typed: SessionForm): SessionForm {
  return { ...typed, chairs: [...typed.chairs, blankChair()] };
}

/** The typed form; chair rows left on "nobody" are the form's spare slots and are dropped. */
function sessionForm(body: Record<string, unknown>): SessionForm {
  const fields = Object.fromEntries(SESSION_FIELDS.map((field) => [field, typedText(body, field)])) as Record<
    (typeof SESSION_FIELDS)[number],
    string
  >;
  const chairs = indexedRows(body, 'chairs', CHAIR_FIELDS).filter((row) => !isBlankRow(row, ['personId']));
  return { ...fields, chairs };
}

/** The form as the API's body: `datetime-local` values are wall-clock times in the event's zone, as the API reads them. */
function sessionInput(typed: SessionForm, blank: null | undefined) {
  return {
    title: typed.title,
    kind: typed.kind,
    description: typed.description,
    hostOrganisation: typed.hostOrganisation.trim() === '' ? blank : typed.hostOrganisation,
    startsAt: typed.startsAt,
    endsAt: typed.endsAt,
    roomId: optionalId(typed.roomId, blank),
    themeId: optionalId(typed.themeId, blank),
    capacity: typed.capacity.trim() === '' ? blank : optionalNumber(typed.capacity),
    chairs: typed.chairs.map((c) => ({ personId: c.personId, role: c.role || undefined })),
  };
}
