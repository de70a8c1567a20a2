import { Controller, Get, Param, Patch, Post, Req, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PresentationsService } from '../agenda/presentations.service';
import { CurrentOrganiser } from '../auth/auth.decorators';
import { OrganiserPrincipal } from '../auth/principal';
import { EventAccessGuard } from '../events/event-access.guard';
import { IdParam } from '../platform/http/id-param.pipe';
import { ApiZodBody, ZodBody } from '../platform/http/zod-body.decorator';
import { MaterialUpdateInput, materialUpdateSchema } from './dto/material-update.dto';
import { materialDownload } from './material-download';
import { MaterialsService } from './materials.service';
import { UPLOAD_BODY } from './multipart-upload';
import { ApiFileResponse, ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { materialPageResponse, materialResponse } from './presenter.response';

/** Organisers' side of a presentation's materials: list, download, upload on a presenter's behalf, publish. */
@ApiTags('presenters')
@Controller('events/:eventId/presentations/:presentationId/materials')
@UseGuards(EventAccessGuard)
export class OrganiserMaterialsController {
  constructor(
    private readonly presentations: PresentationsService,
    private readonly materials: MaterialsService,
  ) {}

  @Get()
  @ApiZodResponse(materialPageResponse, 'Every version uploaded.')
  async list(@Param('eventId') eventId: string, @Param('presentationId', new IdParam('presentation')) presentationId: string) {
    await this.presentations.get(eventId, presentationId);
    return this.materials.list(eventId, presentationId);
  }

  @Post()
  @ApiZodResponse(materialResponse, 'The new version.')
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  async upload(
    @Param('eventId') eventId: string,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @CurrentOrganiser() organiser: OrganiserPrincipal,
    @Req() request: Request,
  ) {
    await this.presentations.get(eventId, presentationId);
    const material = await this.materials.upload(
      eventId,
      presentationId,
      { uploadedBy: 'organiser', uploadedByOrganiserId: organiser.organiserId, uploaderName: organiser.name },
      request,
    );
    return this.materials.view(material);
  }

  @Get(':materialId/download')
  @ApiFileResponse('*/*', 'The file, with the content type it was recognised as (application/pdf, image/png, …).')
  async download(
    @Param('eventId') eventId: string,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @Param('materialId', new IdParam('material')) materialId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const material = await this.materials.get(eventId, presentationId, materialId);
    return materialDownload(res, material, await this.materials.open(material), 'private, no-store');
  }

  /** `{public: true}` once the event is over (422 before); `{public: false}` at any time. */
  @Patch(':materialId')
  @ApiZodResponse(materialResponse, 'The changed material.')
  @ApiZodBody(materialUpdateSchema)
  async update(
    @Param('eventId') eventId: string,
    @Param('presentationId', new IdParam('presentation')) presentationId: string,
    @Param('materialId', new IdParam('material')) materialId: string,
    @ZodBody(materialUpdateSchema) body: MaterialUpdateInput,
  ) {
    return this.materials.view(await this.materials.setPublic(eventId, presentationId, materialId, body.public));
  }
}
