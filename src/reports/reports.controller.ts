import { Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { organiserActor } from '../audit/audit.service';
import { CurrentOrganiser } from '../auth/auth.decorators';
import { OrganiserPrincipal } from '../auth/principal';
import { EventAccessGuard } from '../events/event-access.guard';
import { EventsService } from '../events/events.service';
import { Problem } from '../platform/http/problem';
import { XLSX_TYPE, downloadQuerySchema, sendTable } from '../platform/http/table-download';
import { ZodQuery } from '../platform/http/zod-body.decorator';
import { reportTable } from './report-table';
import { ReportsService, decodeReportCursor } from './reports.service';
import { ApiFileResponse, ApiZodResponse } from '../platform/http/openapi/openapi-metadata';
import { reportPageResponse, reportRequestResponse, reportResponse } from './report.response';

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

const REPORT_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\.(json|html|csv|xlsx))?$/i;

/** The page forbids everything but its own inline styles: no scripts, fonts or anything fetched. */
export const PAGE_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * `/events/:eventId/reports`: ask for a report (202), list the versions, read
 * one as JSON (bare or `.json`, with progress while it compiles), as a printable page (`.html`)
 * or as `section,key,value` rows (`.csv`, with a BOM on `?download=1`; `.xlsx`).
 */
@ApiTags('reports')
@Controller('events/:eventId/reports')
@UseGuards(EventAccessGuard)
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly events: EventsService,
  ) {}

  /** 202 `{id, version, status}`; while a compile of the event is queued or running, that report. */
  @Post()
  @ApiZodResponse(reportRequestResponse, 'A compile is queued or already under way.')
  @HttpCode(202)
  async request(@Param('eventId') eventId: string, @CurrentOrganiser() me: OrganiserPrincipal) {
    const { report, created } = await this.reports.request(eventId, me.organiserId);
    return {
      id: report.id,
      version: report.version,
      status: report.status,
      progress: report.progress,
      shared: !created,
      links: { self: `/events/${eventId}/reports/${report.id}` },
    };
  }

  @Get()
  @ApiZodResponse(reportPageResponse, "The event's report versions.")
  list(@Param('eventId') eventId: string, @ZodQuery(listQuerySchema) query: z.infer<typeof listQuerySchema>) {
    return this.reports.list(eventId, query.limit, decodeReportCursor(query.cursor));
  }

  /** `:reportId` or `:reportId.json`, `:reportId.html`, `:reportId.csv`, `:reportId.xlsx`. */
  @Get(':reportFile')
  @ApiZodResponse(reportResponse, '`:reportId` or `:reportId.json`: the report with its data.')
  @ApiFileResponse('text/html', '`:reportId.html`: the report as a page.')
  @ApiFileResponse('text/csv', '`:reportId.csv`: section,key,value rows (a UTF-8 BOM with `?download=1`).')
  @ApiFileResponse(XLSX_TYPE, '`:reportId.xlsx`: the same rows as a spreadsheet.')
  async get(
    @Param('eventId') eventId: string,
    @Param('reportFile') file: string,
    @ZodQuery(downloadQuerySchema) query: z.infer<typeof downloadQuerySchema>,
    @Res({ passthrough: true }) res: Response,
    @CurrentOrganiser() me: OrganiserPrincipal,
  ) {
    const match = REPORT_FILE.exec(file);
    if (!match) throw Problem.notFound(`No report ${file}`);
    const [, reportId, extension] = match;
    const id = reportId.toLowerCase();
    const format = extension?.toLowerCase() ?? 'json';
    if (format === 'json') return this.reports.get(eventId, id);
    const report = await this.reports.completed(eventId, id);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (format === 'html') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Security-Policy', PAGE_POLICY);
      res.send(report.html ?? '');
      return undefined;
    }
    const event = await this.events.getEntity(eventId);
    const table = reportTable(event.slug, report.data!, report.version);
    const tableFormat = format === 'xlsx' ? 'xlsx' : 'csv';
    await this.reports.exported(report, tableFormat, { actor: organiserActor(me) });
    await sendTable(res, tableFormat, table, { forPeople: query.download });
    return undefined;
  }
}
