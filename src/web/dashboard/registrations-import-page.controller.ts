import { Controller, Get, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { readCsv } from '../../platform/http/csv-reader';
import { FieldError, Problem } from '../../platform/http/problem';
import { IMPORT_COLUMNS, ImportReport, RegistrationsImportService } from '../../registration/registrations-import.service';
import { translateFormErrors } from '../form-input';
import { WebPages } from '../page-access';
import { PageOptions, WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { readCsvUpload } from './csv-upload';

/** Past this many, imported lines are counted rather than listed: the page stays readable for a file of thousands. */
const LISTED_IMPORTED = 500;

/**
 * A file of this many lines takes seconds to minutes (each line is registered
 * on its own): the page is then written in parts, its progress first, so the
 * organiser sees the import advancing. At most PROGRESS_STEPS lines of progress.
 */
const STREAM_FROM_LINES = 50;
const PROGRESS_STEPS = 20;
const PROGRESS_MIN_STEP = 25;

/** Where the view lets a streamed import write its progress, between the page's top and its report. */
const PROGRESS_MARK = '<!-- import-progress -->';

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
  private readonly logger = new Logger(RegistrationsImportPageController.name);

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
    const progress = { started: false, step: 0 };
    const showProgress = (done: number, total: number) => {
      if (total < STREAM_FROM_LINES) return;
      progress.step ||= Math.max(PROGRESS_MIN_STEP, Math.ceil(total / PROGRESS_STEPS));
      if (done % progress.step !== 0) return;
      if (!progress.started) {
        progress.started = true;
        this.renderer.pageHeaders(res, this.options(req, event, 200));
        const top = this.renderer.render(
          req,
          'dashboard/registrations-import',
          this.data(event, { notify }),
          this.options(req, event, 200),
        );
        const heading = this.renderer.t(req, 'dashboard.registrations.import.importing', { file: upload.fileName });
        res.write(`${top.split(PROGRESS_MARK)[0]}<section class="import-progress" aria-live="polite"><h2>${escapeHtml(heading)}</h2>\n`);
      }
      res.write(`<p>${this.renderer.t(req, 'dashboard.registrations.import.progress', { done, total })}</p>\n`);
    };
    let report: ImportReport;
    try {
      report = await this.importer.import(event, upload.csv, notify, showProgress);
    } catch (error) {
      if (progress.started) {
        // The page's top is already sent: the failure can only be said in it.
        this.logger.error({ err: error, eventId: event.id }, 'a streamed registrations import failed');
        const failed = this.renderer.t(req, 'dashboard.registrations.import.error.failed');
        res.end(`<p class="notice notice-error" role="alert">${failed}</p></section></main></body></html>`);
        return;
      }
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
    const page: ImportPage = {
      notify,
      result: {
        fileName: upload.fileName,
        lines: rows.length - 1,
        imported: report.imported,
        refused: report.rejected.map((r) => ({ line: r.line, email: r.email, reasons: this.reasons(req, r.errors) })),
        importedLines: imported.slice(0, LISTED_IMPORTED),
        moreImported: Math.max(0, imported.length - LISTED_IMPORTED),
      },
    };
    if (progress.started) {
      const whole = this.renderer.render(req, 'dashboard/registrations-import', this.data(event, page), this.options(req, event, 200));
      const total = rows.length - 1;
      const done = this.renderer.t(req, 'dashboard.registrations.import.progress', { done: total, total });
      res.end(`<p>${done}</p></section>${whole.split(PROGRESS_MARK)[1]}`);
      return;
    }
    this.render(req, res, event, page, report.rejected.length > 0 && report.imported === 0 ? 422 : 200);
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
    this.renderer.page(req, res, 'dashboard/registrations-import', this.data(event, page), this.options(req, event, status));
  }

  private data(event: Event, page: ImportPage): Record<string, unknown> {
    return { event: { id: event.id, title: event.title }, columns: Object.keys(IMPORT_COLUMNS), ...page };
  }

  private options(req: Request, event: Event, status: number): PageOptions {
    return {
      title: this.renderer.t(req, 'dashboard.registrations.import.title', { event: event.title }),
      dashboard: true,
      private: true,
      stylesheets: ['dashboard-operations.css'],
      status,
    };
  }
}

/** A file name the organiser chose, inside the progress heading written outside the view. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
