import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../platform/http/route-access';
import { IdParam } from '../platform/http/id-param.pipe';
import { AgendaDocumentKind, AgendaExportsService, ifNoneMatchHits } from './agenda-exports.service';
import { frabScheduleResponse, publicAgendaResponse } from './agenda.response';
import { ApiEmptyResponse, ApiFileResponse, ApiZodResponse } from '../platform/http/openapi/openapi-metadata';

const CACHE_CONTROL = 'public, max-age=60';

/**
 * The published agenda for everyone: no login, no event membership. Each
 * route serves the latest published version (never the working agenda), and
 * answers 404 before the event is published or before its first version.
 */
@ApiTags('public agenda')
@Controller('events/:eventId')
export class PublicAgendaController {
  constructor(private readonly exports: AgendaExportsService) {}

  @Get('agenda')
  @ApiZodResponse(publicAgendaResponse, 'The latest published agenda by local day; ETag, If-None-Match answers 304')
  @ApiEmptyResponse(304, 'Unchanged since the ETag sent as If-None-Match.')
  @Public()
  agenda(@Param('eventId', new IdParam('event')) eventId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send('json', eventId, req, res);
  }

  @Get('agenda.ics')
  @ApiFileResponse('text/calendar', 'RFC 5545 calendar: one VEVENT per session, stable UID, rising SEQUENCE')
  @ApiEmptyResponse(304, 'Unchanged since the ETag sent as If-None-Match.')
  @Public()
  calendar(@Param('eventId', new IdParam('event')) eventId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send('ics', eventId, req, res);
  }

  @Get('schedule.json')
  @ApiZodResponse(frabScheduleResponse, 'frab/pretalx schedule JSON for conference apps')
  @ApiEmptyResponse(304, 'Unchanged since the ETag sent as If-None-Match.')
  @Public()
  schedule(@Param('eventId', new IdParam('event')) eventId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send('frab', eventId, req, res);
  }

  @Get('schedule.xml')
  @ApiFileResponse('application/xml', 'frab schedule XML (c3voc schedule.xml.xsd) for Giggity, ConfClerk and the Fahrplan apps')
  @ApiEmptyResponse(304, 'Unchanged since the ETag sent as If-None-Match.')
  @Public()
  scheduleXml(@Param('eventId', new IdParam('event')) eventId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.send('frabXml', eventId, req, res);
  }

  private async send(kind: AgendaDocumentKind, eventId: string, req: Request, res: Response): Promise<void> {
    const doc = await this.exports.document(eventId, kind);
    const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
    // A strong validator names one representation; the gzipped bytes are another.
    const etag = gzip ? `${doc.etag.slice(0, -1)}-gzip"` : doc.etag;
    const body = gzip ? doc.gzipped : doc.body;
    res.setHeader('ETag', etag);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', CACHE_CONTROL);
    // Public, credential-free documents: browser-based schedule apps may read them.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'ETag');
    if (ifNoneMatchHits(req.headers['if-none-match'], etag)) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', doc.contentType);
    if (gzip) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', body.length);
    if (doc.filename) res.setHeader('Content-Disposition', `inline; filename="${doc.filename}"`);
    res.status(200).end(body);
  }
}
