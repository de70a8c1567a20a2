import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { organiserActor } from '../../audit/audit.service';
import { OrganiserPrincipal } from '../../auth/principal';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { ORGANISATION_TYPES } from '../../people/person.entity';
import { IdParam } from '../../platform/http/id-param.pipe';
import { sendTable } from '../../platform/http/table-download';
import { localDate, localDatesBetween } from '../../platform/time/zoned-time';
import { BULK_MAX, BulkAction, bulkActionSchema } from '../../registration/dto/bulk-action.dto';
import { organiserRegisterSchema } from '../../registration/dto/register.dto';
import { RegistrationQuery, registrationQuerySchema } from '../../registration/dto/registration-query.dto';
import { REGISTRATION_STATUSES } from '../../registration/registration.entity';
import { RegistrationQueriesService } from '../../registration/registration-queries.service';
import { BulkRowResult, RegistrationsBulkService } from '../../registration/registrations-bulk.service';
import { registrationsTable } from '../../registration/registrations-table';
import { RegistrationsService } from '../../registration/registrations.service';
import { FormErrors, asList, blankToUndefined, formErrorsFrom, translateFormErrors, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { problemStatus, shownErrors } from './form-values';

const FILTERS = ['status', 'countryCode', 'organisationType', 'checkedInOn', 'q'] as const;
const PAGE_SIZE = 50;

type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

interface WalkIn {
  values: Record<string, unknown>;
  /** Absent until a submission is refused, so the form shows no error summary. */
  errors?: FormErrors;
}

interface ListState {
  walkIn: WalkIn;
  /** The bulk form's refusal (nothing selected, no action), shown above the table. */
  bulkError?: string;
  selected?: string[];
}

const DONE = new Set(['approved', 'rejected', 'added']);

/**
 * `/dashboard/events/:eventId/registrations`: the organiser API's registration
 * list (same filters, cursor and CSV) plus approve/reject, walk-ins and the
 * bulk actions on a selection, through the same services.
 */
@Controller('dashboard/events/:eventId/registrations')
@WebPages('organiser')
export class RegistrationsPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly queries: RegistrationQueriesService,
    private readonly registrations: RegistrationsService,
    private readonly bulk: RegistrationsBulkService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query() query: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.render(req, res, event, query, { walkIn: { values: { notify: true } } });
  }

  /** The API's export (same columns, same filters) as a file to open: CSV with a BOM, or xlsx; streamed a batch at a time. */
  @Get(['export.csv', 'export.xlsx'])
  async export(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query() query: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const parsed = validateForm(registrationQuerySchema, filtersOf(query));
    if (!parsed.ok) return this.render(req, res, event, query, { walkIn: { values: { notify: true } } });
    res.setHeader('Cache-Control', 'private, no-store');
    const format = req.path.endsWith('.xlsx') ? 'xlsx' : 'csv';
    const by = { actor: organiserActor(req.principal as OrganiserPrincipal) };
    const rows = await this.queries.export(event.id, event.timezone, parsed.value, format, by);
    await sendTable(res, format, registrationsTable(event.slug, rows), { forPeople: true });
  }

  /**
   * The confirmation step of a bulk action: a GET, since it changes nothing,
   * so the selection form needs no token and can also hand the ids to the
   * announcement page. It says how many will change and which will not.
   */
  @Get('bulk')
  async confirmBulk(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query() query: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const ids = asList(query.registrationId);
    const parsed = validateForm(bulkActionSchema, { action: query.action, registrationIds: ids });
    if (!parsed.ok) {
      const walkIn = { values: { notify: true } };
      return this.render(req, res, event, query, { walkIn, bulkError: this.bulkRefusal(req, parsed.errors, ids), selected: ids }, 400);
    }
    await this.renderConfirm(req, res, event, parsed.value.action, parsed.value.registrationIds, {}, undefined, 200);
  }

  @Post('bulk')
  async applyBulk(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const ids = asList(body.registrationId);
    const day = blankToUndefined(body.day);
    const parsed = validateForm(bulkActionSchema, { action: body.action, registrationIds: ids, day });
    if (!parsed.ok) {
      if (parsed.errors.action || parsed.errors.registrationIds) {
        const walkIn = { values: { notify: true } };
        const bulkError = this.bulkRefusal(req, parsed.errors, ids);
        return this.render(req, res, event, {}, { walkIn, bulkError }, 400);
      }
      const errors = translateFormErrors(req.language ?? 'en', parsed.errors);
      return this.renderConfirm(req, res, event, body.action as BulkAction, ids, errors, day, 400);
    }
    const input = parsed.value;
    const days = localDatesBetween(event.startsAt, event.endsAt, event.timezone);
    if (input.action === 'check_in' && !days.includes(input.day ?? localDate(new Date(), event.timezone))) {
      const errors = { day: this.renderer.t(req, 'dashboard.registrations.bulk.chooseDay') };
      return this.renderConfirm(req, res, event, input.action, input.registrationIds, errors, input.day, 422);
    }
    const results = await this.bulk.apply(event, input, req.principal as OrganiserPrincipal);
    this.renderer.page(
      req,
      res,
      'dashboard/registrations-bulk-done',
      {
        event: { id: event.id, title: event.title },
        action: input.action,
        day: input.action === 'check_in' ? (input.day ?? localDate(new Date(), event.timezone)) : null,
        summary: summaryOf(results).map(({ key, count }) => this.renderer.t(req, key, { count })),
        rows: results.map((row) => ({
          ...row,
          outcome: this.renderer.t(
            req,
            'done' in row ? `dashboard.registrations.bulk.row.${row.done}` : `dashboard.registrations.bulk.row.not.${row.refused}`,
          ),
          ok: 'done' in row,
        })),
      },
      { title: this.renderer.t(req, 'dashboard.registrations.bulk.doneTitle', { event: event.title }), dashboard: true, private: true },
    );
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
    const language = req.language ?? 'en';
    if (!parsed.ok)
      return this.render(req, res, event, {}, { walkIn: { values, errors: translateFormErrors(language, parsed.errors) } }, 400);
    try {
      await this.registrations.registerByOrganiser(event, parsed.value);
    } catch (error) {
      const status = problemStatus(error);
      // The one conflict a walk-in meets is its address, already registered: said beside the address, to the organiser.
      const errors =
        status === 409
          ? { email: this.renderer.t(req, 'dashboard.registrations.import.alreadyRegistered') }
          : translateFormErrors(language, formErrorsFrom(error));
      return this.render(req, res, event, {}, { walkIn: { values, errors } }, status);
    }
    res.redirect(303, `/dashboard/events/${event.id}/registrations?done=added#results`);
  }

  @Post(':registrationId/approve')
  async approve(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('registrationId', new IdParam('registration')) id: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.registrations.approve(event.id, id, { actor: organiserActor(req.principal as OrganiserPrincipal) });
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
    await this.registrations.reject(event.id, id, { actor: organiserActor(req.principal as OrganiserPrincipal) });
    res.redirect(303, `/dashboard/events/${event.id}/registrations?status=pending&done=rejected`);
  }

  private async renderConfirm(
    req: Request,
    res: Response,
    event: Event,
    action: BulkAction,
    ids: string[],
    errors: FormErrors,
    day: unknown,
    status: number,
  ) {
    const selection = await this.bulk.selection(event.id, ids);
    const days = localDatesBetween(event.startsAt, event.endsAt, event.timezone);
    const today = localDate(new Date(), event.timezone);
    const changing = selection.filter((row) => this.bulk.accepts(action, row.status));
    const unchanged = selection.filter((row) => !this.bulk.accepts(action, row.status));
    this.renderer.page(
      req,
      res,
      'dashboard/registrations-bulk-confirm',
      {
        event: { id: event.id, title: event.title },
        action,
        heading: this.renderer.t(req, `dashboard.registrations.bulk.confirm.${action}`, { count: changing.length }),
        submit: this.renderer.t(req, `dashboard.registrations.bulk.submit.${action}`, { count: changing.length }),
        destructive: action === 'reject' || action === 'cancel',
        changing,
        unchanged: unchanged.map((row) => ({ ...row, reason: this.renderer.t(req, `dashboard.registrations.bulk.row.not.${row.status}`) })),
        ids: selection.map((row) => row.id),
        checkIn: action === 'check_in',
        days,
        day: typeof day === 'string' ? day : days.includes(today) ? today : null,
        isEventDay: days.includes(today),
        today,
        errors: shownErrors(errors),
      },
      {
        title: this.renderer.t(req, 'dashboard.registrations.bulk.confirmTitle', { event: event.title }),
        dashboard: true,
        private: true,
        status,
      },
    );
  }

  /** Why a selection cannot go to its confirmation step, as the list page says it above the table. */
  private bulkRefusal(req: Request, errors: FormErrors, ids: string[]): string {
    if (errors.action) return this.renderer.t(req, 'dashboard.registrations.bulk.noAction');
    if (ids.length > BULK_MAX) return this.renderer.t(req, 'dashboard.registrations.bulk.tooMany', { max: BULK_MAX });
    return this.renderer.t(req, 'dashboard.registrations.bulk.noneSelected');
  }

  /** The API's filter messages as people read them; a country filter is a code, which the page says. */
  private filterErrors(req: Request, errors: FormErrors): FormErrors {
    const shown = translateFormErrors(req.language ?? 'en', errors);
    if (errors.countryCode) shown.countryCode = this.renderer.t(req, 'dashboard.registrations.error.countryCode');
    return shown;
  }

  private async render(req: Request, res: Response, event: Event, query: Record<string, unknown>, state: ListState, status = 200) {
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
    const cursor: Record<string, string> = typeof query.cursor === 'string' && query.cursor !== '' ? { cursor: query.cursor } : {};
    const selectAll = query.select === 'all';
    const selected = new Set(state.selected ?? []);
    const done = typeof query.done === 'string' && DONE.has(query.done) ? `dashboard.registrations.done.${query.done}` : null;
    this.renderer.page(
      req,
      res,
      'dashboard/registrations',
      {
        event: { id: event.id, title: event.title, timezone: event.timezone },
        filters,
        filterErrors: parsed.ok ? {} : this.filterErrors(req, parsed.errors),
        statuses: REGISTRATION_STATUSES,
        organisationTypes: ORGANISATION_TYPES,
        days: localDatesBetween(event.startsAt, event.endsAt, event.timezone),
        counts: REGISTRATION_STATUSES.map((name) => ({ name, count: counts[name] ?? 0 })),
        rows: (page?.items ?? []).map((row) => ({ ...row, selected: selectAll || selected.has(row.id) })),
        paged: Boolean(query.cursor),
        firstHref: `${base}${search({})}`,
        nextHref: page?.nextCursor ? `${base}${search({ cursor: page.nextCursor })}` : null,
        selectAllHref: `${base}${search({ ...cursor, select: 'all' })}#results`,
        clearSelectionHref: `${base}${search(cursor)}#results`,
        selectAll,
        csvHref: `${base}/export.csv${search({})}`,
        xlsxHref: `${base}/export.xlsx${search({})}`,
        done: done ? this.renderer.t(req, done) : undefined,
        bulkError: state.bulkError,
        walkIn: state.walkIn,
      },
      {
        title: this.renderer.t(req, 'dashboard.registrations.title', { event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: ['dashboard-operations.css'],
        scripts: ['registrations-select.js'],
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

/** "12 approved, 1 already cancelled": each outcome once, with how many rows had it, done ones first. */
function summaryOf(results: BulkRowResult[]): Array<{ key: string; count: number }> {
  const counts = new Map<string, number>();
  for (const row of results) {
    const key =
      'done' in row ? `dashboard.registrations.bulk.summary.${row.done}` : `dashboard.registrations.bulk.summary.not.${row.refused}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => Number(a.includes('.not.')) - Number(b.includes('.not.')))
    .map(([key, count]) => ({ key, count }));
}
