import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { createReminderRuleSchema, updateReminderRuleSchema } from '../../reminders/dto/reminder-rule.dto';
import { REMINDER_ANCHORS, REMINDER_AUDIENCES } from '../../reminders/reminder-rule.entity';
import { ReminderRulesService } from '../../reminders/reminder-rules.service';
import { FormErrors, formErrorsFrom, validateForm } from '../form-input';
import { isLanguage, LANGUAGE_NAMES, LOCALES } from '../i18n/languages';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { dashboardFormErrors } from './dashboard-form-errors';
import { loadEventPage } from './event-page';

const UNITS = { minutes: 1, hours: 60, days: 24 * 60 } as const;
type Unit = keyof typeof UNITS;

/** What the form shows and sends back: the offset as amount, unit and direction rather than signed minutes. */
interface RuleForm {
  name?: unknown;
  anchor?: unknown;
  offsetAmount?: unknown;
  offsetUnit?: unknown;
  offsetDirection?: unknown;
  fixedAt?: unknown;
  audience?: unknown;
  subject?: unknown;
  message?: unknown;
  enabled?: boolean;
}

type RuleView = Awaited<ReturnType<ReminderRulesService['get']>>;

const DONE = ['created', 'saved', 'enabled', 'disabled', 'deleted'];

/** The form's labels for the API's field names, so errors name what the organiser sees. */
const FIELD_LABELS: Record<string, string> = {
  name: 'dashboard.reminders.form.name',
  anchor: 'dashboard.reminders.form.anchor',
  offsetMinutes: 'dashboard.reminders.form.amount',
  fixedAt: 'dashboard.reminders.form.fixedAt',
  audience: 'dashboard.reminders.form.audience',
  subject: 'label.field.subject',
  message: 'label.field.message',
};

/** `/dashboard/events/:eventId/reminders`: the same reminder-rule service as `/events/:eventId/reminder-rules`. */
@Controller('dashboard/events/:eventId/reminders')
@WebPages('organiser')
export class ReminderRulesPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly rules: ReminderRulesService,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Query('done') done?: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const notice = done && DONE.includes(done) ? this.renderer.t(req, `dashboard.reminders.done.${done}`) : undefined;
    await this.renderList(req, res, event, blankForm(), undefined, 200, notice);
  }

  @Post()
  async create(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const form = formFrom(body);
    const parsed = validateForm(createReminderRuleSchema, ruleInput(form));
    let errors: FormErrors = parsed.ok ? {} : parsed.errors;
    if (parsed.ok) {
      try {
        await this.rules.create(event.id, parsed.value);
        return res.redirect(303, `/dashboard/events/${event.id}/reminders?done=created`);
      } catch (error) {
        errors = formErrorsFrom(error);
      }
    }
    await this.renderList(req, res, event, form, errors, 400);
  }

  @Get(':ruleId/edit')
  async edit(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('ruleId', new IdParam('reminder rule')) ruleId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const rule = await this.rules.get(event.id, ruleId);
    this.renderEdit(req, res, event, rule, formOf(rule), undefined, 200);
  }

  @Post(':ruleId')
  async update(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('ruleId', new IdParam('reminder rule')) ruleId: string,
    @Body() body: Record<string, unknown>,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const rule = await this.rules.get(event.id, ruleId);
    const form = formFrom(body);
    const parsed = validateForm(updateReminderRuleSchema, ruleInput(form));
    let errors: FormErrors = parsed.ok ? {} : parsed.errors;
    if (parsed.ok) {
      try {
        await this.rules.update(event.id, ruleId, parsed.value);
        return res.redirect(303, `/dashboard/events/${event.id}/reminders?done=saved`);
      } catch (error) {
        errors = formErrorsFrom(error);
      }
    }
    this.renderEdit(req, res, event, rule, form, errors, 400);
  }

  @Post(':ruleId/enabled')
  async setEnabled(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('ruleId', new IdParam('reminder rule')) ruleId: string,
    @Body('enabled') enabled: unknown,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.rules.update(event.id, ruleId, { enabled: enabled === 'yes' });
    res.redirect(303, `/dashboard/events/${event.id}/reminders?done=${enabled === 'yes' ? 'enabled' : 'disabled'}`);
  }

  @Post(':ruleId/delete')
  async remove(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('ruleId', new IdParam('reminder rule')) ruleId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.rules.remove(event.id, ruleId);
    res.redirect(303, `/dashboard/events/${event.id}/reminders?done=deleted`);
  }

  /** Deleting asks first, on a page of its own: no script runs to put up a dialog. */
  @Get(':ruleId/delete')
  async confirmRemove(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('ruleId', new IdParam('reminder rule')) ruleId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const rule = await this.rules.get(event.id, ruleId);
    this.renderer.page(
      req,
      res,
      'dashboard/reminder-delete',
      { event: this.eventData(req, event), rule, when: this.describeWhen(req, rule, event) },
      {
        title: this.renderer.t(req, 'dashboard.reminders.deletePageTitle', { name: rule.name, event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: ['dashboard-operations.css'],
      },
    );
  }

  @Get(':ruleId/preview')
  async preview(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Param('ruleId', new IdParam('reminder rule')) ruleId: string,
  ) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const [rule, preview] = await Promise.all([this.rules.get(event.id, ruleId), this.rules.preview(event.id, ruleId)]);
    this.renderer.page(
      req,
      res,
      'dashboard/reminder-preview',
      {
        event: this.eventData(req, event),
        rule,
        preview: {
          ...preview,
          sample: preview.sample.map((person) => ({
            ...person,
            languageName: isLanguage(person.language) ? LANGUAGE_NAMES[person.language] : person.language,
          })),
        },
      },
      {
        title: this.renderer.t(req, 'dashboard.reminders.previewPageTitle', { name: rule.name, event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: ['dashboard-operations.css'],
      },
    );
  }

  private async renderList(
    req: Request,
    res: Response,
    event: Event,
    form: RuleForm,
    errors: FormErrors | undefined,
    status: number,
    done?: string,
  ) {
    const { items } = await this.rules.list(event.id);
    this.renderer.page(
      req,
      res,
      'dashboard/reminders',
      {
        event: this.eventData(req, event),
        rules: items.map((rule) => ({ ...rule, when: this.describeWhen(req, rule, event), nextDueAt: nextDue(rule) })),
        form,
        errors: errors && dashboardFormErrors(req.language, errors, FIELD_LABELS),
        choices: CHOICES,
        formAction: `/dashboard/events/${event.id}/reminders`,
        done,
      },
      {
        title: this.renderer.t(req, 'dashboard.reminders.pageTitle', { event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: ['dashboard-operations.css'],
        status,
      },
    );
  }

  private eventData(req: Request, event: Event) {
    const fixedHint = this.renderer.t(req, 'dashboard.reminders.form.fixedHint', { zone: event.timezone });
    return { id: event.id, title: event.title, timezone: event.timezone, fixedHint };
  }

  /** "2 days before the start of the event", or the fixed time, in the page's language. */
  private describeWhen(req: Request, rule: Pick<RuleView, 'anchor' | 'offsetMinutes' | 'fixedAt'>, event: Event): string {
    const t = (key: string, params?: Record<string, unknown>) => this.renderer.t(req, key, params);
    if (rule.anchor === 'fixed') {
      const at = rule.fixedAt ? formatDateTime(req, new Date(rule.fixedAt), event.timezone) : '';
      return t('dashboard.reminders.when.fixed', { time: at });
    }
    if (rule.offsetMinutes === 0) return t(`dashboard.reminders.relation.at.${rule.anchor}`);
    const { amount, unit, direction } = offsetParts(rule.offsetMinutes);
    return t('dashboard.reminders.when.offset', {
      amount: amount.toLocaleString(LOCALES[req.language ?? 'en']),
      unit: t(`dashboard.reminders.unit.${unit}.${amount === 1 ? 'one' : 'other'}`),
      relation: t(`dashboard.reminders.relation.${direction}.${rule.anchor}`),
    });
  }

  private renderEdit(
    req: Request,
    res: Response,
    event: Event,
    rule: RuleView,
    form: RuleForm,
    errors: FormErrors | undefined,
    status: number,
  ) {
    this.renderer.page(
      req,
      res,
      'dashboard/reminder-edit',
      {
        event: this.eventData(req, event),
        rule,
        form,
        errors: errors && dashboardFormErrors(req.language, errors, FIELD_LABELS),
        choices: CHOICES,
        formAction: `/dashboard/events/${event.id}/reminders/${rule.id}`,
      },
      {
        title: this.renderer.t(req, 'dashboard.reminders.editPageTitle', { name: rule.name, event: event.title }),
        dashboard: true,
        private: true,
        stylesheets: ['dashboard-operations.css'],
        status,
      },
    );
  }
}

const CHOICES = { anchors: REMINDER_ANCHORS, audiences: REMINDER_AUDIENCES, units: Object.keys(UNITS) };

function blankForm(): RuleForm {
  return { offsetAmount: '1', offsetUnit: 'days', offsetDirection: 'before', anchor: 'event_start', audience: 'confirmed', enabled: true };
}

function formFrom(body: Record<string, unknown>): RuleForm {
  return {
    name: body.name,
    anchor: body.anchor,
    offsetAmount: body.offsetAmount,
    offsetUnit: body.offsetUnit,
    offsetDirection: body.offsetDirection,
    fixedAt: body.fixedAt,
    audience: body.audience,
    subject: body.subject,
    message: body.message,
    enabled: body.enabled === 'yes',
  };
}

/** An offset in the largest unit that divides it. */
function offsetParts(offsetMinutes: number): { amount: number; unit: Unit; direction: 'before' | 'after' } {
  const minutes = Math.abs(offsetMinutes);
  const unit: Unit = minutes > 0 && minutes % UNITS.days === 0 ? 'days' : minutes > 0 && minutes % UNITS.hours === 0 ? 'hours' : 'minutes';
  return { amount: minutes / UNITS[unit], unit, direction: offsetMinutes < 0 ? 'before' : 'after' };
}

function formOf(rule: RuleView): RuleForm {
  const offset = offsetParts(rule.offsetMinutes);
  return {
    name: rule.name,
    anchor: rule.anchor,
    offsetAmount: String(offset.amount),
    offsetUnit: offset.unit,
    offsetDirection: offset.direction,
    fixedAt: rule.fixedAt ? rule.fixedAt.slice(0, 16) : '',
    audience: rule.audience,
    subject: rule.subject ?? '',
    message: rule.message ?? '',
    enabled: rule.enabled,
  };
}

/**
 * The API's body from the form; the schema then judges it. A fixed time
 * counts only with the fixed anchor, where it is the whole of "when".
 */
function ruleInput(form: RuleForm) {
  const fixed = form.anchor === 'fixed';
  const amount = typeof form.offsetAmount === 'string' && form.offsetAmount.trim() !== '' ? Number(form.offsetAmount) : 0;
  const unit = UNITS[form.offsetUnit as Unit] ?? 1;
  const sign = form.offsetDirection === 'before' ? -1 : 1;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
  return {
    name: typeof form.name === 'string' ? form.name : '',
    anchor: form.anchor,
    offsetMinutes: fixed ? 0 : sign * amount * unit,
    fixedAt: fixed ? text(form.fixedAt) : null,
    audience: form.audience,
    subject: text(form.subject),
    message: text(form.message),
    enabled: form.enabled === true,
  };
}

function nextDue(rule: RuleView): string | null {
  return rule.scheduled.find((s) => s.state === 'pending')?.dueAt ?? null;
}

function formatDateTime(req: Request, date: Date, zone: string): string {
  return new Intl.DateTimeFormat(LOCALES[req.language ?? 'en'], { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(date);
}
