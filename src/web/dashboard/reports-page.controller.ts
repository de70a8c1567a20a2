import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { organiserActor } from '../../audit/audit.service';
import { OrganiserPrincipal } from '../../auth/principal';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { sendTable } from '../../platform/http/table-download';
import { reportTable } from '../../reports/report-table';
import { ReportView } from '../../reports/report.view';
import { PAGE_POLICY } from '../../reports/reports.controller';
import { ReportsService, decodeReportCursor } from '../../reports/reports.service';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { WebPages } from '../page-access';
import { loadEventPage } from './event-page';

const PAGE_SIZE = 50;

/**
 * `/dashboard/events/:eventId/reports`: past versions, compiling a new one
 * with a progress bar, and the stored renderings the API serves
 * (`/events/:eventId/reports/:reportId.html|.csv|.xlsx` and the JSON), behind the session cookie.
 */
@Controller('dashboard/events/:eventId/reports')
@WebPages('organiser')
export class ReportsPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly reports: ReportsService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query('cursor') cursor?: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const page = await this.reports.list(event.id, PAGE_SIZE, decodeReportCursor(cursor || undefined));
    const base = `/dashboard/events/${event.id}/reports`;
    this.renderer.page(
      req,
      res,
      'dashboard/reports',
      {
        event: eventData(event),
        reports: page.items.map((report) => ({ ...report, files: filesOf(event, report) })),
        paged: Boolean(cursor),
        firstHref: base,
        nextHref: page.nextCursor ? `${base}?cursor=${page.nextCursor}` : null,
      },
      {
        title: this.renderer.t(req, 'dashboard.reports.pageTitle', { event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: ['dashboard-operations.css'],
      },
    );
  }

  /** Same service as `POST /events/:eventId/reports`: a compile already under way is shared, not doubled. */
  @Post()
  async compile(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    if (req.principal?.kind !== 'organiser') throw new WebPageError(401, 'forbidden');
    const { report } = await this.reports.request(event.id, req.principal.organiserId);
    res.redirect(303, `/dashboard/events/${event.id}/reports/${report.id}`);
  }

  /** The report's state; `report-progress.js` keeps it current, and without scripts a refresh does. */
  @Get(':reportId')
  async show(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('reportId', new IdParam('report')) reportId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const report = await this.reports.get(event.id, reportId);
    this.renderer.page(
      req,
      res,
      'dashboard/report',
      {
        event: eventData(event),
        report,
        files: filesOf(event, report),
        statusUrl: `/dashboard/events/${event.id}/reports/${report.id}/status.json`,
        completed: report.status === 'completed',
        failed: report.status === 'failed',
        statusText: this.statusText(req, report),
      },
      {
        title: this.renderer.t(req, 'dashboard.reports.reportPageTitle', { version: report.version, event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: ['dashboard-operations.css'],
        scripts: ['report-progress.js'],
      },
    );
  }

  /** What the progress page says of the report, in the page's language (report-progress.js shows it as it comes). */
  private statusText(req: Request, report: Pick<ReportView, 'status' | 'progress' | 'error'>): string {
    const reason = report.error ?? this.renderer.t(req, 'dashboard.reports.status.noReason');
    return this.renderer.t(req, `dashboard.reports.status.${report.status}`, { progress: report.progress, reason });
  }

  @Get(':reportId/status.json')
  async status(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('reportId', new IdParam('report')) reportId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const report = await this.reports.get(event.id, reportId);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: report.status, progress: report.progress, text: this.statusText(req, report) });
  }

  /**
   * `report.html`, `report.csv`, `report.xlsx` or `report.json`: the renderings the API serves, each from the
   * same stored report; the CSV as the API's `?download=1` (with a BOM), since people open it.
   */
  @Get(':reportId/:file')
  async file(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('reportId', new IdParam('report')) reportId: string,
    @Param('file') file: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (file === 'report.json') {
      const report = await this.reports.get(event.id, reportId);
      res.setHeader('Content-Disposition', `attachment; filename="${event.slug}-report-v${report.version}.json"`);
      res.type('application/json; charset=utf-8').send(JSON.stringify(report, null, 2));
      return;
    }
    if (!['report.html', 'report.csv', 'report.xlsx'].includes(file)) throw new WebPageError(404, 'notFound');
    const report = await this.reports.completed(event.id, reportId);
    if (file === 'report.html') {
      res.setHeader('Content-Security-Policy', PAGE_POLICY);
      res.type('text/html; charset=utf-8').send(report.html ?? '');
      return;
    }
    const format = file === 'report.xlsx' ? 'xlsx' : 'csv';
    await this.reports.exported(report, format, { actor: organiserActor(req.principal as OrganiserPrincipal) });
    await sendTable(res, format, reportTable(event.slug, report.data!, report.version), { forPeople: true });
  }
}

function eventData(event: Event) {
  return { id: event.id, title: event.title, timezone: event.timezone };
}

function filesOf(event: Event, report: Pick<ReportView, 'id'>) {
  const base = `/dashboard/events/${event.id}/reports/${report.id}`;
  return { page: base, html: `${base}/report.html`, csv: `${base}/report.csv`, xlsx: `${base}/report.xlsx`, json: `${base}/report.json` };
}
