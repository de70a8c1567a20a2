import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventsService } from '../../events/events.service';
import { RateLimitGuard, RateLimited } from '../../platform/http/rate-limit.guard';
import { requestLinkSchema } from '../../registration/dto/update-registration.dto';
import { RegistrationsService } from '../../registration/registrations.service';
import { FormErrors, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { translateErrors } from './attendee-form';
import { eventPage } from './event-summary';

/** The event's page address as typed or pasted: a whole URL ending in `/e/<slug>`, or the slug alone. */
function slugOf(value: string): string {
  const trimmed = value
    .trim()
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  const match = /\/e\/([^/]+)$/.exec(trimmed);
  return (match ? match[1] : trimmed).toLowerCase();
}

/**
 * `/my-registration/new-link`: a fresh link by email, as `POST /registrations/link`,
 * with the same answer whether or not the address is registered.
 */
@Controller('my-registration/new-link')
@WebPages('public')
export class NewLinkPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly registrations: RegistrationsService,
  ) {}

  @Get()
  form(@Req() req: Request, @Res() res: Response, @Query('event') event?: string): void {
    this.show(req, res, { event: typeof event === 'string' ? event : '', email: '' }, {}, 200);
  }

  @Post()
  @RateLimited()
  @UseGuards(RateLimitGuard)
  async send(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const typed = { event: typeof body.event === 'string' ? body.event : '', email: typeof body.email === 'string' ? body.email : '' };
    const event = typed.event.trim() ? await this.events.findPublicBySlug(slugOf(typed.event)) : null;
    const checked = validateForm(requestLinkSchema, { eventId: event?.id ?? '', email: typed.email });
    const errors: FormErrors = checked.ok ? {} : { ...checked.errors };
    delete errors.eventId;
    if (!event) errors.event = this.renderer.t(req, 'attendee.newLink.noEvent');
    if (!checked.ok || !event) return this.show(req, res, typed, errors, 400);
    await this.registrations.resendLink(checked.value.eventId, checked.value.email);
    this.renderer.page(
      req,
      res,
      'attendee/new-link-sent',
      { event: { title: event.title, href: eventPage(event) } },
      { title: this.renderer.t(req, 'attendee.newLink.sentTitle'), stylesheets: ['attendee.css'], home: eventPage(event) },
    );
  }

  private show(req: Request, res: Response, form: { event: string; email: string }, errors: FormErrors, status: number): void {
    const shown = translateErrors(req.language ?? 'en', errors);
    this.renderer.page(
      req,
      res,
      'attendee/new-link',
      { form, errors: Object.keys(shown).length > 0 ? shown : null, fixedEvent: status === 200 && form.event !== '' },
      { title: this.renderer.t(req, 'attendee.newLink.title'), status, stylesheets: ['attendee.css'] },
    );
  }
}
