import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { AgendaVersionsService } from '../../agenda/agenda-versions.service';
import { sendCertificatePdf } from '../../certificates/certificate-download';
import { CertificatesService } from '../../certificates/certificates.service';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { LettersService } from '../../letters/letters.service';
import { Problem } from '../../platform/http/problem';
import { countryName } from '../../people/countries';
import { updateRegistrationSchema } from '../../registration/dto/update-registration.dto';
import type { Question } from '../../registration/question.entity';
import { QuestionsService } from '../../registration/questions.service';
import { RegistrationCalendarService } from '../../registration/registration-calendar.service';
import { RegistrationDataService } from '../../registration/registration-data.service';
import { RegistrationDetailsService } from '../../registration/registration-details.service';
import { RegistrationQueriesService } from '../../registration/registration-queries.service';
import { RegistrationsService } from '../../registration/registrations.service';
import { SessionSignupsService } from '../../registration/session-signups.service';
import { FormErrors, formErrorsFrom, validateForm } from '../form-input';
import { LOCALES, Language } from '../i18n/languages';
import { translate } from '../i18n/messages';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import {
  TypedForm,
  answerErrors,
  answersAsTyped,
  formChoices,
  questionFields,
  translateErrors,
  typedForm,
  updateInput,
} from './attendee-form';
import { eventPage, eventSummary } from './event-summary';
import { LinkInvalidFilter } from '../link-invalid.filter';
import { Attendee, attendeePrincipal, currentAttendee } from './current-attendee';
import { COOKIES, readCookie, setCookie } from '../web-cookies';

/**
 * `/my-registration`: what the attendee does with the link from their email,
 * through the same services as `/registrations/me`. Pages speak the
 * attendee's stored language unless the visitor picked another.
 */
@Controller('my-registration')
@UseFilters(LinkInvalidFilter('attendee', '/my-registration/new-link'))
@WebPages('registration')
export class MyRegistrationController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly registrations: RegistrationsService,
    private readonly queries: RegistrationQueriesService,
    private readonly details: RegistrationDetailsService,
    private readonly questions: QuestionsService,
    private readonly signups: SessionSignupsService,
    private readonly calendar: RegistrationCalendarService,
    private readonly personalData: RegistrationDataService,
    private readonly versions: AgendaVersionsService,
    private readonly certificates: CertificatesService,
    private readonly letters: LettersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response, @Query('done') done?: string): Promise<void> {
    await this.overview(req, res, await this.attendee(req), { done: typeof done === 'string' ? done : null }, 200);
  }

  @Get('edit')
  async editForm(@Req() req: Request, @Res() res: Response): Promise<void> {
    const attendee = await this.attendee(req);
    const questions = await this.questions.forEvent(attendee.event.id);
    const { registration } = attendee;
    const typed: TypedForm = {
      name: registration.name,
      organisation: registration.organisation ?? '',
      organisationType: registration.organisationType ?? '',
      region: registration.region ?? '',
      countryCode: registration.countryCode ?? '',
      language: registration.language ?? attendee.language,
      consents: registration.consents,
      answers: answersAsTyped(questions, registration.answers),
    };
    this.editPage(req, res, attendee, questions, typed, {}, 200);
  }

  @Post('edit')
  async edit(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const attendee = await this.attendee(req);
    const questions = await this.questions.forEvent(attendee.event.id);
    const typed = typedForm(body, questions);
    const input = updateInput(typed, questions);
    const checked = validateForm(updateRegistrationSchema, input);
    // Required questions stay required for the attendee, as on the registration form.
    const errors = { ...(checked.ok ? {} : checked.errors), ...answerErrors(questions, input.answers, true) };
    if (!checked.ok || Object.keys(errors).length > 0) return this.editPage(req, res, attendee, questions, typed, errors, 400);
    try {
      await this.details.update(attendee.event.id, attendee.registration.id, checked.value);
    } catch (error) {
      return this.editPage(req, res, attendee, questions, typed, formErrorsFrom(error), 400);
    }
    res.redirect(303, '/my-registration?done=saved');
  }

  @Get('cancel')
  async confirmCancel(@Req() req: Request, @Res() res: Response): Promise<void> {
    const attendee = await this.attendee(req);
    if (attendee.registration.status === 'cancelled') return res.redirect(303, '/my-registration/cancelled');
    this.renderer.page(req, res, 'attendee/cancel', this.common(attendee), {
      title: translate(attendee.language, 'attendee.cancel.title'),
      language: attendee.language,
      private: true,
      stylesheets: ['attendee.css'],
      home: eventPage(attendee.event),
    });
  }

  @Post('cancel')
  async cancel(@Req() req: Request, @Res() res: Response): Promise<void> {
    const attendee = await this.attendee(req);
    if (attendee.registration.status !== 'cancelled') await this.registrations.cancel(attendee.event.id, attendee.registration.id);
    res.redirect(303, '/my-registration/cancelled');
  }

  @Get('cancelled')
  async cancelled(@Req() req: Request, @Res() res: Response): Promise<void> {
    const attendee = await this.attendee(req);
    if (attendee.registration.status !== 'cancelled') return res.redirect(303, '/my-registration');
    this.renderer.page(req, res, 'attendee/cancelled', this.common(attendee), {
      title: translate(attendee.language, 'attendee.cancelled.title'),
      language: attendee.language,
      private: true,
      stylesheets: ['attendee.css'],
      home: eventPage(attendee.event),
    });
  }

  @Post('sessions/:sessionId')
  async signUp(@Req() req: Request, @Res() res: Response, @Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<void> {
    const attendee = await this.attendee(req);
    let signup: { status: string };
    try {
      signup = await this.signups.signUp(attendee.event.id, attendee.registration.id, sessionId, attendee.event.timezone);
    } catch (error) {
      return this.sessionRefused(req, res, attendee, error);
    }
    res.redirect(303, `/my-registration?done=${signup.status === 'waitlisted' ? 'waitlisted' : 'signedUp'}#sessions`);
  }

  @Post('sessions/:sessionId/leave')
  async leave(@Req() req: Request, @Res() res: Response, @Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<void> {
    const attendee = await this.attendee(req);
    try {
      await this.signups.cancel(attendee.event.id, attendee.registration.id, sessionId);
    } catch (error) {
      return this.sessionRefused(req, res, attendee, error);
    }
    res.redirect(303, '/my-registration?done=left#sessions');
  }

  /** The same file as `GET /registrations/me.ics`, under this path because the link's cookie only goes here. */
  @Get('calendar.ics')
  async calendarFile(@Req() req: Request, @Res() res: Response): Promise<void> {
    const principal = this.principal(req);
    const event = await this.events.getEntity(principal.eventId);
    const file = await this.calendar.personalFile(event, principal.registrationId);
    res
      .type('text/calendar; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="my-registration.ics"')
      .setHeader('Cache-Control', 'no-store')
      .send(file);
  }

  /** The same PDF as `GET /registrations/me/certificate.pdf`: the days checked in, drawn now. */
  @Get('certificate.pdf')
  async certificate(@Req() req: Request, @Res() res: Response): Promise<void> {
    const principal = this.principal(req);
    try {
      await sendCertificatePdf(
        this.certificates,
        res,
        await this.certificates.forRegistration(principal.eventId, principal.registrationId),
      );
    } catch (error) {
      if (error instanceof Problem && error.getStatus() < 500) throw new WebPageError(404, 'notFound', error.detail);
      throw error;
    }
  }

  /** The same JSON as `GET /registrations/me/data`. */
  @Get('data.json')
  async data(@Req() req: Request, @Res() res: Response): Promise<void> {
    const principal = this.principal(req);
    const data = await this.personalData.export(principal.eventId, principal.registrationId);
    res
      .type('application/json; charset=utf-8')
      .setHeader('Content-Disposition', 'attachment; filename="my-registration.json"')
      .setHeader('Cache-Control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  }

  private async overview(
    req: Request,
    res: Response,
    attendee: Attendee,
    notes: { done?: string | null; sessionError?: string },
    status: number,
  ) {
    const { event, registration, language } = attendee;
    const [questions, mine, version, certificates, letter] = await Promise.all([
      this.questions.forEvent(event.id),
      this.signups.forRegistration(event.id, registration.id, event.timezone),
      this.versions.latest(event.id),
      this.certificates.available(event),
      this.letters.statusOf(event.id, registration.id),
    ]);
    const signedUp = new Map(mine.map((s) => [s.sessionId, s.status]));
    const sessions = (version?.snapshot.sessions ?? [])
      .filter((s) => s.capacity !== null && s.status === 'scheduled')
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
      .map((s) => ({
        id: s.id,
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        capacity: s.capacity,
        signup: signedUp.get(s.id) ?? null,
      }));
    this.shareLinkWithEventPages(req, res, event);
    const qrSvg = await QRCode.toString(registration.checkInCode, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    this.renderer.page(
      req,
      res,
      'attendee/my-registration',
      {
        ...this.common(attendee),
        country: registration.countryCode ? countryName(registration.countryCode, LOCALES[language]) : null,
        organisationType: registration.organisationType ? translate(language, `attendee.orgType.${registration.organisationType}`) : null,
        answers: questions.map((q) => ({ label: q.label, value: this.answerText(q, registration.answers[q.key], language) })),
        consents: formChoices(language).consents.map((c) => ({ ...c, given: registration.consents[c.key] === true })),
        qrSvg,
        sessions,
        canSignUp: registration.status === 'confirmed',
        certificate: certificates && registration.status === 'confirmed' && registration.checkedInDays.length > 0,
        active: registration.status !== 'cancelled' && registration.status !== 'rejected',
        letter: letter && { ...letter, label: translate(language, `letters.status.${letter.status}`) },
        done:
          notes.done === 'letter'
            ? translate(language, 'letters.my.saved')
            : notes.done && ['saved', 'signedUp', 'waitlisted', 'left'].includes(notes.done)
              ? translate(language, `attendee.my.done.${notes.done}`)
              : null,
        sessionError: notes.sessionError ?? null,
      },
      {
        title: translate(language, 'attendee.my.title'),
        language,
        private: true,
        status,
        stylesheets: ['attendee.css'],
        home: eventPage(event),
      },
    );
  }

  /** A refused sign-up (overlap, full registration not confirmed) shows on the page beside the sessions. */
  private async sessionRefused(req: Request, res: Response, attendee: Attendee, error: unknown): Promise<void> {
    if (!(error instanceof Problem) || error.getStatus() >= 500) throw error;
    const clash = error.extra?.conflictingSession as { title?: string } | undefined;
    const message = clash?.title ? translate(attendee.language, 'attendee.sessions.overlap', { title: clash.title }) : error.detail;
    await this.overview(req, res, attendee, { sessionError: message }, error.getStatus());
  }

  private editPage(
    req: Request,
    res: Response,
    attendee: Attendee,
    questions: Question[],
    typed: TypedForm,
    errors: FormErrors,
    status: number,
  ) {
    const { language } = attendee;
    const shown = translateErrors(language, errors);
    this.renderer.page(
      req,
      res,
      'attendee/details-form',
      {
        ...this.common(attendee),
        editing: true,
        form: typed,
        errors: Object.keys(shown).length > 0 ? shown : null,
        questions: questionFields(questions, typed, shown, language),
        choices: formChoices(language),
        action: '/my-registration/edit',
        submit: translate(language, 'attendee.edit.submit'),
      },
      {
        title: translate(language, 'attendee.edit.heading'),
        language,
        private: true,
        status,
        stylesheets: ['attendee.css'],
        home: eventPage(attendee.event),
      },
    );
  }

  private common({ event, registration, language }: Attendee) {
    return {
      event: eventSummary(event, language),
      registration,
      statusLabel: translate(language, `attendee.status.${registration.status}`),
    };
  }

  private answerText(question: Question, value: unknown, language: Language): string {
    if (value === undefined || value === null || value === '') return '—';
    if (Array.isArray(value)) return value.join(', ');
    if (typeof value === 'boolean') return translate(language, value ? 'attendee.form.yes' : 'attendee.form.no');
    if (question.type === 'country' && typeof value === 'string') return countryName(value, LOCALES[language]);
    return String(value);
  }

  /**
   * The link's cookie is scoped to /my-registration; a copy scoped to the
   * event's public pages (for this browser session) lets the programme mark
   * the attendee's sessions and show "my agenda". It grants nothing there
   * beyond reading their own sign-ups.
   */
  private shareLinkWithEventPages(req: Request, res: Response, event: Event): void {
    const token = readCookie(req, COOKIES.registration);
    if (token) setCookie(res, this.config.publicUrl, COOKIES.registration, token, { path: eventPage(event) });
  }

  private principal(req: Request): { eventId: string; registrationId: string } {
    return attendeePrincipal(req);
  }

  private attendee(req: Request): Promise<Attendee> {
    return currentAttendee(req, this.events, this.queries);
  }
}
