import { Controller, Get, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentMagicLink, MagicLinkOnly } from '../auth/auth.decorators';
import { MagicLinkPrincipal } from '../auth/principal';
import { IdParam } from '../platform/http/id-param.pipe';
import { materialDownload } from './material-download';
import { UPLOAD_BODY } from './multipart-upload';
import { MaterialsService } from './materials.service';
import { PresenterPortalService } from './presenter-portal.service';
import { ApiFileResponse, ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { materialPageResponse, materialResponse } from './presenter.response';

/** A presenter's materials: upload a new version, list them, download one. */
@ApiTags('presenters')
@Controller('presentations/:presentationId/materials')
@MagicLinkOnly('presenter')
export class PresenterMaterialsController {
  constructor(
    private readonly portal: PresenterPortalService,
    private readonly materials: MaterialsService,
  ) {}

  /** Multipart field `file`; the new version becomes the current one. */
  @Post()
  @ApiZodResponse(materialResponse, 'The new version.')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  async upload(
    @CurrentMagicLink() link: MagicLinkPrincipal,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @Req() request: Request,
  ) {
    const me = this.portal.presenterOf(link);
    const presentation = await this.portal.require(me, presentationId);
    const name = presentation.presenters.find((p) => p.personId === me.personId)?.name ?? '';
    const material = await this.materials.upload(
      me.eventId,
      presentationId,
      { uploadedBy: 'presenter', uploadedByPersonId: me.personId, uploaderName: name },
      request,
    );
    return this.materials.view(material);
  }

  @Get()
  @ApiZodResponse(materialPageResponse, 'Every version uploaded.')
  async list(@CurrentMagicLink() link: MagicLinkPrincipal, @Param('presentationId', new IdParam('presentation')) presentationId: string) {
    const me = this.portal.presenterOf(link);
    await this.portal.require(me, presentationId);
    return this.materials.list(me.eventId, presentationId);
  }

  @Get(':materialId/download')
  @ApiFileResponse('*/*', 'The file, with the content type it was recognised as (application/pdf, image/png, …).')
  async download(
    @CurrentMagicLink() link: MagicLinkPrincipal,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @Param('materialId', new IdParam('material')) materialId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const me = this.portal.presenterOf(link);
    await this.portal.require(me, presentationId);
    const material = await this.materials.get(me.eventId, presentationId, materialId);
    return materialDownload(res, material, await this.materials.open(material), 'private, no-store');
  }
}
