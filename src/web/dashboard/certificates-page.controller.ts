import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ISSUE_MODES } from '../../certificates/certificate.entity';
import { CertificateRunView, CertificateRunsService } from '../../certificates/certificate-runs.service';
import { CertificatesService } from '../../certificates/certificates.service';
import { certificateSettingsSchema } from '../../certificates/dto/certificate-settings.dto';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { Problem } from '../../platform/http/problem';
import { FormErrors, translateFormErrors, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { shownErrors, typedText } from './form-values';

const FIELDS = ['intro', 'signatoryName', 'signatoryTitle', 'issueMode'] as const;

/**
 * `/dashboard/events/:eventId/certificates`: what the certificates say, "send
 * them all" with its progress (the markup of a report's, kept current by
 * report-progress.js), and the certificates issued, through the same services
 * as `/events/:eventId/certificates`.
 */
@Controller('dashboard/events/:eventId/certificates')
@WebPages('organiser')
export class CertificatesPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly certificates: CertificatesService,
    private readonly runs: CertificateRunsService,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query('saved') saved?: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const settings = await this.certificates.settings(event.id);
    const values = Object.fromEntries(FIELDS.map((f) => [f, settings[f] ?? '']));
    await this.render(req, res, event, { values, errors: {} }, null, 200, saved === '1');
  }

  @Post('settings')
  async save(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const values = Object.fromEntries(FIELDS.map((f) => [f, typedText(body, f)]));
    const parsed = validateForm(certificateSettingsSchema, { ...values, issueMode: values.issueMode || undefined });
    if (!parsed.ok) return this.render(req, res, event, { values, errors: parsed.errors }, null, 400, false);
    await this.certificates.saveSettings(event.id, parsed.value);
    res.redirect(303, `/dashboard/events/${event.id}/certificates?saved=1`);
  }

  /** Same service as `POST /events/:eventId/certificates/runs`; before the certificates exist, the page says why. */
  @Post('runs')
  async send(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    if (req.principal?.kind !== 'organiser') throw new WebPageError(401, 'forbidden');
    try {
      const run = await this.runs.request(event.id, req.principal.organiserId);
      res.redirect(303, `/dashboard/events/${event.id}/certificates/runs/${run.id}`);
    } catch (error) {
      if (!(error instanceof Problem) || error.getStatus() >= 500) throw error;
      const settings = await this.certificates.settings(event.id);
      const values = Object.fromEntries(FIELDS.map((f) => [f, settings[f] ?? '']));
      await this.render(req, res, event, { values, errors: {} }, { '(form)': error.detail }, error.getStatus(), false);
    }
  }

  @Get('runs/:runId')
  async run(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('runId', new IdParam('certificate run')) runId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const run = await this.runs.get(event.id, runId);
    this.renderer.page(
      req,
      res,
      'dashboard/certificate-run',
      {
        event: { id: event.id, title: event.title, timezone: event.timezone },
        run,
        statusUrl: `/dashboard/events/${event.id}/certificates/runs/${run.id}/status.json`,
        completed: run.status === 'completed',
        failed: run.status === 'failed',
        statusText: this.statusText(req, run),
      },
      {
        title: `${this.renderer.t(req, 'dashboard.certificates.runTitle')} · ${event.title}`,
        dashboard: true,
        private: true,
        stylesheets: ['dashboard-operations.css'],
        scripts: ['report-progress.js'],
      },
    );
  }

  @Get('runs/:runId/status.json')
  async status(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('runId', new IdParam('certificate run')) runId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const run = await this.runs.get(event.id, runId);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: run.status, progress: run.progress, done: run.done, total: run.total, text: this.statusText(req, run) });
  }

  private statusText(req: Request, run: Pick<CertificateRunView, 'status' | 'done' | 'total' | 'emailed' | 'error'>): string {
    const reason = run.error ?? this.renderer.t(req, 'dashboard.certificates.status.noReason');
    return this.renderer.t(req, `dashboard.certificates.status.${run.status}`, {
      done: run.done,
      total: run.total,
      emailed: run.emailed,
      reason,
    });
  }

  private async render(
    req: Request,
    res: Response,
    event: Event,
    form: { values: Record<string, string>; errors: FormErrors },
    sendErrors: FormErrors | null,
    status: number,
    saved: boolean,
  ) {
    const language = req.language ?? 'en';
    const [runs, issued] = await Promise.all([this.runs.list(event.id), this.certificates.list(event.id, { limit: 100 })]);
    const mode = form.values.issueMode || 'after_event';
    this.renderer.page(
      req,
      res,
      'dashboard/certificates',
      {
        event: { id: event.id, title: event.title, timezone: event.timezone },
        saved,
        form: { values: form.values, errors: shownErrors(translateFormErrors(language, form.errors)) },
        sendErrors: sendErrors && shownErrors(sendErrors),
        modes: ISSUE_MODES.map((value) => ({
          value,
          checked: value === mode,
          text: this.renderer.t(req, `dashboard.certificates.mode.${value}`),
        })),
        runs: runs.items.map((run) => ({ ...run, statusText: this.statusText(req, run) })),
        certificates: issued.items.map((c) => ({
          ...c,
          about:
            c.kind === 'attendance'
              ? this.renderer.t(req, 'dashboard.certificates.kind.attendance', { days: c.days.join(', ') })
              : this.renderer.t(req, 'dashboard.certificates.kind.presenter', { title: c.presentation?.title ?? '' }),
        })),
      },
      {
        title: `${this.renderer.t(req, 'dashboard.certificates.title')} · ${event.title}`,
        dashboard: true,
        private: true,
        status,
        stylesheets: ['dashboard.css', 'dashboard-settings.css'],
      },
    );
  }
}
