import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { emailQuerySchema } from '../../events/event-emails.controller';
import { EventsService } from '../../events/events.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { OutboxService } from '../../platform/mail/outbox.service';
import { blankToUndefined, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';

const PAGE_SIZE = 50;
const RESENDABLE = new Set(['failed', 'bounced', 'cancelled']);

/** `/dashboard/events/:eventId/emails`: the event's outbox with delivery status, and resend. */
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
    const parsed = validateForm(emailQuerySchema, { status, kind, cursor: blankToUndefined(query.cursor), limit: PAGE_SIZE });
    const [page, counts] = await Promise.all([
      parsed.ok ? this.outbox.listForEvent(event.id, parsed.value) : null,
      this.outbox.countsForEvent(event.id),
    ]);
    const base = `/dashboard/events/${event.id}/emails`;
    const filters = { ...(typeof status === 'string' ? { status } : {}), ...(typeof kind === 'string' ? { kind } : {}) };
    const statuses = emailQuerySchema.shape.status.unwrap().options;
    this.renderer.page(
      req,
      res,
      'dashboard/emails',
      {
        event: { id: event.id, title: event.title, timezone: event.timezone },
        filters,
        filterErrors: parsed.ok ? {} : parsed.errors,
        statuses,
        byStatus: statuses.map((name) => ({ name, count: counts.byStatus[name] ?? 0 })),
        byKind: Object.entries(counts.byKind).map(([name, perStatus]) => ({
          name,
          statuses: statuses.map((s) => perStatus[s] ?? 0),
        })),
        rows: (page?.items ?? []).map((email) => ({
          ...email,
          resendable: RESENDABLE.has(email.status),
          justResent: email.id === query.resent,
        })),
        paged: Boolean(query.cursor),
        firstHref: `${base}?${new URLSearchParams(filters).toString()}`,
        nextHref: page?.nextCursor ? `${base}?${new URLSearchParams({ ...filters, cursor: page.nextCursor }).toString()}` : null,
        resent: page?.items.find((email) => email.id === query.resent),
      },
      {
        title: `Emails · ${event.title}`,
        dashboard: true,
        private: true,
        stylesheets: ['dashboard-operations.css'],
        status: parsed.ok ? 200 : 400,
      },
    );
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
