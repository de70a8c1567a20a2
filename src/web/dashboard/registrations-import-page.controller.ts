import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { readCsv } from '../../platform/http/csv-reader';
import { FieldError, Problem } from '../../platform/http/problem';
import { IMPORT_COLUMNS, ImportReport, RegistrationsImportService } from '../../registration/registrations-import.service';
import { translateFormErrors } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { readCsvUpload } from './csv-upload';

/** Past this many, imported lines are counted rather than listed: the page stays readable for a file of thousands. */
const LISTED_IMPORTED = 500;

interface ImportPage {
  notify: boolean;
  fileError?: string;
  result?: {
    fileName: string;
    lines: number;
    imported: number;
    refused: Array<{ line: number; email: string | null; reasons: string[] }>;
    importedLines: Array<{ line: number; name: string; email: string }>;
    moreImported: number;
  };
}

/**
 * `/dashboard/events/:eventId/registrations/import`: the API's CSV import
 * (same service, same columns, one line at a time) from a file chosen in the
 * browser, with its report in the page: which lines went in, which were
 * refused and why, by line number.
 */
@Controller('dashboard/events/:eventId/registrations/import')
@WebPages('organiser')
export class RegistrationsImportPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly importer: RegistrationsImportService,
  ) {}

  @Get()
  async form(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    this.render(req, res, event, { notify: true }, 200);
  }

  @Post()
  async import(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const upload = await readCsvUpload(req);
    const notify = upload.fields.notify === 'yes';
    if (!upload.ok) {
      const status = upload.problem === 'too_large' ? 413 : 400;
      return this.render(
        req,
        res,
        event,
        { notify, fileError: this.renderer.t(req, `dashboard.registrations.import.error.${upload.problem}`) },
        status,
      );
    }
    let report: ImportReport;
    try {
      report = await this.importer.import(event, upload.csv, notify);
    } catch (error) {
      if (!(error instanceof Problem) || error.getStatus() >= 500) throw error;
      const unknown = (error.errors ?? []).filter((e) => e.message === 'is not a known column').map((e) => e.field);
      const fileError = unknown.length
        ? this.renderer.t(req, 'dashboard.registrations.import.error.unknownColumns', {
            columns: unknown.join(', '),
            known: Object.keys(IMPORT_COLUMNS).join(', '),
          })
        : this.renderer.t(req, 'dashboard.registrations.import.error.header', { known: Object.keys(IMPORT_COLUMNS).join(', ') });
      return this.render(req, res, event, { notify, fileError }, 400);
    }
    const rows = readCsv(upload.csv);
    const columns = (rows[0]?.fields ?? []).map((name) => IMPORT_COLUMNS[name.trim().toLowerCase()]);
    const refusedLines = new Set(report.rejected.map((r) => r.line));
    const imported = rows
      .slice(1)
      .filter((row) => !refusedLines.has(row.line))
      .map((row) => ({
        line: row.line,
        name: row.fields[columns.indexOf('name')]?.trim() ?? '',
        email: row.fields[columns.indexOf('email')]?.trim() ?? '',
      }));
    this.render(
      req,
      res,
      event,
      {
        notify,
        result: {
          fileName: upload.fileName,
          lines: rows.length - 1,
          imported: report.imported,
          refused: report.rejected.map((r) => ({ line: r.line, email: r.email, reasons: this.reasons(req, r.errors) })),
          importedLines: imported.slice(0, LISTED_IMPORTED),
          moreImported: Math.max(0, imported.length - LISTED_IMPORTED),
        },
      },
      report.rejected.length > 0 && report.imported === 0 ? 422 : 200,
    );
  }

  /** "Email: Enter an email address…": the column as the page names it, the API's message as people read it. */
  private reasons(req: Request, errors: FieldError[]): string[] {
    const language = req.language ?? 'en';
    return errors.map(({ field, message }) => {
      if (/already registered/.test(message)) return this.renderer.t(req, 'dashboard.registrations.import.alreadyRegistered');
      const said = translateFormErrors(language, { [field]: message })[field];
      const column = Object.values(IMPORT_COLUMNS).includes(field)
        ? this.renderer.t(req, `dashboard.registrations.import.column.${field}`)
        : null;
      return column ? `${column}: ${said}` : said;
    });
  }

  private render(req: Request, res: Response, event: Event, page: ImportPage, status: number) {
    this.renderer.page(
      req,
      res,
      'dashboard/registrations-import',
      {
        event: { id: event.id, title: event.title },
        columns: Object.keys(IMPORT_COLUMNS),
        ...page,
      },
      {
        title: this.renderer.t(req, 'dashboard.registrations.import.title', { event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: ['dashboard-operations.css'],
        status,
      },
    );
  }
}
