import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AUDIT_ACTIONS, AuditAction } from '../../audit/audit-actions';
import { AuditEntryView, AuditService } from '../../audit/audit.service';
import { EventsService } from '../../events/events.service';
import { RegistrationsBulkService } from '../../registration/registrations-bulk.service';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { auditEntryDetails } from './audit-entry-details';
import { loadEventPage } from './event-page';

const PAGE_SIZE = 50;

/**
 * `/dashboard/events/:eventId/audit`: the API's audit log as a page, for the
 * event's owners (another member gets 403, as on `GET /events/:eventId/audit`).
 * Registrations are named as they are now, so an erased one says so instead
 * of keeping the person's name in the log.
 */
@Controller('dashboard/events/:eventId/audit')
@WebPages('organiser')
export class AuditPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly audit: AuditService,
    private readonly registrations: RegistrationsBulkService,
    private readonly events: EventsService,
  ) {}

  @Get()
  async list(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Query('action') actionParam?: string,
    @Query('cursor') cursor?: string,
  ) {
    const { event, role } = await loadEventPage(this.events, req, eventId);
    if (role !== 'owner') throw new WebPageError(403, 'forbidden', "Only the event's owners may read its audit log");
    const wanted = actionParam || undefined;
    const valid = wanted === undefined || (AUDIT_ACTIONS as readonly string[]).includes(wanted);
    const action = valid ? (wanted as AuditAction | undefined) : undefined;
    const page = valid
      ? await this.audit.page(event.id, { limit: PAGE_SIZE, cursor: cursor || undefined, action })
      : { items: [], nextCursor: null };
    const registrationIds = page.items.flatMap((e) => (e.subject.type === 'registration' && e.subject.id ? [e.subject.id] : []));
    // Every registration has an address until it is erased, so a missing one means erased.
    const selection = await this.registrations.selection(event.id, [...new Set(registrationIds)]);
    const names = new Map(selection.flatMap((r) => (r.email === null ? [] : [[r.id, r.name] as const])));
    const base = `/dashboard/events/${event.id}/audit`;
    const filter = action ? `action=${encodeURIComponent(action)}` : '';
    this.renderer.page(
      req,
      res,
      'dashboard/audit',
      {
        event: { id: event.id, title: event.title, timezone: event.timezone },
        actions: AUDIT_ACTIONS,
        action: wanted ?? '',
        actionError: valid ? null : this.renderer.t(req, 'dashboard.audit.error.action'),
        filtered: Boolean(wanted),
        rows: page.items.map((entry) => ({
          at: entry.at,
          who: entry.actor.label,
          action: entry.action,
          subject: this.subjectOf(req, entry, names),
          details: auditEntryDetails(entry, req.language ?? 'en', event.timezone),
        })),
        paged: Boolean(cursor),
        firstHref: filter ? `${base}?${filter}` : base,
        nextHref: page.nextCursor ? `${base}?${filter ? `${filter}&` : ''}cursor=${encodeURIComponent(page.nextCursor)}` : null,
      },
      {
        title: this.renderer.t(req, 'dashboard.audit.pageTitle', { event: event.title }),
        dashboard: true,
        private: true,
        status: valid ? 200 : 400,
      },
    );
  }

  private subjectOf(req: Request, entry: AuditEntryView, names: Map<string, string>): string {
    const { type, id } = entry.subject;
    const details = entry.details;
    if (type === 'registration' && id) return names.get(id) ?? this.renderer.t(req, 'dashboard.audit.subject.gone');
    if (type === 'registrations') return this.renderer.t(req, 'dashboard.audit.subject.allRegistrations');
    if (type === 'report' && typeof details.version === 'number') {
      return this.renderer.t(req, 'dashboard.audit.subject.report', { version: details.version });
    }
    if (type === 'announcement' && typeof details.subject === 'string') {
      return this.renderer.t(req, 'dashboard.audit.subject.announcement', { subject: details.subject });
    }
    if (type === 'agenda-version' && typeof details.version === 'number') {
      return this.renderer.t(req, 'dashboard.audit.subject.agendaVersion', { version: details.version });
    }
    // Members and presenters as they were named then: organiser accounts and presenters are not erased as attendees are.
    if (type === 'event-member' && typeof details.member === 'string') return details.member;
    if (type === 'presenter' && typeof details.presenter === 'string') return details.presenter;
    return this.renderer.t(req, `label.auditSubject.${type}`);
  }
}
