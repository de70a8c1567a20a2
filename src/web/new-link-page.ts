import { Body, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestLinkSchema } from '../auth/dto/request-link.dto';
import { EventsService } from '../events/events.service';
import { RateLimitGuard, RateLimited } from '../platform/http/rate-limit.guard';
import { translateErrors } from './attendee/attendee-form';
import { eventPage } from './attendee/event-summary';
import { FormErrors, validateForm } from './form-input';
import { WebRenderer } from './web-renderer.service';

/** The event's page address as typed or pasted: a whole URL ending in `/e/<slug>`, or the slug alone. */
function slugOf(value: string): string {
  const trimmed = value
    .trim()
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  const match = /\/e\/([^/]+)$/.exec(trimmed);
  return (match ? match[1] : trimmed).toLowerCase();
}

/** Whose link the page renews: its messages (`<area>.newLink.*`), address and stylesheet. */
export interface NewLinkArea {
  area: 'attendee' | 'presenter';
  path: string;
  stylesheet: string;
  /**
   * Attendees name the event (its public page's address); presenters only
   * their address, as they are invited before an event has a public page.
   */
  asksForEvent: boolean;
}

/**
 * `…/new-link`: a fresh link by email for the address typed, through the same
 * service as the API's link request, with the same answer whether or not the
 * address holds anything in the event. Rate limited as every public write.
 */
export abstract class NewLinkPage {
  protected abstract readonly page: NewLinkArea;

  constructor(
    protected readonly renderer: WebRenderer,
    protected readonly events: EventsService,
  ) {}

  /** Emails the address its link (of the event named, when the page asks for one); says nothing either way. */
  protected abstract resend(email: string, eventId: string | null): Promise<void>;

  @Get()
  form(@Req() req: Request, @Res() res: Response, @Query('event') event?: string): void {
    this.show(req, res, { event: typeof event === 'string' ? event : '', email: '' }, {}, 200);
  }

  @Post()
  @RateLimited()
  @UseGuards(RateLimitGuard)
  async send(@Req() req: Request, @Res() res: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const typed = { event: typeof body.event === 'string' ? body.event : '', email: typeof body.email === 'string' ? body.email : '' };
    const event = this.page.asksForEvent && typed.event.trim() ? await this.events.findPublicBySlug(slugOf(typed.event)) : null;
    const checked = validateForm(requestLinkSchema.pick({ email: true }), { email: typed.email });
    const errors: FormErrors = checked.ok ? {} : { ...checked.errors };
    if (this.page.asksForEvent && !event) errors.event = this.renderer.t(req, 'attendee.newLink.noEvent');
    if (!checked.ok || Object.keys(errors).length > 0) return this.show(req, res, typed, errors, 400);
    await this.resend(checked.value.email, event?.id ?? null);
    this.renderer.page(
      req,
      res,
      'new-link-sent',
      { sent: this.renderer.t(req, `${this.page.area}.newLink.sent`), event: event && { title: event.title, href: eventPage(event) } },
      {
        title: this.renderer.t(req, `${this.page.area}.newLink.sentTitle`),
        stylesheets: [this.page.stylesheet],
        home: event ? eventPage(event) : undefined,
      },
    );
  }

  private show(req: Request, res: Response, form: { event: string; email: string }, errors: FormErrors, status: number): void {
    const shown = translateErrors(req.language ?? 'en', errors);
    this.renderer.page(
      req,
      res,
      'new-link',
      {
        action: this.page.path,
        asksForEvent: this.page.asksForEvent,
        intro: this.renderer.t(req, `${this.page.area}.newLink.intro`),
        form,
        errors: Object.keys(shown).length > 0 ? shown : null,
        fixedEvent: status === 200 && form.event !== '',
      },
      { title: this.renderer.t(req, `${this.page.area}.newLink.title`), status, stylesheets: [this.page.stylesheet] },
    );
  }
}
