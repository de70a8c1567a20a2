import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createPresentationSchema, updatePresentationSchema } from '../../agenda/dto/presentation.dto';
import { PRESENTATION_SECTIONS, PRESENTATION_STATUSES, SECTION_MAX_LENGTH } from '../../agenda/presentation.entity';
import { PresentationsService } from '../../agenda/presentations.service';
import { WorkingAgendaService } from '../../agenda/working-agenda.service';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { Problem } from '../../platform/http/problem';
import { FormErrors, blankToUndefined, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { agendaFormErrors } from './agenda-form-errors';
import { loadEventPage } from './event-page';
import { optionalId, optionalNumber, problemStatus, shownErrors, typedText } from './form-values';
import { indexedRows, isBlankRow, shownRows } from './indexed-rows';

const FIELDS = ['title', 'abstract', 'sessionId', 'themeId', 'position', 'status', ...PRESENTATION_SECTIONS] as const;
const PRESENTER_FIELDS = ['name', 'email', 'organisation', 'region', 'countryCode', 'role'] as const;
const PRESENTER_ROLES = ['lead', 'co'] as const;
type PresenterRow = Record<(typeof PRESENTER_FIELDS)[number], string>;
type PresentationForm = Record<(typeof FIELDS)[number], string> & { presenters: PresenterRow[] };
const STYLESHEETS = ['dashboard.css', 'dashboard-agenda.css'];
const REQUIRED = { title: 'dashboard.agenda.error.titleRequired', 'presenters[].name': 'dashboard.agenda.error.presenterNameRequired' };

interface PresentationRoute {
  eventId: string;
  presentationId: string;
}

/**
 * Creating and editing a presentation with its presenters (the pairing: a lead
 * and co-presenters from anywhere), its place in a session and its structured
 * sections. Presenter rows are added without script: "Add another presenter"
 * submits the form and shows it again with one more row, keeping what was typed.
 */
@Controller('dashboard/events/:eventId/presentations')
@WebPages('organiser')
export class PresentationEditorController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly presentations: PresentationsService,
    private readonly working: WorkingAgendaService,
  ) {}

  @Get('new')
  async newForm(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const sessionId = typeof req.query.sessionId === 'string' ? req.query.sessionId : '';
    const values = { ...blankForm(), sessionId, presenters: [blankPresenter('lead'), blankPresenter('co')] };
    await this.render(req, res, event, null, values, {}, 200);
  }

  @Post('new')
  async create(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const typed = presentationForm(body);
    if (body.more === 'presenter') return this.render(req, res, event, null, withBlankPresenter(typed), {}, 200);
    const form = validateForm(createPresentationSchema, presentationInput(typed, undefined));
    let createdId: string | null = null;
    const refusal = form.ok
      ? await attempt(async () => {
          createdId = (await this.presentations.create(eventId, form.value)).id;
        })
      : { messages: form.errors, status: 400 };
    if (!refusal) return res.redirect(303, `/dashboard/events/${eventId}/presentations?saved=added#presentation-${createdId}`);
    await this.render(req, res, event, null, withBlankPresenter(typed), agendaFormErrors(req, refusal.messages, REQUIRED), refusal.status);
  }

  @Get(':presentationId/edit')
  async editForm(@Req() req: Request, @Res() res: Response, @Param() { eventId, presentationId }: PresentationRoute): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const presentation = await this.known(eventId, presentationId);
    const values: PresentationForm = {
      title: presentation.title,
      abstract: presentation.abstract,
      sessionId: presentation.sessionId ?? '',
      themeId: presentation.themeId ?? '',
      position: presentation.position === null ? '' : String(presentation.position),
      status: presentation.status,
      ...(Object.fromEntries(PRESENTATION_SECTIONS.map((name) => [name, presentation.sections[name] ?? ''])) as Record<
        (typeof PRESENTATION_SECTIONS)[number],
        string
      >),
      presenters: [
        ...presentation.presenters.map((p) => ({
          name: p.name,
          email: p.email ?? '',
          organisation: p.organisation ?? '',
          region: p.region ?? '',
          countryCode: p.countryCode ?? '',
          role: p.role,
        })),
        blankPresenter(presentation.presenters.length === 0 ? 'lead' : 'co'),
      ],
    };
    await this.render(req, res, event, presentationId, values, {}, 200);
  }

  @Post(':presentationId/edit')
  async update(
    @Req() req: Request,
    @Res() res: Response,
    @Param() { eventId, presentationId }: PresentationRoute,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.known(eventId, presentationId);
    const typed = presentationForm(body);
    if (body.more === 'presenter') return this.render(req, res, event, presentationId, withBlankPresenter(typed), {}, 200);
    const form = validateForm(updatePresentationSchema, presentationInput(typed, null));
    const refusal = form.ok
      ? await attempt(() => this.presentations.update(eventId, presentationId, form.value))
      : { messages: form.errors, status: 400 };
    if (!refusal) return res.redirect(303, `/dashboard/events/${eventId}/presentations?saved=updated#presentation-${presentationId}`);
    await this.render(
      req,
      res,
      event,
      presentationId,
      withBlankPresenter(typed),
      agendaFormErrors(req, refusal.messages, REQUIRED),
      refusal.status,
    );
  }

  /** The confirmation step of a delete: what goes with the presentation. */
  @Get(':presentationId/delete')
  async confirmDelete(@Req() req: Request, @Res() res: Response, @Param() { eventId, presentationId }: PresentationRoute): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const presentation = await this.known(eventId, presentationId);
    this.renderer.page(
      req,
      res,
      'dashboard/presentation-delete',
      { event, presentation },
      {
        title: this.renderer.t(req, 'dashboard.agenda.presentation.deleteTitle', { title: presentation.title, event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: STYLESHEETS,
      },
    );
  }

  @Post(':presentationId/delete')
  async remove(@Req() req: Request, @Res() res: Response, @Param() { eventId, presentationId }: PresentationRoute): Promise<void> {
    await loadEventPage(this.events, req, eventId);
    await this.known(eventId, presentationId);
    await this.presentations.remove(eventId, presentationId);
    res.redirect(303, `/dashboard/events/${eventId}/presentations?saved=deleted`);
  }

  private async known(eventId: string, presentationId: string) {
    try {
      return await this.presentations.get(eventId, presentationId);
    } catch (error) {
      if (error instanceof Problem && error.getStatus() === 404) throw new WebPageError(404, 'notFound');
      throw error;
    }
  }

  private async render(
    req: Request,
    res: Response,
    event: Event,
    presentationId: string | null,
    values: PresentationForm,
    errors: FormErrors,
    status: number,
  ): Promise<void> {
    const agenda = await this.working.current(event.id);
    this.renderer.page(
      req,
      res,
      'dashboard/presentation-edit',
      {
        event,
        presentationId,
        action: presentationId
          ? `/dashboard/events/${event.id}/presentations/${presentationId}/edit`
          : `/dashboard/events/${event.id}/presentations/new`,
        values,
        errors: shownErrors(errors),
        presenterRows: shownRows(values.presenters, 'presenters', errors),
        sessions: agenda.sessions.filter((s) => s.status === 'scheduled' || s.id === values.sessionId),
        themes: agenda.themes,
        statuses: PRESENTATION_STATUSES,
        roles: PRESENTER_ROLES,
        sections: PRESENTATION_SECTIONS.map((name) => ({
          name,
          label: this.renderer.t(req, `presenter.section.${name}`),
          value: values[name],
          error: errors[name],
        })),
        sectionMax: SECTION_MAX_LENGTH,
      },
      {
        title: this.renderer.t(req, presentationId ? 'dashboard.agenda.presentation.editTitle' : 'dashboard.agenda.presentation.newTitle', {
          title: values.title,
          event: event.title,
        }),
        dashboard: true,
        private: true,
        status,
        stylesheets: STYLESHEETS,
      },
    );
  }
}

async function attempt(change: () => Promise<unknown>): Promise<{ messages: FormErrors; status: number } | null> {
  try {
    await change();
    return null;
  } catch (error) {
    if (error instanceof Problem && error.getStatus() === 404) throw new WebPageError(404, 'notFound');
    return { messages: formErrorsFrom(error), status: problemStatus(error) };
  }
}

function blankForm(): Record<(typeof FIELDS)[number], string> {
  return { ...(Object.fromEntries(FIELDS.map((f) => [f, ''])) as Record<(typeof FIELDS)[number], string>), status: 'draft' };
}

function blankPresenter(role: 'lead' | 'co'): PresenterRow {
  return { name: '', email: '', organisation: '', region: '', countryCode: '', role };
}

function withBlankPresenter(typed: PresentationForm): PresentationForm {
  return { ...typed, presenters: [...typed.presenters, blankPresenter(typed.presenters.length === 0 ? 'lead' : 'co')] };
}

/** The typed form; presenter rows where nothing was typed are spare slots and are dropped. */
function presentationForm(body: Record<string, unknown>): PresentationForm {
  const fields = Object.fromEntries(FIELDS.map((field) => [field, typedText(body, field)])) as Record<(typeof FIELDS)[number], string>;
  const presenters = indexedRows(body, 'presenters', PRESENTER_FIELDS).filter(
    (row) => !isBlankRow(row, ['name', 'email', 'organisation', 'region', 'countryCode']),
  );
  return { ...fields, presenters };
}

/** The form as the API's body; on an update a cleared choice or section is null, on a create it is left out. */
function presentationInput(typed: PresentationForm, blank: null | undefined) {
  return {
    title: typed.title,
    abstract: typed.abstract,
    sessionId: optionalId(typed.sessionId, blank),
    themeId: optionalId(typed.themeId, blank),
    position: typed.position.trim() === '' ? undefined : optionalNumber(typed.position),
    status: blankToUndefined(typed.status),
    ...Object.fromEntries(PRESENTATION_SECTIONS.map((name) => [name, typed[name].trim() === '' ? blank : typed[name]])),
    presenters: typed.presenters.map((p) => ({
      name: p.name,
      email: blankToUndefined(p.email),
      organisation: blankToUndefined(p.organisation),
      region: blankToUndefined(p.region),
      countryCode: blankToUndefined(p.countryCode),
      role: blankToUndefined(p.role),
    })),
  };
}
