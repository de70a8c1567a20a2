import { Controller, Get, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { organiserActor } from '../../audit/audit.service';
import { OrganiserPrincipal } from '../../auth/principal';
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

interface ImportResult {
  fileName: string;
  lines: number;
  imported: number;
  refused: Array<{ line: number; email: string | null; reasons: string[] }>;
  importedLines: Array<{ line: number; name: string; email: string }>;
  moreImported: number;
}

interface ImportPage {
  notify: boolean;
  fileError?: string;
  result?: ImportResult;
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
      const fileError = this.renderer.t(req, `dashboard.registrations.import.error.${upload.problem}`);
      return this.render(req, res, event, { notify, fileError }, upload.problem === 'too_large' ? 413 : 400);
    }
    const progress = this.progress(req, res, event, notify, upload.fileName);
    let report: ImportReport;
    try {
      report = await this.importer.import(
        event,
        upload.csv,
        notify,
        { actor: organiserActor(req.principal as OrganiserPrincipal) },
        progress.show,
      );
    } catch (error) {
      if (progress.started()) return this.endProgressFailed(req, res, event, error);
      return this.render(req, res, event, { notify, fileError: this.headerError(req, error) }, 400);
    }
    const result = this.result(req, upload.fileName, upload.csv, report);
    if (progress.started()) return this.endProgress(req, res, event, { notify, result });
    this.render(req, res, event, { notify, result }, report.rejected.length > 0 && report.imported === 0 ? 422 : 200);
  }

  /**
   * The import's progress callback: a long file's page is sent in parts, its
   * top at the first step, a line of progress at every step.
   */
  private progress(req: Request, res: Response, event: Event, notify: boolean, fileName: string) {
    let started = false;
    let step = 0;
    const show = (done: number, total: number) => {
      if (total < STREAM_FROM_LINES) return;
      step ||= Math.max(PROGRESS_MIN_STEP, Math.ceil(total / PROGRESS_STEPS));
      if (done % step !== 0) return;
      if (!started) this.startProgress(req, res, event, notify, fileName);
      started = true;
      res.write(`<p>${this.renderer.t(req, 'dashboard.registrations.import.progress', { done, total })}</p>\n`);
    };
    return { show, started: () => started };
  }

  /** The page's headers and its top, down to the progress mark, then the progress heading naming the file. */
  private startProgress(req: Request, res: Response, event: Event, notify: boolean, fileName: string) {
    this.renderer.pageHeaders(res, this.options(req, event, 200));
    const top = this.renderer.render(req, 'dashboard/registrations-import', this.data(event, { notify }), this.options(req, event, 200));
    const heading = this.renderer.t(req, 'dashboard.registrations.import.importing', { file: fileName });
    res.write(`${top.split(PROGRESS_MARK)[0]}<section class="import-progress" aria-live="polite"><h2>${escapeHtml(heading)}</h2>\n`);
  }

  /** A refused header (unknown columns, or none the import needs) as the file field's error; anything else is thrown. */
  private headerError(req: Request, error: unknown): string {
    if (!(error instanceof Problem) || error.getStatus() >= 500) throw error;
    const known = Object.keys(IMPORT_COLUMNS).join(', ');
    const unknown = (error.errors ?? []).filter((e) => e.message === 'is not a known column').map((e) => e.field);
    return unknown.length
      ? this.renderer.t(req, 'dashboard.registrations.import.error.unknownColumns', { columns: unknown.join(', '), known })
      : this.renderer.t(req, 'dashboard.registrations.import.error.header', { known });
  }

  /** The report: the refused lines with their reasons, and the imported ones by name and email as the file has them. */
  private result(req: Request, fileName: string, csv: string, report: ImportReport): ImportResult {
    const rows = readCsv(csv);
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
    return {
      fileName,
      lines: rows.length - 1,
      imported: report.imported,
      refused: report.rejected.map((r) => ({ line: r.line, email: r.email, reasons: this.reasons(req, r.errors) })),
      importedLines: imported.slice(0, LISTED_IMPORTED),
      moreImported: Math.max(0, imported.length - LISTED_IMPORTED),
    };
  }

  /** The streamed page's last progress line, then the rest of the page (the report) after the progress mark. */
  private endProgress(req: Request, res: Response, event: Event, page: ImportPage & { result: ImportResult }) {
    const whole = this.renderer.render(req, 'dashboard/registrations-import', this.data(event, page), this.options(req, event, 200));
    const total = page.result.lines;
    const done = this.renderer.t(req, 'dashboard.registrations.import.progress', { done: total, total });
    res.end(`<p>${done}</p></section>${whole.split(PROGRESS_MARK)[1]}`);
  }

  /** The page's top is already sent: the failure can only be said in it. */
  private endProgressFailed(req: Request, res: Response, event: Event, error: unknown) {
    this.logger.error({ err: error, eventId: event.id }, 'a streamed registrations import failed');
    const failed = this.renderer.t(req, 'dashboard.registrations.import.error.failed');
    res.end(`<p class="notice notice-error" role="alert">${failed}</p></section></main></body></html>`);
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
