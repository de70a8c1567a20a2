import { Controller, Get, HttpStatus, Param, Post, Req, Res, StreamableFile, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { IdParam } from '../../platform/http/id-param.pipe';
import { Problem } from '../../platform/http/problem';
import { materialDownload } from '../../presenters/material-download';
import { MaterialsService } from '../../presenters/materials.service';
import { PresenterPortalService } from '../../presenters/presenter-portal.service';
import { LinkInvalidFilter } from '../link-invalid.filter';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { PresenterPortalPage, portalWithNotice } from './presenter-portal-page';

/** Refusals of a file that the presenter can fix by choosing another one. */
const FIXABLE = new Set<number>([HttpStatus.BAD_REQUEST, HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNSUPPORTED_MEDIA_TYPE]);

/**
 * Uploading and downloading materials from the portal, streamed through the
 * same MaterialsService as the API. The upload answers JSON to the portal's
 * script (which shows the progress) and a redirect or the portal with the
 * refusal to a plain form post.
 */
@Controller('presenter/presentations/:presentationId/materials')
@UseFilters(LinkInvalidFilter('presenter', '/presenter/new-link'))
@WebPages('presenter')
export class PresenterMaterialsPageController {
  constructor(
    private readonly page: PresenterPortalPage,
    private readonly renderer: WebRenderer,
    private readonly portal: PresenterPortalService,
    private readonly materials: MaterialsService,
  ) {}

  @Post()
  async upload(
    @Req() req: Request,
    @Res() res: Response,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
  ): Promise<void> {
    const me = this.page.presenter(req);
    const presentation = await this.portal.require(me, presentationId);
    const name = presentation.presenters.find((p) => p.personId === me.personId)?.name ?? '';
    const wantsJson = req.accepts(['html', 'json']) === 'json';
    try {
      const material = await this.materials.upload(
        me.eventId,
        presentationId,
        { uploadedBy: 'presenter', uploadedByPersonId: me.personId, uploaderName: name },
        req,
      );
      if (wantsJson) res.status(201).json(await this.materials.view(material));
      else res.redirect(303, portalWithNotice(presentationId, 'uploaded'));
    } catch (error) {
      if (!(error instanceof Problem) || !FIXABLE.has(error.getStatus())) throw error;
      const status = error.getStatus();
      const message = this.refusal(req, error);
      if (wantsJson) res.status(status).json({ status, message, detail: error.detail });
      else await this.page.render(req, res, me, { status, upload: { presentationId, message, detail: error.detail } });
    }
  }

  @Get(':materialId/download')
  async download(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @Param('materialId', new IdParam('material')) materialId: string,
  ): Promise<StreamableFile> {
    const me = this.page.presenter(req);
    await this.portal.require(me, presentationId);
    const material = await this.materials.get(me.eventId, presentationId, materialId);
    return materialDownload(res, material, await this.materials.open(material), 'private, no-store');
  }

  /** The refusal in the presenter's language; the service's own detail is shown beside it. */
  private refusal(req: Request, error: Problem): string {
    switch (error.getStatus()) {
      case HttpStatus.PAYLOAD_TOO_LARGE:
        return this.renderer.t(req, 'presenter.materials.tooLarge', { size: this.page.limitMb });
      case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
        return this.renderer.t(req, 'presenter.materials.wrongType', { types: this.page.acceptedTypes });
      default:
        return error.errors?.some((e) => e.field === 'file')
          ? this.renderer.t(req, 'presenter.materials.noFile')
          : this.renderer.t(req, 'presenter.materials.failed');
    }
  }
}
