import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SessionsService } from '../../agenda/sessions.service';
import { EventsService } from '../../events/events.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { ReminderRulesService } from '../../reminders/reminder-rules.service';
import { createSurveySchema } from '../../surveys/dto/survey.dto';
import { SurveysService } from '../../surveys/surveys.service';
import { FormErrors, blankToUndefined, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { problemStatus, shownErrors, typedText } from './form-values';

const KINDS: Record<string, string> = { rating: 'rating', choice: 'single_choice', multi: 'multiple_choice', text: 'text' };
const DONE = ['created', 'opened', 'closed'];

/**
 * The builder's questions box, a question a line: `kind: prompt | option | option`,
 * kind one of rating, choice, multi, text, a leading `*` for a required one, and
 * `kind [Session title]:` for a question about one of the event's sessions.
 */
export function questionsFromLines(text: string, sessions: Array<{ id: string; title: string }>): Array<Record<string, unknown>> | string {
  const byTitle = new Map(sessions.map((s) => [s.title.trim().toLowerCase(), s.id]));
  const questions: Array<Record<string, unknown>> = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const match = /^(\*)?\s*([a-z]+)\s*(?:\[([^\]]+)\])?\s*:\s*(.*)$/i.exec(line);
    const kind = match && KINDS[match[2].toLowerCase()];
    if (!match || !kind) return `line ${i + 1}: start with rating:, choice:, multi: or text:`;
    const sessionId = match[3] ? byTitle.get(match[3].trim().toLowerCase()) : null;
    if (sessionId === undefined) return `line ${i + 1}: no session of this event is titled "${match[3].trim()}"`;
    const [prompt, ...options] = match[4].split('|').map((part) => part.trim());
    questions.push({ kind, prompt, options: options.filter(Boolean), required: Boolean(match[1]), sessionId });
  }
  return questions;
}

/**
 * `/dashboard/events/:eventId/surveys`: the event's feedback surveys, a
 * simple builder, and each survey's results, through the same SurveysService
 * and schemas as `/events/:eventId/surveys`. Opening a survey adds the
 * reminder rule that sends its links to checked-in attendees after the event.
 */
@Controller('dashboard/events/:eventId/surveys')
@WebPages('organiser')
export class SurveysPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly surveys: SurveysService,
    private readonly rules: ReminderRulesService,
    private readonly sessions: SessionsService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.renderList(req, res, event.id, {}, {}, 200);
  }

  @Post()
  async create(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const typed = Object.fromEntries(['title', 'intro', 'closesAt', 'questions'].map((f) => [f, typedText(body, f)]));
    const questions = questionsFromLines(typed.questions, (await this.sessions.list(event.id)).items);
    let errors: FormErrors;
    let status = 400;
    if (typeof questions === 'string') errors = { questions };
    else {
      const parsed = validateForm(createSurveySchema, {
        title: typed.title,
        intro: blankToUndefined(typed.intro),
        anonymous: body.anonymous === 'on',
        closesAt: blankToUndefined(typed.closesAt),
        questions,
      });
      if (!parsed.ok) errors = parsed.errors;
      else {
        try {
          const survey = await this.surveys.create(event.id, parsed.value);
          return res.redirect(303, `/dashboard/events/${event.id}/surveys/${survey.id}?done=created`);
        } catch (error) {
          errors = formErrorsFrom(error);
          status = problemStatus(error);
        }
      }
    }
    await this.renderList(req, res, event.id, { ...typed, anonymous: body.anonymous === 'on' }, errors, status);
  }

  @Get(':surveyId')
  async results(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('surveyId', new IdParam('survey')) surveyId: string,
    @Query('done') done?: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const survey = await this.surveys.get(event.id, surveyId);
    const results = await this.surveys.results(event.id, surveyId);
    const most = (counts: Array<{ count: number }>) => Math.max(1, ...counts.map((c) => c.count));
    this.renderer.page(
      req,
      res,
      'dashboard/survey',
      {
        event,
        survey: { ...survey, stateKey: `dashboard.surveys.state.${survey.status}` },
        results: {
          ...results,
          questions: results.questions.map((q) => ({ ...q, max: most(q.distribution), chart: q.kind !== 'text' })),
        },
        done: done && DONE.includes(done) ? `dashboard.surveys.done.${done}` : null,
      },
      { title: survey.title, dashboard: true },
    );
  }

  @Post(':surveyId/open')
  async open(
    @Res() res: Response,
    @Req() req: Request,
    @Param('eventId') eventId: string,
    @Param('surveyId', new IdParam('survey')) surveyId: string,
    @Body() body: Record<string, unknown>,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const survey = await this.surveys.open(event.id, surveyId);
    const hours = Math.min(24 * 30, Math.max(0, Math.round(Number(typedText(body, 'hoursAfter') || '1')) || 0));
    await this.rules.create(event.id, {
      name: `Survey: ${survey.title}`.slice(0, 200),
      anchor: 'event_end',
      offsetMinutes: hours * 60,
      audience: 'checked_in',
      surveyId,
      enabled: true,
    });
    res.redirect(303, `/dashboard/events/${event.id}/surveys/${surveyId}?done=opened`);
  }

  @Post(':surveyId/close')
  async close(
    @Res() res: Response,
    @Req() req: Request,
    @Param('eventId') eventId: string,
    @Param('surveyId', new IdParam('survey')) surveyId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.surveys.close(event.id, surveyId);
    res.redirect(303, `/dashboard/events/${event.id}/surveys/${surveyId}?done=closed`);
  }

  private async renderList(
    req: Request,
    res: Response,
    eventId: string,
    values: Record<string, unknown>,
    errors: FormErrors,
    status: number,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const { items } = await this.surveys.list(event.id);
    this.renderer.page(
      req,
      res,
      'dashboard/surveys',
      {
        event,
        surveys: items.map((s) => ({ ...s, stateKey: `dashboard.surveys.state.${s.status}` })),
        values,
        errors: shownErrors(errors),
      },
      { title: this.renderer.t(req, 'dashboard.surveys.heading'), status, dashboard: true },
    );
  }
}
