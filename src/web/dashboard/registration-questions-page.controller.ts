import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { Problem } from '../../platform/http/problem';
import { createQuestionSchema, updateQuestionSchema } from '../../registration/dto/question.dto';
import { QUESTION_TYPES } from '../../registration/question.entity';
import { QuestionsService } from '../../registration/questions.service';
import { FormErrors, formErrorsFrom, translateFormErrors, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { problemStatus, shownErrors, typedText } from './form-values';

const CHOICE_TYPES = new Set(['choice', 'multi_choice']);
const SAVED = new Set(['created', 'updated', 'deleted', 'moved']);

interface QuestionForm {
  values: Record<string, unknown>;
  errors?: FormErrors;
}

/**
 * `/dashboard/events/:eventId/questions`: the registration form's own
 * questions, through the API's service and schemas (create, change, order,
 * delete). A question's key and type stay as created, as on the API: answers
 * already given are stored under the key.
 */
@Controller('dashboard/events/:eventId/questions')
@WebPages('organiser')
export class RegistrationQuestionsPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly questions: QuestionsService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.renderList(req, res, event, { values: { type: 'text' } }, 200);
  }

  @Post()
  async create(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const typed = {
      key: typedText(body, 'key'),
      label: typedText(body, 'label'),
      type: typedText(body, 'type'),
      required: body.required === 'yes',
      options: typedText(body, 'options'),
    };
    const parsed = validateForm(createQuestionSchema, {
      key: typed.key.trim() || keyFrom(typed.label),
      label: typed.label,
      type: typed.type,
      required: typed.required,
      options: CHOICE_TYPES.has(typed.type) ? optionLines(typed.options) : [],
    });
    if (!parsed.ok) {
      // A key left blank is made from the label: with no label either, only the label is wrong.
      if (typed.key.trim() === '' && typed.label.trim() === '') delete parsed.errors.key;
      return this.renderList(req, res, event, { values: typed, errors: this.people(req, parsed.errors) }, 400);
    }
    try {
      await this.questions.create(event.id, parsed.value);
    } catch (error) {
      return this.renderList(req, res, event, { values: typed, errors: this.refusal(req, error) }, problemStatus(error));
    }
    res.redirect(303, `/dashboard/events/${event.id}/questions?saved=created`);
  }

  @Get(':questionId')
  async edit(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('questionId', new IdParam('question')) questionId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const question = await this.questions.one(event.id, questionId);
    const values = { label: question.label, required: question.required, options: question.options.join('\n') };
    await this.renderEdit(req, res, event, question, { values }, 200);
  }

  @Post(':questionId')
  async update(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('questionId', new IdParam('question')) questionId: string,
    @Body() body: Record<string, unknown>,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const question = await this.questions.one(event.id, questionId);
    const typed = { label: typedText(body, 'label'), required: body.required === 'yes', options: typedText(body, 'options') };
    const parsed = validateForm(updateQuestionSchema, {
      label: typed.label,
      required: typed.required,
      ...(CHOICE_TYPES.has(question.type) ? { options: optionLines(typed.options) } : {}),
    });
    if (!parsed.ok) return this.renderEdit(req, res, event, question, { values: typed, errors: this.people(req, parsed.errors) }, 400);
    try {
      await this.questions.update(event.id, questionId, parsed.value);
    } catch (error) {
      return this.renderEdit(req, res, event, question, { values: typed, errors: this.refusal(req, error) }, problemStatus(error));
    }
    res.redirect(303, `/dashboard/events/${event.id}/questions?saved=updated`);
  }

  @Post(':questionId/move')
  async move(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('questionId', new IdParam('question')) questionId: string,
    @Body() body: Record<string, unknown>,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    if (body.direction !== 'up' && body.direction !== 'down') {
      throw Problem.badRequest('Move a question up or down', [{ field: 'direction', message: 'expected one of up, down' }]);
    }
    await this.questions.move(event.id, questionId, body.direction);
    res.redirect(303, `/dashboard/events/${event.id}/questions?saved=moved#question-${questionId}`);
  }

  /** Deleting asks first: the confirmation page says that answers given stay but the question is no longer asked. */
  @Get(':questionId/delete')
  async confirmDelete(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('questionId', new IdParam('question')) questionId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const question = await this.questions.one(event.id, questionId);
    this.renderer.page(
      req,
      res,
      'dashboard/question-delete',
      { event: { id: event.id, title: event.title }, question },
      {
        title: this.renderer.t(req, 'dashboard.registrations.questions.deleteTitle', { event: event.title }),
        dashboard: true,
        private: true,
      },
    );
  }

  @Post(':questionId/delete')
  async remove(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('questionId', new IdParam('question')) questionId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.questions.remove(event.id, questionId);
    res.redirect(303, `/dashboard/events/${event.id}/questions?saved=deleted`);
  }

  /** The schema's messages as people read them, in the page's language; the key and options get their own. */
  private people(req: Request, errors: FormErrors): FormErrors {
    const shown = translateFormErrors(req.language ?? 'en', errors);
    if (errors.key) shown.key = this.renderer.t(req, 'dashboard.registrations.questions.error.key');
    if (errors.label === 'required') shown.label = this.renderer.t(req, 'dashboard.registrations.questions.error.label');
    if (Object.keys(errors).some((field) => field === 'options' || field.startsWith('options.'))) {
      shown.options = this.renderer.t(req, 'dashboard.registrations.questions.error.options');
    }
    return shown;
  }

  private refusal(req: Request, error: unknown): FormErrors {
    if (error instanceof Problem && error.getStatus() === 409)
      return { key: this.renderer.t(req, 'dashboard.registrations.questions.error.keyTaken') };
    return this.people(req, formErrorsFrom(error));
  }

  private async renderList(req: Request, res: Response, event: Event, form: QuestionForm, status: number) {
    const { items } = await this.questions.list(event.id);
    const saved = typeof req.query.saved === 'string' && SAVED.has(req.query.saved) ? req.query.saved : null;
    this.renderer.page(
      req,
      res,
      'dashboard/questions',
      {
        event: { id: event.id, title: event.title },
        questions: items.map((q, i) => ({
          ...q,
          number: i + 1,
          first: i === 0,
          last: i === items.length - 1,
          choices: CHOICE_TYPES.has(q.type),
        })),
        types: QUESTION_TYPES,
        form: { values: form.values, errors: shownErrors(form.errors) },
        saved: saved ? this.renderer.t(req, `dashboard.registrations.questions.saved.${saved}`) : null,
      },
      {
        title: this.renderer.t(req, 'dashboard.registrations.questions.title', { event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: ['dashboard-operations.css'],
        status,
      },
    );
  }

  private async renderEdit(
    req: Request,
    res: Response,
    event: Event,
    question: Awaited<ReturnType<QuestionsService['one']>>,
    form: QuestionForm,
    status: number,
  ) {
    this.renderer.page(
      req,
      res,
      'dashboard/question-edit',
      {
        event: { id: event.id, title: event.title },
        question: { ...question, choices: CHOICE_TYPES.has(question.type) },
        form: { values: form.values, errors: shownErrors(form.errors) },
      },
      {
        title: this.renderer.t(req, 'dashboard.registrations.questions.editTitle', { event: event.title }),
        dashboard: true,
        private: true,
        status,
      },
    );
  }
}

/** One option a line, as typed in the text area; blank lines are not options. */
function optionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A key from the question's label when none is typed ("Dietary needs?" → dietary_needs), as the API's pattern wants it. */
function keyFrom(label: string): string {
  const words = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 50);
  if (words === '') return '';
  return /^[a-z]/.test(words) ? words : `q_${words}`;
}
