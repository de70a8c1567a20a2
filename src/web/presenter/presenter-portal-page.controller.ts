import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PRESENTATION_SECTIONS } from '../../agenda/presentation.entity';
import { sendCertificatePdf } from '../../certificates/certificate-download';
import { CertificatesService } from '../../certificates/certificates.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { Problem } from '../../platform/http/problem';
import { declineSchema, portalPresentationSchema } from '../../presenters/dto/portal-presentation.dto';
import { biographySchema } from '../../presenters/dto/presenter-biography.dto';
import { PresenterPortalService } from '../../presenters/presenter-portal.service';
import { blankToUndefined, formErrorsFrom, validateForm } from '../form-input';
import { LinkInvalidFilter } from '../link-invalid.filter';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { PORTAL_NOTICES, PortalNotice, PresenterPortalPage, portalWithNotice } from './presenter-portal-page';

const TEXT_FIELDS = ['title', 'abstract', ...PRESENTATION_SECTIONS] as const;

/**
 * `/presenter`: the page behind a presenter's invitation link. Answering and
 * editing go through the same portal service as the API's
 * `/me/presentations`, `PATCH /presentations/:id` and `confirm`/`decline`.
 */
@Controller('presenter')
@UseFilters(LinkInvalidFilter('presenter', '/presenter/new-link'))
@WebPages('presenter')
export class PresenterPortalPageController {
  constructor(
    private readonly page: PresenterPortalPage,
    private readonly portal: PresenterPortalService,
    private readonly certificates: CertificatesService,
  ) {}

  /** The same PDF as `GET /me/presentations/:presentationId/certificate.pdf`, under this path because the link's cookie only goes here. */
  @Get('presentations/:presentationId/certificate.pdf')
  async certificate(
    @Req() req: Request,
    @Res() res: Response,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
  ): Promise<void> {
    const me = this.page.presenter(req);
    try {
      await sendCertificatePdf(this.certificates, res, await this.certificates.forPresenter(me.eventId, me.personId, presentationId));
    } catch (error) {
      if (error instanceof Problem && error.getStatus() < 500) throw new WebPageError(404, 'notFound', error.detail);
      throw error;
    }
  }

  @Get()
  async show(
    @Req() req: Request,
    @Res() res: Response,
    @Query('notice') notice?: string,
    @Query('presentation') presentationId?: string,
  ): Promise<void> {
    const key = PORTAL_NOTICES.find((known) => known === notice);
    if (notice === 'biography') return this.page.render(req, res, this.page.presenter(req), { biography: { saved: true } });
    await this.page.render(req, res, this.page.presenter(req), key && presentationId ? { notice: { presentationId, key } } : {});
  }

  /** The presenter's own biography, as `PUT /me/biography` saves it. */
  @Post('biography')
  async biography(@Req() req: Request, @Res() res: Response, @Body('biography') biography: unknown): Promise<void> {
    const me = this.page.presenter(req);
    const typed = typeof biography === 'string' ? biography : '';
    const form = validateForm(biographySchema, { biography: typed });
    if (!form.ok) return this.page.render(req, res, me, { status: 400, biography: { value: typed, errors: form.errors } });
    await this.portal.setBiography(me, form.value);
    res.redirect(303, '/presenter?notice=biography#biography');
  }

  /** Title, abstract and sections; a blank section is cleared, as `null` clears it on the API. */
  @Post('presentations/:presentationId')
  async edit(
    @Req() req: Request,
    @Res() res: Response,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const me = this.page.presenter(req);
    const typed: Record<string, string> = {};
    for (const field of TEXT_FIELDS) if (typeof body[field] === 'string') typed[field] = body[field];
    const input: Record<string, string | null> = { ...typed };
    for (const name of PRESENTATION_SECTIONS) if (name in input && input[name]?.trim() === '') input[name] = null;
    const form = validateForm(portalPresentationSchema, input);
    if (!form.ok) return this.page.render(req, res, me, { status: 400, edit: { presentationId, values: typed, errors: form.errors } });
    try {
      await this.portal.update(me, presentationId, form.value);
    } catch (error) {
      return this.page.render(req, res, me, { status: 400, edit: { presentationId, values: typed, errors: formErrorsFrom(error) } });
    }
    this.done(res, presentationId, 'saved');
  }

  @Post('presentations/:presentationId/confirm')
  async confirm(
    @Req() req: Request,
    @Res() res: Response,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
  ): Promise<void> {
    await this.portal.respond(this.page.presenter(req), presentationId, 'confirmed', null);
    this.done(res, presentationId, 'confirmed');
  }

  @Post('presentations/:presentationId/decline')
  async decline(
    @Req() req: Request,
    @Res() res: Response,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @Body('reason') reason: unknown,
  ): Promise<void> {
    const me = this.page.presenter(req);
    const typed = typeof reason === 'string' ? reason : '';
    const form = validateForm(declineSchema, { reason: blankToUndefined(typed) });
    if (!form.ok) return this.page.render(req, res, me, { status: 400, decline: { presentationId, reason: typed, errors: form.errors } });
    await this.portal.respond(me, presentationId, 'declined', form.value.reason ?? null);
    this.done(res, presentationId, 'declined');
  }

  /** POST/redirect/GET back to the presentation on the portal, with its notice. */
  private done(res: Response, presentationId: string, notice: PortalNotice): void {
    res.redirect(303, portalWithNotice(presentationId, notice));
  }
}
