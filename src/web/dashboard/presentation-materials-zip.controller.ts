import { Controller, Get, Inject, Logger, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/app-config';
import { EventsService } from '../../events/events.service';
import { MaterialsZipService } from '../../presenters/materials-zip.service';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { readableSize } from './readable-size';

/**
 * Every presentation's current material as one zip, streamed: the response
 * starts as soon as the first file is opened, and its size is checked against
 * PLENARY_MATERIALS_ZIP_MAX_BYTES before a byte is sent.
 */
@Controller('dashboard/events/:eventId/presentations')
@WebPages('organiser')
export class PresentationMaterialsZipController {
  private readonly logger = new Logger(PresentationMaterialsZipController.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly zips: MaterialsZipService,
  ) {}

  @Get('materials.zip')
  async download(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const plan = await this.zips.plan(eventId);
    const limit = this.config.materials.zipMaxBytes;
    if (plan.totalBytes > limit) {
      throw new WebPageError(
        413,
        'tooLarge',
        this.renderer.t(req, 'dashboard.agenda.zip.tooLarge', { size: readableSize(plan.totalBytes), limit: readableSize(limit) }),
      );
    }
    const { body, length } = this.zips.stream(plan);
    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${event.slug}-materials.zip"`);
    // Already compressed, and its length is exact: never transformed on the way.
    res.setHeader('Cache-Control', 'private, no-store, no-transform');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (length !== null) res.setHeader('Content-Length', String(length));
    try {
      await pipeline(body, res);
    } catch (error) {
      // Headers are gone by now: the client sees a cut-short download, the log says why.
      this.logger.warn(`Materials zip of event ${eventId} ended early: ${String(error)}`);
    }
  }
}
