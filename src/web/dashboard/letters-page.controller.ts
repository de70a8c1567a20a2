import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ActedBy, organiserActor } from '../../audit/audit.service';
import { OrganiserPrincipal } from '../../auth/principal';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { bulkLetterSchema, letterSettingsSchema, rejectLetterSchema } from '../../letters/dto/letter.dto';
import { countryNameIn } from '../../letters/letter-document';
import { letterRequestView } from '../../letters/letter.view';
import { LETTER_STATUSES, LetterStatus } from '../../letters/letters.response';
import { LettersService, SIGNATURE_MAX_BYTES } from '../../letters/letters.service';
import { pdfDisposition } from '../../letters/pdf-disposition';
import { IdParam } from '../../platform/http/id-param.pipe';
import { sendTable } from '../../platform/http/table-download';
import { mailLanguage } from '../../platform/mail/mail-language';
import { FormErrors, asList, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { readFileUpload } from './csv-upload';
import { loadEventPage } from './event-page';
import { problemStatus, shownErrors, typedText } from './form-values';
import { settingsFormErrors } from './settings-form-errors';

const DONE = ['approved', 'rejected', 'revoked', 'bulk', 'settings', 'signature', 'signatureRemoved'];

interface Notices {
  done?: string | null;
  count?: number;
  refused?: string[];
  status?: LetterStatus;
}

/**
 * `/dashboard/events/:eventId/letters`: the event's visa invitation letter requests, decided
 * one by one or in bulk, and what the letters print (letterhead, signatory, signature image),
 * through the same LettersService as `/events/:eventId/letters`. Any member of the event may
 * review; every listing of passport data is logged by the service.
 */
@Controller('dashboard/events/:eventId/letters')
@WebPages('organiser')
export class LettersPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly letters: LettersService,
  ) {}

  @Get()
  async list(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Query('done') done?: string,
    @Query('count') count?: string,
    @Query('status') status?: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const filter = LETTER_STATUSES.find((s) => s === status);
    await this.render(req, res, event, {}, 200, {
      done: done && DONE.includes(done) ? done : null,
      count: Number(count) || 0,
      status: filter,
    });
  }

  @Post('bulk')
  async bulk(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const reason = typedText(body, 'reason');
    const parsed = validateForm(bulkLetterSchema, {
      action: typedText(body, 'action'),
      letterIds: asList(body.letterIds),
      ...(reason ? { reason } : {}),
    });
    if (!parsed.ok) return this.render(req, res, event, parsed.errors, 400, {});
    const { results } = await this.letters.bulk(event.id, parsed.value, this.organiserId(req), this.actedBy(req));
    const refused = results.filter((r) => r.outcome === 'refused').map((r) => r.detail ?? '');
    if (refused.length > 0) return this.render(req, res, event, {}, 409, { refused });
    res.redirect(303, `/dashboard/events/${event.id}/letters?done=bulk&count=${results.length}`);
  }

  @Post(':letterId/approve')
  async approve(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('letterId', new IdParam('letter request')) letterId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.decide(
      req,
      res,
      event,
      () => this.letters.approve(event.id, letterId, this.organiserId(req), this.actedBy(req)),
      'approved',
    );
  }

  @Post(':letterId/reject')
  async reject(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('letterId', new IdParam('letter request')) letterId: string,
    @Body() body: Record<string, unknown>,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const parsed = validateForm(rejectLetterSchema, { reason: typedText(body, 'reason') });
    if (!parsed.ok) return this.render(req, res, event, { [`reason-${letterId}`]: parsed.errors.reason }, 400, {});
    await this.decide(
      req,
      res,
      event,
      () => this.letters.reject(event.id, letterId, this.organiserId(req), parsed.value.reason, this.actedBy(req)),
      'rejected',
    );
  }

  @Post(':letterId/revoke')
  async revoke(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('letterId', new IdParam('letter request')) letterId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.decide(
      req,
      res,
      event,
      () => this.letters.revoke(event.id, letterId, this.organiserId(req), null, this.actedBy(req)),
      'revoked',
    );
  }

  /** Owners only: the one export with passport data, each request in it logged as exported. */
  @Get('export.csv')
  async export(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event, role } = await loadEventPage(this.events, req, eventId);
    if (role !== 'owner') throw new WebPageError(403, 'forbidden', this.renderer.t(req, 'dashboard.letters.exportOwnersOnly'));
    await sendTable(res, 'csv', await this.letters.exportTable(event.id, this.organiserId(req), this.actedBy(req)), { forPeople: true });
  }

  @Get(':letterId/pdf')
  async pdf(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('letterId', new IdParam('letter request')) letterId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const pdf = await this.letters.organiserPdf(event.id, letterId, this.organiserId(req));
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', pdfDisposition(pdf.fileName))
      .setHeader('Cache-Control', 'no-store')
      .send(pdf.bytes);
  }

  @Post('settings')
  async saveSettings(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const typed = {
      letterhead: typedText(body, 'letterhead'),
      signatoryName: typedText(body, 'signatoryName'),
      signatoryTitle: typedText(body, 'signatoryTitle'),
    };
    const parsed = validateForm(letterSettingsSchema, typed);
    if (!parsed.ok) return this.render(req, res, event, parsed.errors, 400, {}, typed);
    await this.letters.saveSettings(event.id, parsed.value);
    res.redirect(303, `/dashboard/events/${event.id}/letters?done=settings#letter-settings`);
  }

  @Post('signature')
  async saveSignature(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const upload = await readFileUpload(req, SIGNATURE_MAX_BYTES);
    if (!upload.ok) {
      return this.render(req, res, event, { file: this.renderer.t(req, `dashboard.letters.upload.${upload.problem}`) }, 400, {});
    }
    try {
      await this.letters.saveSignature(event.id, upload.bytes);
    } catch (error) {
      return this.render(req, res, event, { file: this.renderer.t(req, 'dashboard.letters.upload.notPng') }, problemStatus(error), {});
    }
    res.redirect(303, `/dashboard/events/${event.id}/letters?done=signature#letter-settings`);
  }

  @Post('signature/remove')
  async removeSignature(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.letters.deleteSignature(event.id);
    res.redirect(303, `/dashboard/events/${event.id}/letters?done=signatureRemoved#letter-settings`);
  }

  /** A decision on one letter: back to the list saying so, or the list with the refusal (409 for a registration not confirmed). */
  private async decide(req: Request, res: Response, event: Event, work: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await work();
    } catch (error) {
      return this.render(req, res, event, formErrorsFrom(error), problemStatus(error), {});
    }
    res.redirect(303, `/dashboard/events/${event.id}/letters?done=${done}`);
  }

  private actedBy(req: Request): ActedBy {
    return { actor: organiserActor(req.principal as OrganiserPrincipal) };
  }

  private organiserId(req: Request): string {
    return (req.principal as OrganiserPrincipal).organiserId;
  }

  private async render(
    req: Request,
    res: Response,
    event: Event,
    errors: FormErrors,
    status: number,
    notices: Notices,
    typedSettings?: { letterhead: string; signatoryName: string; signatoryTitle: string },
  ) {
    const [items, settings, role] = await Promise.all([
      this.letters.list(event.id, this.organiserId(req), notices.status),
      this.letters.settings(event.id),
      this.events.roleOf(event.id, this.organiserId(req)),
    ]);
    const language = mailLanguage(req.language);
    this.renderer.page(
      req,
      res,
      'dashboard/letters',
      {
        event,
        statuses: LETTER_STATUSES.map((value) => ({
          value,
          label: this.renderer.t(req, `dashboard.letters.status.${value}`),
          current: value === notices.status,
        })),
        letters: items.map((entry) => {
          const view = letterRequestView(entry, this.letters.verificationUrl(entry.row));
          return {
            ...view,
            nationalityName: countryNameIn(language, view.nationality),
            consulateCountryName: countryNameIn(language, view.consulateCountry),
            statusLabel: this.renderer.t(req, `dashboard.letters.status.${view.status}`),
            decidable: view.status === 'requested' || view.status === 'rejected',
            issued: view.status === 'approved',
            reasonError: errors[`reason-${view.id}`] ?? null,
          };
        }),
        settings: typedSettings ?? settings,
        hasSignatureImage: settings.hasSignatureImage,
        isOwner: role === 'owner',
        errors: shownErrors(settingsFormErrors(req.language ?? 'en', errors)),
        done: notices.done ?? null,
        count: notices.count ?? 0,
        refused: notices.refused ?? [],
      },
      {
        title: `${this.renderer.t(req, 'dashboard.letters.title')} · ${event.title}`,
        dashboard: true,
        private: true,
        status,
        stylesheets: ['dashboard.css', 'dashboard-settings.css'],
      },
    );
  }
}
