import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { OrganiserPrincipal } from '../../auth/principal';
import { addMemberSchema } from '../../events/dto/add-member.dto';
import { Event } from '../../events/event.entity';
import { EventRole } from '../../events/event-member.entity';
import { EventsService } from '../../events/events.service';
import { MembersService } from '../../events/members.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { FormErrors, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebPageError } from '../web-page-error';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { problemStatus, shownErrors, typedText } from './form-values';
import { settingsFormErrors } from './settings-form-errors';

const PAGE_SIZE = 100;
const ROLES: EventRole[] = ['organiser', 'owner'];
const DONE = ['added', 'invited', 'removed'];

/**
 * `/dashboard/events/:eventId/members`: the same MembersService as
 * `/events/:eventId/members`, and its rule: every member sees the list, only
 * owners add or remove (an organiser's attempt is a 403, as on the API).
 */
@Controller('dashboard/events/:eventId/members')
@WebPages('organiser')
export class MembersPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly members: MembersService,
  ) {}

  @Get()
  async list(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Query('done') done?: string,
    @Query('email') email?: string,
    @Query('cursor') cursor?: string,
  ) {
    const { event, role } = await loadEventPage(this.events, req, eventId);
    await this.render(req, res, event, role, { email: '', role: 'organiser' }, {}, 200, {
      done: done && DONE.includes(done) ? done : null,
      email,
      cursor,
    });
  }

  @Post()
  async add(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event, role } = await loadEventPage(this.events, req, eventId);
    this.ownersOnly(req, role);
    const typed = { email: typedText(body, 'email'), role: typedText(body, 'role') };
    const parsed = validateForm(addMemberSchema, typed);
    if (!parsed.ok) return this.render(req, res, event, role, typed, parsed.errors, 400, {});
    try {
      const member = await this.members.add(event.id, parsed.value, req.principal as OrganiserPrincipal);
      const done = member.status === 'invited' ? 'invited' : 'added';
      res.redirect(303, `/dashboard/events/${event.id}/members?done=${done}&email=${encodeURIComponent(member.email)}`);
    } catch (error) {
      await this.render(req, res, event, role, typed, formErrorsFrom(error), problemStatus(error), {});
    }
  }

  @Get(':memberId/remove')
  async confirmRemove(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('memberId', new IdParam('member')) memberId: string,
  ) {
    const { event, role } = await loadEventPage(this.events, req, eventId);
    this.ownersOnly(req, role);
    await this.renderRemove(req, res, event, memberId, {}, 200);
  }

  @Post(':memberId/remove')
  async remove(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('memberId', new IdParam('member')) memberId: string,
  ) {
    const { event, role } = await loadEventPage(this.events, req, eventId);
    this.ownersOnly(req, role);
    try {
      await this.members.remove(event.id, memberId, req.principal as OrganiserPrincipal);
    } catch (error) {
      return this.renderRemove(req, res, event, memberId, formErrorsFrom(error), problemStatus(error));
    }
    const me = (req.principal as OrganiserPrincipal).organiserId;
    // Whoever removed themselves no longer sees the event.
    const stillMember = await this.events.roleOf(event.id, me);
    res.redirect(303, stillMember ? `/dashboard/events/${event.id}/members?done=removed` : '/dashboard');
  }

  private ownersOnly(req: Request, role: EventRole): void {
    if (role !== 'owner') throw new WebPageError(403, 'forbidden', this.renderer.t(req, 'dashboard.settings.members.ownersOnly'));
  }

  private async render(
    req: Request,
    res: Response,
    event: Event,
    role: EventRole,
    form: { email: string; role: string },
    errors: FormErrors,
    status: number,
    notice: { done?: string | null; email?: string; cursor?: string },
  ) {
    const page = await this.members.list(event.id, { limit: PAGE_SIZE, cursor: notice.cursor || undefined });
    const me = (req.principal as OrganiserPrincipal).organiserId;
    this.renderer.page(
      req,
      res,
      'dashboard/members',
      {
        event,
        isOwner: role === 'owner',
        myRole: role,
        members: page.items.map((m) => ({ ...m, isMe: m.organiserId === me })),
        nextHref: page.nextCursor ? `/dashboard/events/${event.id}/members?cursor=${encodeURIComponent(page.nextCursor)}` : null,
        roles: ROLES,
        form,
        errors: shownErrors(settingsFormErrors(req.language ?? 'en', errors)),
        done: notice.done ?? null,
        doneEmail: notice.email ?? '',
      },
      {
        title: `${this.renderer.t(req, 'dashboard.settings.members.title')} · ${event.title}`,
        dashboard: true,
        private: true,
        status,
        stylesheets: ['dashboard.css', 'dashboard-settings.css'],
      },
    );
  }

  private async renderRemove(req: Request, res: Response, event: Event, memberId: string, errors: FormErrors, status: number) {
    const member = await this.members.get(event.id, memberId);
    const me = (req.principal as OrganiserPrincipal).organiserId;
    this.renderer.page(
      req,
      res,
      'dashboard/member-remove',
      { event, member, isMe: member.organiserId === me, errors: shownErrors(settingsFormErrors(req.language ?? 'en', errors)) },
      {
        title: `${this.renderer.t(req, 'dashboard.settings.members.removeTitle', { name: member.name })} · ${event.title}`,
        dashboard: true,
        private: true,
        status,
        stylesheets: ['dashboard.css', 'dashboard-settings.css'],
      },
    );
  }
}
