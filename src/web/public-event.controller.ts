import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AgendaExportsService } from '../agenda/agenda-exports.service';
import type { PublicAgenda } from '../agenda/public-agenda-document';
import { EventsService } from '../events/events.service';
import { Problem } from '../platform/http/problem';
import { describeSpan } from '../platform/time/zoned-time';
import { MaterialsService } from '../presenters/materials.service';
import { registrationWindow } from '../registration/registration-window';
import { eventDescription, eventPage } from './attendee/event-summary';
import { LOCALES } from './i18n/languages';
import { WebPages } from './page-access';
import { WebPageError } from './web-page-error';
import { WebRenderer } from './web-renderer.service';

/** `/e/:slug`: the event as the public sees it, with the latest published agenda. */
@Controller('e')
@WebPages('public')
export class PublicEventController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly exports: AgendaExportsService,
    private readonly materials: MaterialsService,
  ) {}

  @Get(':slug')
  async show(@Req() req: Request, @Res() res: Response, @Param('slug') slug: string): Promise<void> {
    const event = await this.events.findPublicBySlug(slug);
    if (!event) throw new WebPageError(404, 'notFound');
    const [agenda, materials] = await Promise.all([this.publishedAgenda(event.id), this.materials.publicMaterials(event.id)]);
    const materialsByPresentation = new Map<string, typeof materials>();
    for (const material of materials) {
      const list = materialsByPresentation.get(material.presentationId) ?? [];
      if (!list.some((m) => m.kind === material.kind)) list.push(material);
      materialsByPresentation.set(material.presentationId, list);
    }
    const days = (agenda?.days ?? []).map((day) => ({
      ...day,
      sessions: day.sessions.map((session) => ({
        ...session,
        presentations: session.presentations.map((p) => ({
          ...p,
          materials: (materialsByPresentation.get(p.id) ?? []).map((m) => ({
            fileName: m.fileName,
            size: m.sizeBytes,
            href: `/materials/${m.id}/download`,
          })),
        })),
      })),
    }));
    const window = registrationWindow(event);
    this.renderer.page(
      req,
      res,
      'public/event',
      {
        event: {
          id: event.id,
          slug: event.slug,
          title: event.title,
          description: event.description,
          venue: event.venue,
          timezone: event.timezone,
          status: event.status,
          coOrganisers: event.coOrganisers,
          span: describeSpan(event.startsAt, event.endsAt, event.timezone, LOCALES[req.language ?? 'en']),
        },
        registration: window,
        agenda: agenda ? { version: agenda.version, days } : null,
        links: {
          ics: `/events/${event.id}/agenda.ics`,
          json: `/events/${event.id}/agenda`,
          schedule: `/events/${event.id}/schedule.json`,
          register: `/e/${event.slug}/register`,
        },
      },
      { title: event.title, home: eventPage(event), description: eventDescription(event, req.language ?? 'en') },
    );
  }

  private async publishedAgenda(eventId: string): Promise<PublicAgenda | null> {
    try {
      const document = await this.exports.document(eventId, 'json');
      return JSON.parse(document.body.toString('utf8')) as PublicAgenda;
    } catch (error) {
      if (error instanceof Problem && error.getStatus() === 404) return null;
      throw error;
    }
  }
}
