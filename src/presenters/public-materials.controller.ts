import { Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../platform/http/route-access';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { IdParam } from '../platform/http/id-param.pipe';
import { materialDownload } from './material-download';
import { MaterialsService } from './materials.service';
import { ApiFileResponse, ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { publicMaterialPageResponse } from './presenter.response';

/** Materials the organisers made public after the event: anyone may list and download them. */
@ApiTags('public')
@Controller()
@Public()
export class PublicMaterialsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly materials: MaterialsService,
  ) {}

  @Get('events/:eventId/materials')
  @ApiZodResponse(publicMaterialPageResponse, "The event's public materials, once it is over.")
  async list(@Param('eventId', new IdParam('event')) eventId: string) {
    const items = await this.materials.publicMaterials(eventId);
    return {
      items: items.map((m) => ({
        id: m.id,
        presentationId: m.presentationId,
        version: m.version,
        fileName: m.fileName,
        type: m.kind,
        contentType: m.contentType,
        size: m.sizeBytes,
        sha256: m.sha256,
        downloadUrl: `${this.config.publicUrl}/materials/${m.id}/download`,
      })),
      nextCursor: null,
    };
  }

  @Get('materials/:materialId/download')
  @ApiFileResponse('*/*', 'The file, with the content type it was recognised as (application/pdf, image/png, …).')
  async download(
    @Param('materialId', new IdParam('material')) materialId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const material = await this.materials.publicMaterial(materialId);
    return materialDownload(res, material, await this.materials.open(material), 'public, max-age=300');
  }
}
