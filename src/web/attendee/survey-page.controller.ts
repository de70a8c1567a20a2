import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { submitAnswersSchema } from '../../surveys/dto/survey.dto';
import { SurveyForm, SurveysService } from '../../surveys/surveys.service';
import { Problem } from '../../platform/http/problem';
import { formatInZone } from '../../platform/time/zoned-time';
import { validateForm } from '../form-input';
import { isLanguage } from '../i18n/languages';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { RateLimitGuard, RateLimited } from '../../platform/http/rate-limit.guard';

type Typed = Record<string, string | string[]>;

const OUTCOMES: Record<number, 'answered' | 'closed' | 'unknown'> = {
  [HttpStatus.CONFLICT]: 'answered',
  [HttpStatus.GONE]: 'closed',
  [HttpStatus.NOT_FOUND]: 'unknown',
};

const list = (raw: unknown): string[] => (Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' && raw !== '' ? [raw] : []);
const one = (raw: unknown): string => (Array.isArray(raw) ? String(raw[0] ?? '') : typeof raw === 'string' ? raw : '');

/**
 * `/survey?token=`: the feedback survey an attendee answers by their emailed
 * link, without an account, through the same service and schema as
 * `POST /survey-invitation/answers`. A link already used, a closed survey or
 * an unknown link get a page that says so, with the API's status.
 */
@Controller('survey')
@WebPages('public')
export class SurveyPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly surveys: SurveysService,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response, @Query('token') token?: string): Promise<void> {
    const form = await this.formOrOutcome(req, res, one(token));
    if (form) this.renderForm(req, res, form, one(token), {}, {}, 200);
  }

  @Post()
  @RateLimited()
  @UseGuards(RateLimitGuard)
  async submit(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const token = one(body.token);
    const form = await this.formOrOutcome(req, res, token);
    if (!form) return;
    const typed: Typed = {};
    const answers: Record<string, number | string | string[]> = {};
    for (const q of form.questions) {
      const raw = body[`q.${q.id}`];
      if (q.kind === 'multiple_choice') {
        typed[q.id] = list(raw);
        answers[q.id] = typed[q.id];
      } else {
        typed[q.id] = one(raw);
        if (typed[q.id] !== '') answers[q.id] = q.kind === 'rating' ? Number(typed[q.id]) : (typed[q.id] as string);
      }
    }
    const checked = validateForm(submitAnswersSchema, { answers });
    try {
      if (!checked.ok) throw Problem.badRequest('invalid', []);
      await this.surveys.submit(token, checked.value);
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      if (error.getStatus() === HttpStatus.BAD_REQUEST) {
        const errors = Object.fromEntries(
          (error.errors ?? []).map((e) => [
            e.field.replace(/^answers\./, ''),
            this.renderer.t(req, e.message === 'required' ? 'survey.required' : 'survey.invalid'),
          ]),
        );
        return this.renderForm(req, res, form, token, typed, errors, 400);
      }
      return this.outcome(req, res, error.getStatus(), form.eventTitle);
    }
    this.renderer.page(
      req,
      res,
      'survey/done',
      {
        ok: true,
        eventTitle: form.eventTitle,
        title: this.renderer.t(req, 'survey.thanks.title'),
        body: this.renderer.t(req, 'survey.thanks.body'),
      },
      { title: this.renderer.t(req, 'survey.thanks.title'), stylesheets: ['attendee.css'], private: true },
    );
  }

  /**
   * The survey, or null once a page saying why it cannot be answered has been
   * sent. The page speaks the attendee's registered language unless they chose another.
   */
  private async formOrOutcome(req: Request, res: Response, token: string): Promise<SurveyForm | null> {
    try {
      const form = await this.surveys.form(token || '-');
      const stored = form.language?.slice(0, 2);
      if (!req.languageChosen && isLanguage(stored)) req.language = stored;
      return form;
    } catch (error) {
      if (!(error instanceof Problem) || !OUTCOMES[error.getStatus()]) throw error;
      this.outcome(req, res, error.getStatus(), null);
      return null;
    }
  }

  private outcome(req: Request, res: Response, status: number, eventTitle: string | null): void {
    const key = OUTCOMES[status] ?? 'unknown';
    const title = this.renderer.t(req, `survey.${key}.title`);
    this.renderer.page(
      req,
      res,
      'survey/done',
      { ok: false, eventTitle, title, body: this.renderer.t(req, `survey.${key}.body`) },
      { title, status, stylesheets: ['attendee.css'], private: true },
    );
  }

  private renderForm(
    req: Request,
    res: Response,
    form: SurveyForm,
    token: string,
    typed: Typed,
    errors: Record<string, string>,
    status: number,
  ) {
    const ratingLabel = (n: number) => (n === 1 || n === 5 ? this.renderer.t(req, `survey.rating.${n}`) : String(n));
    const questions = form.questions.map((q) => {
      const given = typed[q.id];
      const picked = new Set(Array.isArray(given) ? given : given ? [given] : []);
      const choices =
        q.kind === 'rating'
          ? [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: ratingLabel(n), selected: picked.has(String(n)) }))
          : q.options.map((o) => ({ value: o, label: o, selected: picked.has(o) }));
      return {
        id: `q-${q.id}`,
        name: `q.${q.id}`,
        kind: q.kind,
        prompt: q.prompt,
        session: q.session,
        required: q.required,
        choices,
        text: typeof given === 'string' ? given : '',
        error: errors[q.id] ?? null,
      };
    });
    this.renderer.page(
      req,
      res,
      'survey/answer',
      {
        token,
        eventTitle: form.eventTitle,
        title: form.survey.title,
        intro: form.survey.intro,
        anonymous: form.survey.anonymous,
        closesAt: form.survey.closesAt ? formatInZone(form.survey.closesAt, form.timezone).slice(0, 16).replace('T', ' ') : null,
        questions,
        errors: Object.keys(errors),
      },
      { title: form.survey.title, status, stylesheets: ['attendee.css'], private: true },
    );
  }
}
