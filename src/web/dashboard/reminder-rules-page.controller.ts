import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { IdParam } from '../../platform/http/id-param.pipe';
import { createReminderRuleSchema, updateReminderRuleSchema } from '../../reminders/dto/reminder-rule.dto';
import { REMINDER_ANCHORS, REMINDER_AUDIENCES } from '../../reminders/reminder-rule.entity';
import { ReminderRulesService } from '../../reminders/reminder-rules.service';
import { FormErrors, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
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

const DONE_MESSAGES: Record<string, string> = {
  created: 'The reminder rule is created.',
  saved: 'The reminder rule is saved.',
  enabled: 'The reminder rule is enabled.',
  disabled: 'The reminder rule is disabled.',
  deleted: 'The reminder rule is deleted.',
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
    await this.renderList(req, res, event, blankForm(), undefined, 200, done ? DONE_MESSAGES[done] : undefined);
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
      { event: eventData(event), rule, preview },
      { title: `Preview of “${rule.name}” · ${event.title}`, dashboard: true, private: true, stylesheets: ['dashboard-operations.css'] },
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
        event: eventData(event),
        rules: items.map((rule) => ({ ...rule, offset: describeOffset(rule.offsetMinutes), nextDueAt: nextDue(rule) })),
        form,
        errors,
        choices: CHOICES,
        formAction: `/dashboard/events/${event.id}/reminders`,
        done,
      },
      { title: `Reminders · ${event.title}`, dashboard: true, private: true, stylesheets: ['dashboard-operations.css'], status },
    );
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
      { event: eventData(event), rule, form, errors, choices: CHOICES, formAction: `/dashboard/events/${event.id}/reminders/${rule.id}` },
      { title: `Edit “${rule.name}” · ${event.title}`, dashboard: true, private: true, stylesheets: ['dashboard-operations.css'], status },
    );
  }
}

const CHOICES = { anchors: REMINDER_ANCHORS, audiences: REMINDER_AUDIENCES, units: Object.keys(UNITS) };

function eventData(event: Event) {
  return { id: event.id, title: event.title, timezone: event.timezone, fixedHint: `Wall-clock time in ${event.timezone}` };
}

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

function describeOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'at';
  const { amount, unit, direction } = offsetParts(offsetMinutes);
  return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit} ${direction}`;
}

function nextDue(rule: RuleView): string | null {
  return rule.scheduled.find((s) => s.state === 'pending')?.dueAt ?? null;
}
