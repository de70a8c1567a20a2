import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { RateLimitGuard, RateLimited } from '../../platform/http/rate-limit.guard';
import { Problem } from '../../platform/http/problem';
import { registerSchema } from '../../registration/dto/register.dto';
import type { Question } from '../../registration/question.entity';
import { QuestionsService } from '../../registration/questions.service';
import { registrationWindow } from '../../registration/registration-window';
import { RegistrationsService } from '../../registration/registrations.service';
import { FormErrors, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { TypedForm, answerErrors, apiInput, formChoices, questionFields, translateErrors, typedForm } from './attendee-form';
import { eventDescription, eventPage, eventSummary } from './event-summary';

const OUTCOMES = ['confirmed', 'waitlisted', 'pending'] as const;

/** `/e/:slug/register`: the public registration form and its result. */
@Controller('e')
@WebPages('public')
export class RegistrationPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly questions: QuestionsService,
    private readonly registrations: RegistrationsService,
  ) {}

  @Get(':slug/register')
  async form(@Req() req: Request, @Res() res: Response, @Param('slug') slug: string): Promise<void> {
    const event = await this.publicEvent(slug);
    const questions = await this.questions.forEvent(event.id);
    const blank = typedForm({ language: req.language }, questions);
    this.show(req, res, event, questions, blank, {}, 200);
  }

  /** Rate-limited like the API's public registration, which it is. */
  @Post(':slug/register')
  @RateLimited()
  @UseGuards(RateLimitGuard)
  async submit(
    @Req() req: Request,
    @Res() res: Response,
    @Param('slug') slug: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const event = await this.publicEvent(slug);
    const questions = await this.questions.forEvent(event.id);
    const typed = typedForm(body, questions);
    if (registrationWindow(event).state !== 'open') return this.show(req, res, event, questions, typed, {}, 422);
    const input = apiInput(typed, questions);
    const checked = validateForm(registerSchema, input);
    const errors = { ...(checked.ok ? {} : checked.errors), ...answerErrors(questions, input.answers, true) };
    if (!checked.ok || Object.keys(errors).length > 0) return this.show(req, res, event, questions, typed, errors, 400);
    try {
      const { registration } = await this.registrations.registerPublic(event.id, checked.value);
      res.redirect(303, `/e/${event.slug}/registered?status=${registration.status}`);
    } catch (error) {
      const refused = formErrorsFrom(error);
      // The service has already re-sent the link to an address registered before; say so beside the email field.
      const shown = error instanceof Problem && error.getStatus() === 409 ? { email: refused['(form)'] } : refused;
      this.show(req, res, event, questions, typed, shown, error instanceof Problem ? error.getStatus() : 400);
    }
  }

  @Get(':slug/registered')
  async result(@Req() req: Request, @Res() res: Response, @Param('slug') slug: string, @Query('status') status: string): Promise<void> {
    const event = await this.publicEvent(slug);
    const outcome = (OUTCOMES as readonly string[]).includes(status) ? status : 'confirmed';
    this.renderer.page(
      req,
      res,
      'attendee/registered',
      { event: eventSummary(event, req.language ?? 'en'), outcome, newLink: `/my-registration/new-link?event=${event.slug}` },
      { title: this.renderer.t(req, `attendee.registered.${outcome}.title`), stylesheets: ['attendee.css'], home: eventPage(event) },
    );
  }

  private async publicEvent(slug: string): Promise<Event> {
    const event = await this.events.findPublicBySlug(slug);
    if (!event) throw new WebPageError(404, 'notFound');
    return event;
  }

  private show(
    req: Request,
    res: Response,
    event: Event,
    questions: Question[],
    typed: TypedForm,
    errors: FormErrors,
    status: number,
  ): void {
    const language = req.language ?? 'en';
    const shown = translateErrors(language, errors);
    this.renderer.page(
      req,
      res,
      'attendee/details-form',
      {
        event: eventSummary(event, language),
        window: registrationWindow(event),
        form: typed,
        errors: Object.keys(shown).length > 0 ? shown : null,
        questions: questionFields(questions, typed, shown, language),
        choices: formChoices(language),
        action: `/e/${event.slug}/register`,
        submit: this.renderer.t(req, 'attendee.register.submit'),
        newLink: `/my-registration/new-link?event=${event.slug}`,
      },
      {
        title: this.renderer.t(req, 'attendee.register.title', { event: event.title }),
        status,
        stylesheets: ['attendee.css'],
        home: eventPage(event),
        description: eventDescription(event, language),
      },
    );
  }
}
