import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AgendaExportsService, ExportedDocument, ifNoneMatchHits } from '../agenda/agenda-exports.service';
import type { PublicAgenda, PublicPerson, PublicSession } from '../agenda/public-agenda-document';
import { MagicLinkService } from '../auth/magic-link.service';
import { Event } from '../events/event.entity';
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
import { programmeGrid, themeStylesheet } from './programme-grid';
import { ProgrammePageCache } from './programme-page-cache';
import { COOKIES, readCookie } from './web-cookies';
import { WebPageError } from './web-page-error';
import { WebRenderer } from './web-renderer.service';

/** What an attendee holds in the programme: their sign-ups by session. */
type MyAgenda = { registrationId: string; signups: Map<string, 'confirmed' | 'waitlisted'> };

const STYLESHEETS = ['programme.css'];

/**
 * `/e/:slug`: the event as the public sees it, with the latest published
 * agenda as a list or a grid (`?view=grid`), searchable, and its speakers.
 * The grid for the public is rendered once per published version and served
 * with an ETag; an attendee's own (their sessions marked) is rendered for them.
 */
@Controller('e')
@WebPages('public')
export class PublicEventController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly exports: AgendaExportsService,
    private readonly materials: MaterialsService,
    private readonly signups: SessionSignupsService,
    private readonly magicLinks: MagicLinkService,
    private readonly pages: ProgrammePageCache,
  ) {}

  @Get(':slug')
  async show(@Req() req: Request, @Res() res: Response, @Param('slug') slug: string): Promise<void> {
    const event = await this.events.findPublicBySlug(slug);
    if (!event) throw new WebPageError(404, 'notFound');
    const grid = req.query.view === 'grid';
    const [document, mine] = await Promise.all([this.publishedDocument(event.id), this.myAgenda(req, event)]);
    if (grid && !mine) return this.cachedGrid(req, res, event, document);
    const agenda = document ? parseAgenda(document) : null;
    const html = grid ? this.renderGrid(req, event, agenda, mine) : await this.renderList(req, event, agenda, mine);
    this.renderer.pageHeaders(res, { private: mine !== null });
    res.send(html);
  }

  /** The grid's theme colours, built with the version like the grid itself. */
  @Get(':slug/programme.css')
  async themes(@Req() req: Request, @Res() res: Response, @Param('slug') slug: string): Promise<void> {
    const { document } = await this.publishedEvent(slug);
    const page = await this.pages.get(ProgrammePageCache.key(['themes.css', document.etag]), () =>
      Promise.resolve(themeStylesheet(parseAgenda(document).days)),
    );
    res.setHeader('ETag', page.etag);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (ifNoneMatchHits(req.headers['if-none-match'], page.etag)) return void res.status(304).end();
    res.type('text/css; charset=utf-8').send(page.body);
  }

  /** An attendee's programme: their sign-ups and every session that takes none, with their calendar. */
  @Get(':slug/my-agenda')
  async myAgendaPage(@Req() req: Request, @Res() res: Response, @Param('slug') slug: string): Promise<void> {
    const event = await this.events.findPublicBySlug(slug);
    if (!event) throw new WebPageError(404, 'notFound');
    const mine = await this.myAgenda(req, event);
    if (!mine) throw new WebPageError(401, 'linkInvalid');
    const document = await this.publishedDocument(event.id);
    const agenda = document ? parseAgenda(document) : null;
    const days = (agenda?.days ?? [])
      .map((day) => ({
        date: day.date,
        sessions: day.sessions
          .filter((s) => s.status === 'scheduled' && (mine.signups.has(s.id) || s.capacity === null))
          .map((s) => ({
            ...s,
            href: `${eventPage(event)}#session-${s.id}`,
            statusKey:
              mine.signups.get(s.id) === 'confirmed'
                ? 'public.myAgenda.signedUp'
                : mine.signups.get(s.id) === 'waitlisted'
                  ? 'public.myAgenda.waitlisted'
                  : 'public.myAgenda.forEveryone',
          })),
      }))
      .filter((day) => day.sessions.length > 0);
    this.renderer.page(
      req,
      res,
      'public/my-agenda',
      {
        event: this.eventHeader(event),
        published: agenda !== null,
        days,
        links: { calendar: '/my-registration/calendar.ics', programme: `${eventPage(event)}?view=grid`, registration: '/my-registration' },
      },
      {
        title: `${this.renderer.t(req, 'public.myAgenda.title')} · ${event.title}`,
        home: eventPage(event),
        private: true,
        stylesheets: STYLESHEETS,
      },
    );
  }

  /**
   * `feedback_url` of schedule.json: a stable address for feedback on a
   * session. Until the event collects feedback it leads to the session on the programme.
   */
  @Get(':slug/sessions/:sessionId/feedback')
  async feedback(@Res() res: Response, @Param('slug') slug: string, @Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<void> {
    const { event, document } = await this.publishedEvent(slug);
    const known = parseAgenda(document).days.some((day) => day.sessions.some((s) => s.id === sessionId));
    if (!known) throw new WebPageError(404, 'notFound');
    res.redirect(303, `${eventPage(event)}#session-${sessionId}`);
  }

  /** Everyone the published agenda names, with what they do in it. */
  @Get(':slug/speakers')
  async speakers(@Req() req: Request, @Res() res: Response, @Param('slug') slug: string): Promise<void> {
    const { event, document } = await this.publishedEvent(slug);
    const speakers = speakersOf(parseAgenda(document).days).map((s) => ({
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
    const { event, document } = await this.publishedEvent(slug);
    const speaker = speakersOf(parseAgenda(document).days).find((s) => s.person.id === personId);
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
        stylesheets: STYLESHEETS,
        description: [speaker.person.name, speaker.person.organisation, speaker.person.region, event.title].filter(Boolean).join(' · '),
      },
    );
  }

  /**
   * The public grid from memory: its key holds everything the page shows —
   * the version's document, the language, the address (filters, the language
   * links) and the registration window — so the bytes are rendered once.
   */
  private async cachedGrid(req: Request, res: Response, event: Event, document: ExportedDocument | null): Promise<void> {
    const key = ProgrammePageCache.key([
      'grid',
      document?.etag ?? null,
      req.language ?? 'en',
      req.originalUrl,
      registrationWindow(event),
      event.updatedAt.toISOString(),
    ]);
    const page = await this.pages.get(key, () =>
      Promise.resolve(this.renderGrid(req, event, document ? parseAgenda(document) : null, null)),
    );
    this.renderer.pageHeaders(res, {});
    res.setHeader('ETag', page.etag);
    res.setHeader('Vary', 'Accept-Language, Cookie');
    if (ifNoneMatchHits(req.headers['if-none-match'], page.etag)) return void res.status(304).end();
    res.send(page.body);
  }

  private renderGrid(req: Request, event: Event, agenda: PublicAgenda | null, mine: MyAgenda | null): string {
    const filter = agendaFilterFrom(req.query as Record<string, unknown>);
    const shown = filterAgenda(agenda?.days ?? [], filter);
    const marked = shown.map((day) => ({ ...day, sessions: day.sessions.map((s) => this.marked(s, mine)) }));
    const grid = programmeGrid(marked).map((day) => ({
      ...day,
      columns: day.rooms.reduce((n, r) => n + r.lanes, 0),
    }));
    return this.renderPage(req, event, agenda, filter, mine, { view: 'grid', grid, days: shown });
  }

  private async renderList(req: Request, event: Event, agenda: PublicAgenda | null, mine: MyAgenda | null): Promise<string> {
    const [materials, taken] = await Promise.all([this.materials.publicMaterials(event.id), this.signups.placesTaken(event.id)]);
    const materialsByPresentation = new Map<string, typeof materials>();
    for (const material of materials) {
      const list = materialsByPresentation.get(material.presentationId) ?? [];
      if (!list.some((m) => m.kind === material.kind)) list.push(material);
      materialsByPresentation.set(material.presentationId, list);
    }
    const speakerHref = (person: PublicPerson) => ({ ...person, href: `/e/${encodeURIComponent(event.slug)}/speakers/${person.id}` });
    const filter = agendaFilterFrom(req.query as Record<string, unknown>);
    const days = filterAgenda(agenda?.days ?? [], filter).map((day) => ({
      ...day,
      sessions: day.sessions.map((session) => ({
        ...this.marked(session, mine),
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
    return this.renderPage(req, event, agenda, filter, mine, { view: 'list', days });
  }

  private marked(session: PublicSession, mine: MyAgenda | null) {
    const signup = mine?.signups.get(session.id) ?? null;
    return {
      ...session,
      kindLabel: `public.kind.${session.kind}`,
      mineKey: signup === 'confirmed' ? 'public.mine' : signup === 'waitlisted' ? 'public.mineWaitlisted' : null,
    };
  }

  private renderPage(
    req: Request,
    event: Event,
    agenda: PublicAgenda | null,
    filter: ReturnType<typeof agendaFilterFrom>,
    mine: MyAgenda | null,
    shown: { view: 'list' | 'grid'; days: Array<{ sessions: unknown[] }>; grid?: unknown[] },
  ): string {
    const base = `/e/${encodeURIComponent(event.slug)}`;
    const query = new URLSearchParams(
      Object.entries({ q: filter.q, day: filter.day, theme: filter.themeId, room: filter.roomId, kind: filter.kind }).filter(([, v]) => v),
    );
    const viewHref = (view: 'list' | 'grid') => {
      const params = new URLSearchParams(query);
      if (view === 'grid') params.set('view', 'grid');
      const search = params.toString();
      return search ? `${base}?${search}` : base;
    };
    return this.renderer.render(
      req,
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
        registration: registrationWindow(event),
        agenda: agenda ? { version: agenda.version, days: shown.days, grid: shown.grid ?? null } : null,
        view: { grid: shown.view === 'grid', listHref: viewHref('list'), gridHref: viewHref('grid') },
        mine: mine !== null,
        filter: {
          ...filter,
          active: isFiltering(filter),
          matches: shown.days.reduce((n, day) => n + day.sessions.length, 0),
          choices: filterChoices(agenda?.days ?? []),
          clearHref: shown.view === 'grid' ? `${base}?view=grid` : base,
        },
        links: {
          speakers: `${base}/speakers`,
          ics: `/events/${event.id}/agenda.ics`,
          json: `/events/${event.id}/agenda`,
          schedule: `/events/${event.id}/schedule.json`,
          register: `${base}/register`,
          myAgenda: `${base}/my-agenda`,
          themes: `${base}/programme.css`,
        },
      },
      {
        title: event.title,
        home: eventPage(event),
        description: eventDescription(event, req.language ?? 'en'),
        stylesheets: STYLESHEETS,
      },
    );
  }

  /**
   * The attendee whose registration link cookie reaches this event's pages
   * (the registration pages give it the event's path); null for anyone else.
   */
  private async myAgenda(req: Request, event: Event): Promise<MyAgenda | null> {
    const token = readCookie(req, COOKIES.registration);
    if (!token) return null;
    const link = await this.magicLinks.verify(token);
    if (!link || link.subject.type !== 'registration' || link.subject.eventId !== event.id) return null;
    const held = await this.signups.forRegistration(event.id, link.subject.id, event.timezone);
    return {
      registrationId: link.subject.id,
      signups: new Map(
        held
          .filter((s) => s.status === 'confirmed' || s.status === 'waitlisted')
          .map((s) => [s.sessionId, s.status as 'confirmed' | 'waitlisted']),
      ),
    };
  }

  private async publishedEvent(slug: string) {
    const event = await this.events.findPublicBySlug(slug);
    const document = event ? await this.publishedDocument(event.id) : null;
    if (!event || !document) throw new WebPageError(404, 'notFound');
    return { event, document };
  }

  private eventHeader(event: { slug: string; title: string; timezone: string }) {
    return { slug: event.slug, title: event.title, timezone: event.timezone, href: eventPage(event) };
  }

  private async publishedDocument(eventId: string): Promise<ExportedDocument | null> {
    try {
      return await this.exports.document(eventId, 'json');
    } catch (error) {
      if (error instanceof Problem && error.getStatus() === 404) return null;
      throw error;
    }
  }
}

function parseAgenda(document: ExportedDocument): PublicAgenda {
  return JSON.parse(document.body.toString('utf8')) as PublicAgenda;
}
