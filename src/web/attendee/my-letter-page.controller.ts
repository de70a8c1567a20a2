import { Body, Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventsService } from '../../events/events.service';
import { LettersService } from '../../letters/letters.service';
import { pdfDisposition } from '../../letters/pdf-disposition';
import { RegistrationQueriesService } from '../../registration/registration-queries.service';
import { FormErrors, formErrorsFrom } from '../form-input';
import { translate } from '../i18n/messages';
import { LinkInvalidFilter } from '../link-invalid.filter';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { formChoices } from './attendee-form';
import { Attendee, attendeePrincipal, currentAttendee } from './current-attendee';
import { eventPage, eventSummary } from './event-summary';
import { ShownLetterForm, shownLetterForm, translateLetterErrors, typedLetterForm, validateLetterForm } from './letter-request-form';

/** `/my-registration/letter`: the attendee asks for a visa invitation letter, through the same service as `PUT /registrations/me/letter`. */
@Controller('my-registration/letter')
@UseFilters(LinkInvalidFilter('attendee', '/my-registration/new-link'))
@WebPages('registration')
export class MyLetterPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly queries: RegistrationQueriesService,
    private readonly letters: LettersService,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response): Promise<void> {
    const attendee = await currentAttendee(req, this.events, this.queries);
    const status = await this.letters.statusOf(attendee.event.id, attendee.registration.id);
    // The form shows what was given before (the number excepted): reading it is an access, and logged.
    const mine = status ? (await this.letters.mine(attendee.event.id, attendee.registration.id)).row : null;
    const form: ShownLetterForm = {
      passportName: mine?.passport_name ?? attendee.registration.name,
      nationality: mine?.nationality ?? attendee.registration.countryCode ?? '',
      passportExpiry: mine?.passport_expiry ?? '',
      dateOfBirth: mine?.date_of_birth ?? '',
      consulateCity: mine?.consulate_city ?? '',
      consulateCountry: mine?.consulate_country ?? attendee.registration.countryCode ?? '',
    };
    this.page(req, res, attendee, form, {}, 200, status);
  }

  @Post()
  async submit(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const attendee = await currentAttendee(req, this.events, this.queries);
    const typed = typedLetterForm(body);
    const checked = validateLetterForm(typed);
    const status = await this.letters.statusOf(attendee.event.id, attendee.registration.id);
    if (!checked.ok) return this.page(req, res, attendee, shownLetterForm(typed), checked.errors, 400, status);
    try {
      await this.letters.request(attendee.event.id, attendee.registration.id, checked.value);
    } catch (error) {
      return this.page(req, res, attendee, shownLetterForm(typed), formErrorsFrom(error), 400, status);
    }
    res.redirect(303, '/my-registration?done=letter#letter');
  }

  /** The same PDF as `GET /registrations/me/letter.pdf`, under this path because the link's cookie only goes here. */
  @Get('letter.pdf')
  async pdf(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { eventId, registrationId } = attendeePrincipal(req);
    const pdf = await this.letters.myPdf(eventId, registrationId);
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', pdfDisposition(pdf.fileName))
      .setHeader('Cache-Control', 'no-store')
      .send(pdf.bytes);
  }

  private page(
    req: Request,
    res: Response,
    attendee: Attendee,
    form: ShownLetterForm,
    errors: FormErrors,
    status: number,
    current: Awaited<ReturnType<LettersService['statusOf']>>,
  ): void {
    const { language } = attendee;
    const shown = translateLetterErrors(language, errors);
    const editable = !current || current.status === 'requested' || current.status === 'rejected';
    this.renderer.page(
      req,
      res,
      'attendee/letter-form',
      {
        event: eventSummary(attendee.event, language),
        form,
        errors: Object.keys(shown).length > 0 ? shown : null,
        countries: formChoices(language).countries,
        editable,
        current: current && {
          ...current,
          label: translate(language, `letters.status.${current.status}`),
          rejected:
            current.status === 'rejected' ? translate(language, 'letters.my.rejected', { reason: current.rejectionReason ?? '' }) : null,
        },
      },
      {
        title: translate(language, 'letters.my.heading'),
        language,
        private: true,
        status,
        stylesheets: ['attendee.css'],
        home: eventPage(attendee.event),
      },
    );
  }
}
