import { Body, Controller, Get, Logger, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import type { LetterRequestInput } from '../../letters/dto/letter.dto';
import { LettersService } from '../../letters/letters.service';
import { RateLimitGuard, RateLimited } from '../../platform/http/rate-limit.guard';
import { Problem } from '../../platform/http/problem';
import { registerSchema } from '../../registration/dto/register.dto';
import type { Question } from '../../registration/question.entity';
import { QuestionsService } from '../../registration/questions.service';
import { registrationWindow } from '../../registration/registration-window';
import { RegistrationsService } from '../../registration/registrations.service';
import { FormErrors, FormResult, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { TypedForm, answerErrors, apiInput, formChoices, questionFields, translateErrors, typedForm } from './attendee-form';
import { eventDescription, eventPage, eventSummary } from './event-summary';
import {
  LetterForm,
  ShownLetterForm,
  shownLetterForm,
  translateLetterErrors,
  typedLetterForm,
  validateLetterForm,
} from './letter-request-form';

const OUTCOMES = ['confirmed', 'waitlisted', 'pending'] as const;
const LETTER_OUTCOMES = ['requested', 'failed'] as const;

/** The visa letter part of the form: null when the event offers none; `asked` when its box is ticked. */
interface LetterPart {
  asked: boolean;
  form: ShownLetterForm;
  errors: FormErrors;
}

/**
 * `/e/:slug/register`: the public registration form and its result. Where the organisers have set
 * visa letters up, the form also asks for one: checked as `PUT /registrations/me/letter` checks it
 * before anything is written, then written for the new registration.
 */
@Controller('e')
@WebPages('public')
export class RegistrationPageController {
  private readonly logger = new Logger(RegistrationPageController.name);

  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly questions: QuestionsService,
    private readonly registrations: RegistrationsService,
    private readonly letters: LettersService,
  ) {}

  @Get(':slug/register')
  async form(@Req() req: Request, @Res() res: Response, @Param('slug') slug: string): Promise<void> {
    const event = await this.publicEvent(slug);
    const [questions, offered] = await Promise.all([this.questions.forEvent(event.id), this.letters.offered(event.id)]);
    const blank = typedForm({ language: req.language }, questions);
    const letter = offered ? { asked: false, form: shownLetterForm(typedLetterForm({})), errors: {} } : null;
    this.show(req, res, event, questions, blank, {}, letter, 200);
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
    const [questions, offered] = await Promise.all([this.questions.forEvent(event.id), this.letters.offered(event.id)]);
    const typed = typedForm(body, questions);
    const typedLetter = typedLetterForm(body);
    const asked = offered && body.visaLetter === 'yes';
    const letter = (errors: FormErrors): LetterPart | null => (offered ? { asked, form: shownLetterForm(typedLetter), errors } : null);
    if (registrationWindow(event).state !== 'open') return this.show(req, res, event, questions, typed, {}, letter({}), 422);
    const input = apiInput(typed, questions);
    const checked = validateForm(registerSchema, input);
    const errors = { ...(checked.ok ? {} : checked.errors), ...answerErrors(questions, input.answers, true) };
    const letterChecked = asked ? await this.checkLetter(event.id, typedLetter) : null;
    const letterErrors = letterChecked && !letterChecked.ok ? letterChecked.errors : {};
    if (!checked.ok || Object.keys(errors).length > 0 || Object.keys(letterErrors).length > 0)
      return this.show(req, res, event, questions, typed, errors, letter(letterErrors), 400);
    let registration: { id: string; status: string };
    try {
      ({ registration } = await this.registrations.registerPublic(event.id, checked.value));
    } catch (error) {
      const refused = formErrorsFrom(error);
      // The service has already re-sent the link to an address registered before; say so beside the email field.
      const shown = error instanceof Problem && error.getStatus() === 409 ? { email: refused['(form)'] } : refused;
      return this.show(req, res, event, questions, typed, shown, letter({}), error instanceof Problem ? error.getStatus() : 400);
    }
    const letterOutcome = letterChecked?.ok ? `&letter=${await this.requestLetter(event.id, registration.id, letterChecked.value)}` : '';
    res.redirect(303, `/e/${event.slug}/registered?status=${registration.status}${letterOutcome}`);
  }

  @Get(':slug/registered')
  async result(
    @Req() req: Request,
    @Res() res: Response,
    @Param('slug') slug: string,
    @Query('status') status: string,
    @Query('letter') letter: string,
  ): Promise<void> {
    const event = await this.publicEvent(slug);
    const outcome = (OUTCOMES as readonly string[]).includes(status) ? status : 'confirmed';
    const letterOutcome = (LETTER_OUTCOMES as readonly string[]).includes(letter) ? letter : null;
    this.renderer.page(
      req,
      res,
      'attendee/registered',
      {
        event: eventSummary(event, req.language ?? 'en'),
        outcome,
        letter: letterOutcome,
        newLink: `/my-registration/new-link?event=${event.slug}`,
      },
      { title: this.renderer.t(req, `attendee.registered.${outcome}.title`), stylesheets: ['attendee.css'], home: eventPage(event) },
    );
  }

  /** The letter part checked by the API's schema and the letters service's own rules, nothing written. */
  private async checkLetter(eventId: string, form: LetterForm): Promise<FormResult<LetterRequestInput>> {
    const checked = validateLetterForm(form);
    if (!checked.ok) return checked;
    try {
      await this.letters.checkRequest(eventId, checked.value);
      return checked;
    } catch (error) {
      return { ok: false, errors: formErrorsFrom(error) };
    }
  }

  /**
   * Writes the letter request checked before the registration. The registration stands whatever
   * happens here, so a failure is told on the confirmation page (the attendee can ask again from
   * their registration page) instead of turning a made registration into an error page.
   */
  private async requestLetter(eventId: string, registrationId: string, input: LetterRequestInput): Promise<'requested' | 'failed'> {
    try {
      await this.letters.request(eventId, registrationId, input);
      return 'requested';
    } catch (error) {
      this.logger.error({ err: error, eventId, registrationId }, 'the visa letter request of a new registration could not be written');
      return 'failed';
    }
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
    letter: LetterPart | null,
    status: number,
  ): void {
    const language = req.language ?? 'en';
    const shown = { ...translateErrors(language, errors), ...translateLetterErrors(language, letter?.errors ?? {}) };
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
        letter: letter && { asked: letter.asked, form: letter.form },
      },
      {
        title: this.renderer.t(req, 'attendee.register.title', { event: event.title }),
        status,
        // Once submitted, the page carries what the visitor typed (passport details among it).
        private: status !== 200,
        scripts: letter ? ['reveal-on-tick.js'] : [],
        stylesheets: ['attendee.css'],
        home: eventPage(event),
        description: eventDescription(event, language),
      },
    );
  }
}
