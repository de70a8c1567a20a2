import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AgendaExportsService } from '../agenda/agenda-exports.service';
import type { PublicAgenda, PublicPerson } from '../agenda/public-agenda-document';
import { EventsService } from '../events/events.service';
import { Problem } from '../platform/http/problem';
import { describeSpan } from '../platform/time/zoned-time';
import { MaterialsService } from '../presenters/materials.service';
import { registrationWindow } from '../registration/registration-window';
import { SessionSignupsService } from '../registration/session-signups.service';
import { agendaFilterFrom, filterAgenda, filterChoices, isFiltering } from './public-agenda-filter';
import { speakersOf } from './public-speakers';
import { eventDescription, eventPage } from './attendee/event-summary';
import { LOCALES } from './i18n/languages';
import { WebPages } from './page-access';
import { WebPageError } from './web-page-error';
import { WebRenderer } from './web-renderer.service';

/** `/e/:slug`: the event as the public sees it, with the latest published agenda, searchable, and its speakers. */
@Controller('e')
@WebPages('public')
export class PublicEventController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly exports: AgendaExportsService,
    private readonly materials: MaterialsService,
    private readonly signups: SessionSignupsService,
  ) {}

  @Get(':slug')
  async show(@Req() req: Request, @Res() res: Response, @Param('slug') slug: string): Promise<void> {
    const event = await this.events.findPublicBySlug(slug);
    if (!event) throw new WebPageError(404, 'notFound');
    const [agenda, materials, taken] = await Promise.all([
      this.publishedAgenda(event.id),
      this.materials.publicMaterials(event.id),
      this.signups.placesTaken(event.id),
    ]);
    const materialsByPresentation = new Map<string, typeof materials>();
    for (const material of materials) {
      const list = materialsByPresentation.get(material.presentationId) ?? [];
      if (!list.some((m) => m.kind === material.kind)) list.push(material);
      materialsByPresentation.set(material.presentationId, list);
    }
    const speakerHref = (person: PublicPerson) => ({ ...person, href: `/e/${encodeURIComponent(event.slug)}/speakers/${person.id}` });
    const allDays = agenda?.days ?? [];
    const filter = agendaFilterFrom(req.query as Record<string, unknown>);
    const shown = filterAgenda(allDays, filter);
    const days = shown.map((day) => ({
      ...day,
      sessions: day.sessions.map((session) => ({
        ...session,
        kindLabel: `public.kind.${session.kind}`,
        placesLeft: session.capacity === null ? null : Math.max(0, session.capacity - (taken.get(session.id) ?? 0)),
        chairs: session.chairs.map(speakerHref),
        presentations: session.presentations.map((p) => ({
          ...p,
          presenters: p.presenters.map(speakerHref),
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
        filter: {
          ...filter,
          active: isFiltering(filter),
          matches: days.reduce((n, day) => n + day.sessions.length, 0),
          choices: filterChoices(allDays),
        },
        links: {
          speakers: `/e/${event.slug}/speakers`,
          ics: `/events/${event.id}/agenda.ics`,
          json: `/events/${event.id}/agenda`,
          schedule: `/events/${event.id}/schedule.json`,
          register: `/e/${event.slug}/register`,
        },
      },
      { title: event.title, home: eventPage(event), description: eventDescription(event, req.language ?? 'en') },
    );
  }

  /** Everyone the published agenda names, with what they do in it. */
  @Get(':slug/speakers')
  async speakers(@Req() req: Request, @Res() res: Response, @Param('slug') slug: string): Promise<void> {
    const { event, agenda } = await this.publishedEvent(slug);
    const speakers = speakersOf(agenda.days).map((s) => ({
      ...s.person,
      href: `/e/${encodeURIComponent(event.slug)}/speakers/${s.person.id}`,
    }));
    this.renderer.page(
      req,
      res,
      'public/speakers',
      { event: this.eventHeader(event), speakers },
      { title: event.title, home: eventPage(event) },
    );
  }

  @Get(':slug/speakers/:personId')
  async speaker(
    @Req() req: Request,
    @Res() res: Response,
    @Param('slug') slug: string,
    @Param('personId') personId: string,
  ): Promise<void> {
    const { event, agenda } = await this.publishedEvent(slug);
    const speaker = speakersOf(agenda.days).find((s) => s.person.id === personId);
    if (!speaker) throw new WebPageError(404, 'notFound');
    this.renderer.page(
      req,
      res,
      'public/speaker',
      {
        event: this.eventHeader(event),
        person: speaker.person,
        appearances: speaker.appearances.map((a) => ({
          ...a,
          roleKey: `public.role.${a.role}`,
          sessionHref: `/e/${encodeURIComponent(event.slug)}#session-${a.session.id}`,
        })),
      },
      {
        title: `${speaker.person.name} · ${event.title}`,
        home: eventPage(event),
        description: [speaker.person.name, speaker.person.organisation, speaker.person.region, event.title].filter(Boolean).join(' · '),
      },
    );
  }

  private async publishedEvent(slug: string) {
    const event = await this.events.findPublicBySlug(slug);
    const agenda = event ? await this.publishedAgenda(event.id) : null;
    if (!event || !agenda) throw new WebPageError(404, 'notFound');
    return { event, agenda };
  }

  private eventHeader(event: { slug: string; title: string; timezone: string }) {
    return { slug: event.slug, title: event.title, timezone: event.timezone, href: eventPage(event) };
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
