import { Body, Controller, Get, Param, PipeTransform, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { createHighlightSchema, createOutcomeSchema, updateHighlightSchema, updateOutcomeSchema } from '../../reports/dto/outcome.dto';
import { OutcomesService } from '../../reports/outcomes.service';
import { FormErrors, blankToUndefined, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { optionalNumber, problemStatus, shownErrors, typedText } from './form-values';
import { settingsFormErrors } from './settings-form-errors';

type Kind = 'outcome' | 'highlight';
const DONE = ['outcomeAdded', 'outcomeSaved', 'outcomeDeleted', 'highlightAdded', 'highlightSaved', 'highlightDeleted'];
const FIELDS: Record<Kind, string[]> = { outcome: ['label', 'value', 'note', 'position'], highlight: ['quote', 'attribution', 'position'] };

type Typed = Record<string, string>;

/** `outcomes` or `highlights` in the path, as the kind it holds; any other word names nothing. */
class KindParam implements PipeTransform<string, Kind> {
  transform(value: string): Kind {
    if (value === 'outcomes') return 'outcome';
    if (value === 'highlights') return 'highlight';
    throw new WebPageError(404, 'notFound');
  }
}

/**
 * `/dashboard/events/:eventId/outcomes`: what the event achieved and quotes
 * worth keeping, for its report, through the same OutcomesService and schemas
 * as `/events/:eventId/outcomes` and `/highlights`. Deleting asks first.
 */
@Controller('dashboard/events/:eventId/outcomes')
@WebPages('organiser')
export class OutcomesPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly outcomes: OutcomesService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query('done') done?: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.renderList(req, res, event, {}, 200, done && DONE.includes(done) ? done : null);
  }

  @Post(':collection')
  async create(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('collection', KindParam) kind: Kind,
    @Body() body: Record<string, unknown>,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const typed = typedOf(kind, body);
    const errors = await this.attempt(async () => {
      if (kind === 'outcome') {
        const parsed = validateForm(createOutcomeSchema, outcomeInput(typed));
        if (!parsed.ok) return parsed.errors;
        await this.outcomes.createOutcome(event.id, parsed.value);
      } else {
        const parsed = validateForm(createHighlightSchema, highlightInput(typed));
        if (!parsed.ok) return parsed.errors;
        await this.outcomes.createHighlight(event.id, parsed.value);
      }
      return null;
    });
    if (!errors) return res.redirect(303, `/dashboard/events/${event.id}/outcomes?done=${kind}Added`);
    await this.renderList(req, res, event, { [kind]: { values: typed, errors: errors.messages } }, errors.status, null);
  }

  @Get(':collection/:id')
  async edit(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('collection', KindParam) kind: Kind,
    @Param('id', new IdParam('outcome')) id: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const item = await this.load(event.id, kind, id);
    this.renderItem(req, res, event, kind, 'edit', id, stringsOf(item), {}, 200);
  }

  @Post(':collection/:id')
  async update(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('collection', KindParam) kind: Kind,
    @Param('id', new IdParam('outcome')) id: string,
    @Body() body: Record<string, unknown>,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.load(event.id, kind, id);
    const typed = typedOf(kind, body);
    const errors = await this.attempt(async () => {
      if (kind === 'outcome') {
        const parsed = validateForm(updateOutcomeSchema, outcomeInput(typed));
        if (!parsed.ok) return parsed.errors;
        await this.outcomes.updateOutcome(event.id, id, parsed.value);
      } else {
        const parsed = validateForm(updateHighlightSchema, highlightInput(typed));
        if (!parsed.ok) return parsed.errors;
        await this.outcomes.updateHighlight(event.id, id, parsed.value);
      }
      return null;
    });
    if (!errors) return res.redirect(303, `/dashboard/events/${event.id}/outcomes?done=${kind}Saved`);
    this.renderItem(req, res, event, kind, 'edit', id, typed, errors.messages, errors.status);
  }

  @Get(':collection/:id/delete')
  async confirmDelete(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('collection', KindParam) kind: Kind,
    @Param('id', new IdParam('outcome')) id: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const item = await this.load(event.id, kind, id);
    this.renderItem(req, res, event, kind, 'delete', id, stringsOf(item), {}, 200);
  }

  @Post(':collection/:id/delete')
  async remove(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('collection', KindParam) kind: Kind,
    @Param('id', new IdParam('outcome')) id: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    if (kind === 'outcome') await this.outcomes.removeOutcome(event.id, id);
    else await this.outcomes.removeHighlight(event.id, id);
    res.redirect(303, `/dashboard/events/${event.id}/outcomes?done=${kind}Deleted`);
  }

  private load(eventId: string, kind: Kind, id: string) {
    return kind === 'outcome' ? this.outcomes.getOutcome(eventId, id) : this.outcomes.getHighlight(eventId, id);
  }

  /** Runs a validated change: null when it was made, else the errors and the status the API would answer. */
  private async attempt(change: () => Promise<FormErrors | null>): Promise<{ messages: FormErrors; status: number } | null> {
    try {
      const refused = await change();
      return refused ? { messages: refused, status: 400 } : null;
    } catch (error) {
      return { messages: formErrorsFrom(error), status: problemStatus(error) };
    }
  }

  private async renderList(
    req: Request,
    res: Response,
    event: Event,
    forms: Partial<Record<Kind, { values: Typed; errors: FormErrors }>>,
    status: number,
    done: string | null,
  ) {
    const [outcomes, highlights] = await Promise.all([this.outcomes.listOutcomes(event.id), this.outcomes.listHighlights(event.id)]);
    const language = req.language ?? 'en';
    const formOf = (kind: Kind) => ({
      values: forms[kind]?.values ?? {},
      errors: shownErrors(settingsFormErrors(language, forms[kind]?.errors ?? {})),
    });
    this.renderer.page(
      req,
      res,
      'dashboard/outcomes',
      {
        event,
        outcomes: outcomes.items,
        highlights: highlights.items,
        outcomeForm: formOf('outcome'),
        highlightForm: formOf('highlight'),
        done,
        doneKey: done && `dashboard.settings.outcomes.done.${done}`,
      },
      {
        title: `${this.renderer.t(req, 'dashboard.settings.outcomes.title')} · ${event.title}`,
        dashboard: true,
        private: true,
        status,
        stylesheets: ['dashboard.css', 'dashboard-settings.css'],
      },
    );
  }

  private renderItem(
    req: Request,
    res: Response,
    event: Event,
    kind: Kind,
    mode: 'edit' | 'delete',
    id: string,
    values: Typed,
    errors: FormErrors,
    status: number,
  ) {
    const titleKey = `dashboard.settings.outcomes.${mode}${kind === 'outcome' ? 'Outcome' : 'Highlight'}`;
    this.renderer.page(
      req,
      res,
      'dashboard/outcome-item',
      {
        event,
        kind,
        isOutcome: kind === 'outcome',
        isDelete: mode === 'delete',
        action: `/dashboard/events/${event.id}/outcomes/${kind}s/${id}${mode === 'delete' ? '/delete' : ''}`,
        values,
        errors: shownErrors(settingsFormErrors(req.language ?? 'en', errors)),
      },
      {
        title: `${this.renderer.t(req, titleKey)} · ${event.title}`,
        dashboard: true,
        private: true,
        status,
        stylesheets: ['dashboard.css', 'dashboard-settings.css'],
      },
    );
  }
}

function typedOf(kind: Kind, body: Record<string, unknown>): Typed {
  return Object.fromEntries(FIELDS[kind].map((field) => [field, typedText(body, field)]));
}

function stringsOf(item: Record<string, unknown>): Typed {
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, value === null || value === undefined ? '' : String(value)]));
}

/** A figure that reads as a number is sent as one (the report can add it up); anything else as the text typed. */
function outcomeInput(typed: Typed) {
  return {
    label: typed.label,
    value: optionalNumber(typed.value),
    note: blankToUndefined(typed.note) ?? null,
    position: optionalNumber(typed.position),
  };
}

function highlightInput(typed: Typed) {
  return { quote: typed.quote, attribution: blankToUndefined(typed.attribution) ?? null, position: optionalNumber(typed.position) };
}
