import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { EventsService } from '../../events/events.service';
import { localDatesBetween } from '../../platform/time/zoned-time';
import { RegistrationQueriesService } from '../../registration/registration-queries.service';
import { RegistrationView } from '../../registration/registration.view';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';

/**
 * Print-ready name badges of the confirmed attendees, and the door list: the
 * same people on paper with a box per day, for when the desk cannot go online.
 */
@Controller('dashboard/events/:eventId')
@WebPages('organiser')
export class BadgesController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly registrations: RegistrationQueriesService,
  ) {}

  @Get('badges')
  async badges(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const attendees = await this.confirmed(eventId, event.timezone);
    const badges = await Promise.all(
      attendees.map(async (a) => ({
        name: a.name,
        organisation: a.organisation,
        place: [a.region, a.country].filter(Boolean).join(', '),
        code: a.checkInCode,
        // Markup the qrcode package generated from the code, not text from a person.
        qrSvg: await QRCode.toString(a.checkInCode, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      })),
    );
    this.renderer.page(
      req,
      res,
      'dashboard/badges',
      { event, badges },
      {
        title: this.renderer.t(req, 'dashboard.badges.pageTitle', { event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: ['dashboard.css'],
      },
    );
  }

  @Get('door-list')
  async doorList(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const days = localDatesBetween(event.startsAt, event.endsAt, event.timezone);
    const attendees = await this.confirmed(eventId, event.timezone);
    this.renderer.page(
      req,
      res,
      'dashboard/door-list',
      {
        event,
        days,
        attendees: attendees.map((a) => ({
          name: a.name,
          organisation: a.organisation,
          code: a.checkInCode,
          days: days.map((day) => ({ day, checkedIn: a.checkedInDays.includes(day) })),
        })),
      },
      {
        title: this.renderer.t(req, 'dashboard.doorList.pageTitle', { event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: ['dashboard.css'],
      },
    );
  }

  /** Every confirmed attendee, sorted by name as a door list is read. */
  private async confirmed(eventId: string, timezone: string): Promise<RegistrationView[]> {
    const attendees: RegistrationView[] = [];
    for await (const registration of this.registrations.all(eventId, timezone, { status: 'confirmed', limit: 200 })) {
      attendees.push(registration);
    }
    return attendees.sort((a, b) => a.name.localeCompare(b.name));
  }
}
