import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { ORGANISATION_TYPES } from '../../people/person.entity';
import { IdParam } from '../../platform/http/id-param.pipe';
import { sendTable } from '../../platform/http/table-download';
import { localDatesBetween } from '../../platform/time/zoned-time';
import { organiserRegisterSchema } from '../../registration/dto/register.dto';
import { RegistrationQuery, registrationQuerySchema } from '../../registration/dto/registration-query.dto';
import { REGISTRATION_STATUSES } from '../../registration/registration.entity';
import { RegistrationQueriesService } from '../../registration/registration-queries.service';
import { registrationsTable } from '../../registration/registrations-table';
import { RegistrationsService } from '../../registration/registrations.service';
import { FormErrors, blankToUndefined, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';

const FILTERS = ['status', 'countryCode', 'organisationType', 'checkedInOn', 'q'] as const;
const PAGE_SIZE = 50;

type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

interface WalkIn {
  values: Record<string, unknown>;
  /** Absent until a submission is refused, so the form shows no error summary. */
  errors?: FormErrors;
}

const DONE_MESSAGES: Record<string, string> = {
  approved: 'The registration is approved.',
  rejected: 'The registration is rejected.',
  added: 'The walk-in registration is added.',
};

/**
 * `/dashboard/events/:eventId/registrations`: the organiser API's registration
 * list (same filters, cursor and CSV) plus approve/reject and walk-ins, through
 * the same services.
 */
@Controller('dashboard/events/:eventId/registrations')
@WebPages('organiser')
export class RegistrationsPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly queries: RegistrationQueriesService,
    private readonly registrations: RegistrationsService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query() query: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.render(req, res, event, query, { values: { notify: true } });
  }

  /** The API's export (same columns, same filters) as a file to open: CSV with a BOM, or xlsx; streamed a batch at a time. */
  @Get(['export.csv', 'export.xlsx'])
  async export(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query() query: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const parsed = validateForm(registrationQuerySchema, filtersOf(query));
    if (!parsed.ok) return this.render(req, res, event, query, { values: { notify: true } });
    res.setHeader('Cache-Control', 'private, no-store');
    const rows = this.queries.all(event.id, event.timezone, parsed.value);
    await sendTable(res, req.path.endsWith('.xlsx') ? 'xlsx' : 'csv', registrationsTable(event.slug, rows), { forPeople: true });
  }

  @Post()
  async addWalkIn(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const values = {
      name: body.name,
      email: body.email,
      organisation: blankToUndefined(body.organisation),
      organisationType: blankToUndefined(body.organisationType),
      region: blankToUndefined(body.region),
      countryCode: blankToUndefined(body.countryCode),
      status: blankToUndefined(body.status),
      notify: body.notify === 'yes',
    };
    const parsed = validateForm(organiserRegisterSchema, values);
    let errors: FormErrors = parsed.ok ? {} : parsed.errors;
    if (parsed.ok) {
      try {
        await this.registrations.registerByOrganiser(event, parsed.value);
        return res.redirect(303, `/dashboard/events/${event.id}/registrations?done=added#results`);
      } catch (error) {
        errors = formErrorsFrom(error);
      }
    }
    await this.render(req, res, event, {}, { values, errors }, 400);
  }

  @Post(':registrationId/approve')
  async approve(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('registrationId', new IdParam('registration')) id: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.registrations.approve(event.id, id);
    res.redirect(303, `/dashboard/events/${event.id}/registrations?status=pending&done=approved`);
  }

  @Post(':registrationId/reject')
  async reject(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('registrationId', new IdParam('registration')) id: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.registrations.reject(event.id, id);
    res.redirect(303, `/dashboard/events/${event.id}/registrations?status=pending&done=rejected`);
  }

  private async render(req: Request, res: Response, event: Event, query: Record<string, unknown>, walkIn: WalkIn, status = 200) {
    const filters = filtersOf(query);
    const parsed = validateForm(registrationQuerySchema, { ...filters, cursor: blankToUndefined(query.cursor), limit: PAGE_SIZE });
    const [counts, page] = await Promise.all([
      this.queries.counts(event.id),
      parsed.ok ? this.queries.page(event.id, event.timezone, parsed.value as RegistrationQuery) : null,
    ]);
    const base = `/dashboard/events/${event.id}/registrations`;
    const search = (extra: Record<string, string>) => {
      const params = new URLSearchParams({ ...(filters as Record<string, string>), ...extra });
      return params.size > 0 ? `?${params.toString()}` : '';
    };
    this.renderer.page(
      req,
      res,
      'dashboard/registrations',
      {
        event: { id: event.id, title: event.title, timezone: event.timezone },
        filters,
        filterErrors: parsed.ok ? {} : parsed.errors,
        statuses: REGISTRATION_STATUSES,
        organisationTypes: ORGANISATION_TYPES,
        days: localDatesBetween(event.startsAt, event.endsAt, event.timezone),
        counts: REGISTRATION_STATUSES.map((name) => ({ name, count: counts[name] ?? 0 })),
        rows: page?.items ?? [],
        paged: Boolean(query.cursor),
        firstHref: `${base}${search({})}`,
        nextHref: page?.nextCursor ? `${base}${search({ cursor: page.nextCursor })}` : null,
        csvHref: `${base}/export.csv${search({})}`,
        xlsxHref: `${base}/export.xlsx${search({})}`,
        done: typeof query.done === 'string' ? DONE_MESSAGES[query.done] : undefined,
        walkIn,
      },
      {
        title: `Registrations · ${event.title}`,
        dashboard: true,
        private: true,
        stylesheets: ['dashboard-operations.css'],
        status: parsed.ok ? status : 400,
      },
    );
  }
}

/** The filters the visitor set, blanks dropped, as the API's query would carry them. */
function filtersOf(query: Record<string, unknown>): Filters {
  const filters: Filters = {};
  for (const name of FILTERS) {
    const value = blankToUndefined(query[name]);
    if (typeof value === 'string') filters[name] = value;
  }
  return filters;
}
