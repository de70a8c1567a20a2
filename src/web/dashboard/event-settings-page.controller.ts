import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { OrganiserPrincipal } from '../../auth/principal';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { UpdateEventInput, updateEventSchema } from '../../events/dto/update-event.dto';
import { Event } from '../../events/event.entity';
import { parseEventTimes } from '../../events/event-times';
import { EventsService } from '../../events/events.service';
import { EventChangePreviewService } from '../../reminders/event-change-preview.service';
import { formatInZone } from '../../platform/time/zoned-time';
import { FormErrors, blankToUndefined, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';
import { optionalNumber, problemStatus, shownErrors, typedText } from './form-values';
import { settingsFormErrors } from './settings-form-errors';
import { TIME_ZONES } from './time-zones';

const TEXT_FIELDS = ['title', 'slug', 'description', 'timezone', 'venue', 'capacity'] as const;
const REQUIRED_TIMES = ['startsAt', 'endsAt'] as const;
const OPTIONAL_TIMES = ['registrationOpensAt', 'registrationClosesAt', 'materialsDueAt'] as const;
const CHECKBOXES = ['requiresApproval', 'defaultReminders'] as const;
/** Blank co-organiser rows shown under the filled ones, so one can be added without a script. */
const SPARE_ROWS = 1;
const MAX_ROWS = 20;

type Field = (typeof TEXT_FIELDS)[number] | (typeof REQUIRED_TIMES)[number] | (typeof OPTIONAL_TIMES)[number];

export interface CoOrganiserRow {
  index: number;
  name: string;
  url: string;
  remove: boolean;
}

export interface SettingsForm {
  values: Record<Field, string>;
  checks: Record<(typeof CHECKBOXES)[number], boolean>;
  rows: CoOrganiserRow[];
}

/** A stored instant as a datetime-local input shows it: wall-clock time in the event's zone. */
export function localInput(value: Date | null, timezone: string): string {
  return value ? formatInZone(value, timezone).slice(0, 16) : '';
}

/**
 * `/dashboard/events/:eventId/settings`: the event's own fields, saved with
 * `PATCH /events/:eventId`'s schema and service. Only what changed is sent, so
 * saving an untouched form moves nothing (no reschedule, no notices).
 */
@Controller('dashboard/events/:eventId/settings')
@WebPages('organiser')
export class EventSettingsPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly previews: EventChangePreviewService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async show(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query('done') done?: string): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    this.render(req, res, event, formOf(event), {}, 200, done);
  }

  @Post()
  async save(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event, role } = await loadEventPage(this.events, req, eventId);
    const typed = formFrom(body);
    if (body.step === 'add-row') {
      if (typed.rows.length < MAX_ROWS) typed.rows.push({ index: typed.rows.length, name: '', url: '', remove: false });
      return this.render(req, res, event, typed, {}, 200);
    }
    const { input, rowOf } = changesFrom(typed, formOf(event));
    const parsed = validateForm(updateEventSchema, input);
    if (!parsed.ok) return this.render(req, res, event, typed, withRows(parsed.errors, rowOf), 400);
    const value = parsed.value as UpdateEventInput;
    if (this.movesDates(event, value)) {
      const told = await this.previews.recipientCount(event.id);
      // Moving the event tells everyone; that goes through the page that shows who and the notice first.
      if (told > 0) {
        const message = this.renderer.t(req, 'dashboard.settings.error.datesTellPeople', { n: told });
        return this.render(req, res, event, typed, { startsAt: message }, 409, undefined, value.timezone === undefined);
      }
    }
    try {
      await this.events.update(event.id, value, role, req.principal as OrganiserPrincipal);
    } catch (error) {
      return this.render(req, res, event, typed, withRows(formErrorsFrom(error), rowOf), problemStatus(error));
    }
    res.redirect(303, `/dashboard/events/${event.id}/settings?done=saved`);
  }

  /** Whether the typed start or end (read in the typed zone) is another instant than the stored one. */
  private movesDates(event: Event, input: UpdateEventInput): boolean {
    if (input.startsAt === undefined && input.endsAt === undefined) return false;
    try {
      const times = parseEventTimes({ startsAt: input.startsAt, endsAt: input.endsAt }, input.timezone ?? event.timezone);
      return [
        [times.startsAt, event.startsAt],
        [times.endsAt, event.endsAt],
      ].some(([typed, stored]) => typed instanceof Date && typed.getTime() !== (stored as Date).getTime());
    } catch {
      // A time that does not parse is the service's to refuse, beside its field.
      return false;
    }
  }

  private render(
    req: Request,
    res: Response,
    event: Event,
    form: SettingsForm,
    errors: FormErrors,
    status: number,
    done?: string,
    reviewMove = false,
  ) {
    const language = req.language ?? 'en';
    const shown = settingsFormErrors(language, errors);
    const rows = [...form.rows];
    while (rows.filter((r) => !r.name && !r.url).length < SPARE_ROWS && rows.length < MAX_ROWS) {
      rows.push({ index: rows.length, name: '', url: '', remove: false });
    }
    this.renderer.page(
      req,
      res,
      'dashboard/event-settings',
      {
        event,
        form: {
          ...form,
          rows: rows.map((r) => ({ ...r, number: r.index + 1, nameField: `coName${r.index}`, urlField: `coUrl${r.index}` })),
        },
        publicLink: `${this.config.publicUrl}/e/${event.slug}`,
        errors: shownErrors(shown),
        rowCount: rows.length,
        canAddRow: rows.length < MAX_ROWS,
        timeZones: TIME_ZONES,
        saved: done === 'saved',
        postponed: done === 'postponed',
        cancelled: done === 'cancelled',
        isCancelled: event.status === 'cancelled',
        reviewMove,
      },
      {
        title: `${this.renderer.t(req, 'dashboard.settings.title')} · ${event.title}`,
        dashboard: true,
        private: true,
        status,
        stylesheets: ['dashboard.css', 'dashboard-settings.css'],
      },
    );
  }
}

export function formOf(event: Event): SettingsForm {
  const at = (value: Date | null) => localInput(value, event.timezone);
  return {
    values: {
      title: event.title,
      slug: event.slug,
      description: event.description,
      timezone: event.timezone,
      venue: event.venue ?? '',
      capacity: event.capacity === null ? '' : String(event.capacity),
      startsAt: at(event.startsAt),
      endsAt: at(event.endsAt),
      registrationOpensAt: at(event.registrationOpensAt),
      registrationClosesAt: at(event.registrationClosesAt),
      materialsDueAt: at(event.materialsDueAt),
    },
    checks: { requiresApproval: event.requiresApproval, defaultReminders: event.defaultReminders },
    rows: event.coOrganisers.map((c, index) => ({ index, name: c.name, url: c.url ?? '', remove: false })),
  };
}

function formFrom(body: Record<string, unknown>): SettingsForm {
  const fields = [...TEXT_FIELDS, ...REQUIRED_TIMES, ...OPTIONAL_TIMES];
  const count = Math.min(MAX_ROWS + SPARE_ROWS, Math.max(0, Number(body.coRows) || 0));
  return {
    values: Object.fromEntries(fields.map((field) => [field, typedText(body, field)])) as Record<Field, string>,
    checks: { requiresApproval: body.requiresApproval === 'yes', defaultReminders: body.defaultReminders === 'yes' },
    rows: Array.from({ length: count }, (_, index) => ({
      index,
      name: typedText(body, `coName${index}`),
      url: typedText(body, `coUrl${index}`),
      remove: body[`coRemove${index}`] === 'yes',
    })),
  };
}

/**
 * The PATCH body: the fields whose text differs from the stored event's (all
 * times when the zone changes, since the typed wall-clock times are read in the
 * new zone), and the co-organisers as listed. `rowOf` maps a co-organiser's
 * index in the body back to its row in the form, for showing errors beside it.
 */
function changesFrom(typed: SettingsForm, stored: SettingsForm): { input: Record<string, unknown>; rowOf: number[] } {
  const input: Record<string, unknown> = {};
  const zoneChanged = typed.values.timezone !== stored.values.timezone;
  const changed = (field: Field) => typed.values[field] !== stored.values[field];
  for (const field of ['title', 'slug', 'description', 'timezone'] as const) if (changed(field)) input[field] = typed.values[field];
  if (changed('venue')) input.venue = blankToUndefined(typed.values.venue) === undefined ? null : typed.values.venue;
  if (changed('capacity'))
    input.capacity = blankToUndefined(typed.values.capacity) === undefined ? null : optionalNumber(typed.values.capacity);
  for (const field of REQUIRED_TIMES) if (changed(field) || zoneChanged) input[field] = typed.values[field];
  for (const field of OPTIONAL_TIMES) {
    if (changed(field) || zoneChanged) input[field] = typed.values[field] === '' ? null : typed.values[field];
  }
  for (const field of CHECKBOXES) if (typed.checks[field] !== stored.checks[field]) input[field] = typed.checks[field];
  const kept = typed.rows.filter((r) => !r.remove && (r.name.trim() !== '' || r.url.trim() !== ''));
  const coOrganisers = kept.map((r) => ({ name: r.name, url: r.url.trim() === '' ? null : r.url.trim() }));
  const storedList = stored.rows.map((r) => ({ name: r.name, url: r.url === '' ? null : r.url }));
  if (JSON.stringify(coOrganisers) !== JSON.stringify(storedList)) input.coOrganisers = coOrganisers;
  return { input, rowOf: kept.map((r) => r.index) };
}

/** `coOrganisers[1].url` as the form's `coUrl<row>` field. */
function withRows(errors: FormErrors, rowOf: number[]): FormErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => {
      const match = /^coOrganisers\[(\d+)\]\.(name|url)$/.exec(field);
      if (!match) return [field, message];
      const row = rowOf[Number(match[1])] ?? Number(match[1]);
      return [`${match[2] === 'name' ? 'coName' : 'coUrl'}${row}`, message];
    }),
  );
}
