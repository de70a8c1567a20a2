import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { emailQuerySchema } from '../../events/event-emails.controller';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { OutboxService } from '../../platform/mail/outbox.service';
import { blankToUndefined, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { inlineImages, sendEmailFrame } from './email-frame';
import { loadEventPage } from './event-page';
import { optionalNumber } from './form-values';

const PAGE_SIZE = 50;
const RESENDABLE = new Set(['failed', 'bounced', 'cancelled']);

/** `/dashboard/events/:eventId/emails`: the event's outbox with delivery status, each message as sent, and resend. */
@Controller('dashboard/events/:eventId/emails')
@WebPages('organiser')
export class EmailsPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly outbox: OutboxService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query() query: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const status = blankToUndefined(query.status);
    const kind = blankToUndefined(query.kind);
    const limit = optionalNumber(query.limit) ?? PAGE_SIZE;
    const parsed = validateForm(emailQuerySchema, { status, kind, cursor: blankToUndefined(query.cursor), limit });
    const [page, counts] = await Promise.all([
      parsed.ok ? this.outbox.listForEvent(event.id, parsed.value) : null,
      this.outbox.countsForEvent(event.id),
    ]);
    const base = `/dashboard/events/${event.id}/emails`;
    const filters = {
      ...(typeof status === 'string' ? { status } : {}),
      ...(typeof kind === 'string' ? { kind } : {}),
      ...(limit !== PAGE_SIZE ? { limit: String(limit) } : {}),
    };
    const statuses = emailQuerySchema.shape.status.unwrap().options;
    const kinds = [...new Set([...Object.keys(counts.byKind), ...(typeof kind === 'string' ? [kind] : [])])].sort();
    const resentFailed = typeof query.resentFailed === 'string' && /^\d+$/.test(query.resentFailed) ? Number(query.resentFailed) : null;
    this.renderer.page(
      req,
      res,
      'dashboard/emails',
      {
        event: eventData(event),
        filters,
        filterErrors: parsed.ok ? {} : parsed.errors,
        statuses,
        kinds,
        byStatus: statuses.map((name) => ({ name, count: counts.byStatus[name] ?? 0 })),
        byKind: Object.entries(counts.byKind).map(([name, perStatus]) => ({
          name,
          statuses: statuses.map((s) => perStatus[s] ?? 0),
        })),
        failed: counts.byStatus.failed ?? 0,
        rows: (page?.items ?? []).map((email) => ({
          ...email,
          resendable: RESENDABLE.has(email.status),
          justResent: email.id === query.resent,
        })),
        paged: Boolean(query.cursor),
        firstHref: `${base}?${new URLSearchParams(filters).toString()}`,
        nextHref: page?.nextCursor ? `${base}?${new URLSearchParams({ ...filters, cursor: page.nextCursor }).toString()}` : null,
        resent: page?.items.find((email) => email.id === query.resent),
        resentFailed,
      },
      { ...pageOptions(event, this.renderer.t(req, 'dashboard.emails.title')), status: parsed.ok ? 200 : 400 },
    );
  }

  /** The confirmation step of "resend every failed message": how many it would send again. */
  @Get('resend-failed')
  async confirmResendFailed(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const counts = await this.outbox.countsForEvent(event.id);
    this.renderer.page(
      req,
      res,
      'dashboard/emails-resend-failed',
      { event: eventData(event), failed: counts.byStatus.failed ?? 0 },
      pageOptions(event, this.renderer.t(req, 'dashboard.emails.resendFailed.title')),
    );
  }

  /** Each failed message through the same resend as `POST /events/:eventId/emails/:emailId/resend`. */
  @Post('resend-failed')
  async resendFailed(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const { resent } = await this.outbox.resendFailed(event.id);
    res.redirect(303, `/dashboard/events/${event.id}/emails?resentFailed=${resent}`);
  }

  /** One message as its recipient got it: headers, the HTML in a sandboxed frame, and the text version. */
  @Get(':emailId')
  async show(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('emailId', new IdParam('email')) emailId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const email = await this.outbox.getForEvent(event.id, emailId);
    this.renderer.page(
      req,
      res,
      'dashboard/email',
      {
        event: eventData(event),
        email: {
          id: email.id,
          kind: email.kind,
          to: email.toName ? `${email.toName} <${email.toAddress}>` : email.toAddress,
          subject: email.subject,
          status: email.status,
          language: email.headers['Content-Language'] ?? null,
          createdAt: email.createdAt.toISOString(),
          sentAt: email.sentAt?.toISOString() ?? null,
          lastError: email.lastError,
          text: email.text,
          attachments: email.attachments.filter((a) => !a.cid).map((a) => a.filename),
          resendable: RESENDABLE.has(email.status),
        },
      },
      pageOptions(event, this.renderer.t(req, 'dashboard.emails.view.title', { subject: email.subject })),
    );
  }

  /** The HTML body alone, for the frame of `show`, with its own policy (see email-frame.ts). */
  @Get(':emailId/frame')
  async frame(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('emailId', new IdParam('email')) emailId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const email = await this.outbox.getForEvent(event.id, emailId);
    sendEmailFrame(res, inlineImages(email.html, email.attachments));
  }

  /** Same service as `POST /events/:eventId/emails/:emailId/resend`; the outbox then shows the new attempt. */
  @Post(':emailId/resend')
  async resend(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('emailId', new IdParam('email')) emailId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const email = await this.outbox.resend(event.id, emailId);
    res.redirect(303, `/dashboard/events/${event.id}/emails?resent=${email.id}`);
  }
}

function eventData(event: Event) {
  return { id: event.id, title: event.title, timezone: event.timezone };
}

function pageOptions(event: Event, title: string) {
  return { title: `${title} · ${event.title}`, dashboard: true, private: true, stylesheets: ['dashboard-operations.css'] };
}
