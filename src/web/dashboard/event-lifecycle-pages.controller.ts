import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { OrganiserPrincipal } from '../../auth/principal';
import type { Request, Response } from 'express';
import { cancelEventSchema, postponeEventSchema } from '../../events/dto/postpone-event.dto';
import { Event } from '../../events/event.entity';
import { parseEventTimes } from '../../events/event-times';
import { EventsService } from '../../events/events.service';
import { mailLanguage } from '../../platform/mail/mail-language';
import { EventChange, EventChangePreviewService } from '../../reminders/event-change-preview.service';
import { FormErrors, blankToUndefined, formErrorsFrom, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { localInput } from './event-settings-page.controller';
import { loadEventPage } from './event-page';
import { problemStatus, shownErrors, typedText } from './form-values';
import { settingsFormErrors } from './settings-form-errors';

interface ChangeForm {
  startsAt: string;
  endsAt: string;
  reason: string;
}

/**
 * Postponing and cancelling from the settings page. Each goes through a page
 * that shows what will happen (who is told, which reminders move or are
 * dropped, the notice itself) and changes nothing until it is confirmed; the
 * change is then made by the same EventsService call as the API's, whose domain
 * events after commit send the notices and move the reminders.
 */
@Controller('dashboard/events/:eventId/settings')
@WebPages('organiser')
export class EventLifecyclePagesController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly previews: EventChangePreviewService,
  ) {}

  /** The new dates, offered as the same times a week later. */
  @Get('postpone')
  async postponeForm(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    const form = {
      startsAt: aWeekLater(localInput(event.startsAt, event.timezone)),
      endsAt: aWeekLater(localInput(event.endsAt, event.timezone)),
      reason: '',
    };
    await this.render(req, res, event, 'postpone', form, null, {}, 200);
  }

  @Post('postpone')
  async postpone(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event, role } = await loadEventPage(this.events, req, eventId);
    const form = formFrom(body);
    const parsed = validateForm(postponeEventSchema, { startsAt: form.startsAt, endsAt: form.endsAt });
    if (!parsed.ok) return this.render(req, res, event, 'postpone', form, null, parsed.errors, 400);
    let change: EventChange;
    try {
      const times = parseEventTimes(parsed.value, event.timezone) as { startsAt: Date; endsAt: Date };
      // The service checks the order too; the preview must not show an impossible span.
      if (times.endsAt <= times.startsAt)
        return this.render(req, res, event, 'postpone', form, null, { endsAt: 'must be after startsAt' }, 400);
      change = { kind: 'rescheduled', ...times };
    } catch (error) {
      return this.render(req, res, event, 'postpone', form, null, formErrorsFrom(error), problemStatus(error));
    }
    if (!confirmed(body, form)) return this.render(req, res, event, 'postpone', form, change, {}, 200);
    try {
      await this.events.postpone(event.id, parsed.value, role, req.principal as OrganiserPrincipal);
    } catch (error) {
      return this.render(req, res, event, 'postpone', form, change, formErrorsFrom(error), problemStatus(error));
    }
    res.redirect(303, `/dashboard/events/${event.id}/settings?done=postponed`);
  }

  @Get('cancel')
  async cancelForm(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string) {
    const { event } = await loadEventPage(this.events, req, eventId);
    await this.render(req, res, event, 'cancel', { startsAt: '', endsAt: '', reason: '' }, { kind: 'cancelled', reason: null }, {}, 200);
  }

  @Post('cancel')
  async cancel(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string, @Body() body: Record<string, unknown>) {
    const { event, role } = await loadEventPage(this.events, req, eventId);
    const form = formFrom(body);
    const parsed = validateForm(cancelEventSchema, { reason: blankToUndefined(form.reason) });
    if (!parsed.ok) return this.render(req, res, event, 'cancel', form, { kind: 'cancelled', reason: null }, parsed.errors, 400);
    const change: EventChange = { kind: 'cancelled', reason: parsed.value.reason ?? null };
    if (!confirmed(body, form)) return this.render(req, res, event, 'cancel', form, change, {}, 200);
    await this.events.cancel(event.id, parsed.value, role, req.principal as OrganiserPrincipal);
    res.redirect(303, `/dashboard/events/${event.id}/settings?done=cancelled`);
  }

  private async render(
    req: Request,
    res: Response,
    event: Event,
    action: 'postpone' | 'cancel',
    form: ChangeForm,
    change: EventChange | null,
    errors: FormErrors,
    status: number,
  ) {
    const language = req.language ?? 'en';
    const preview = change
      ? await this.previews.preview(event, change, {
          language: mailLanguage(language),
          sampleName: this.renderer.t(req, 'dashboard.settings.change.sampleName'),
        })
      : null;
    this.renderer.page(
      req,
      res,
      'dashboard/event-change',
      {
        event,
        action,
        isPostpone: action === 'postpone',
        form,
        change,
        preview,
        errors: shownErrors(settingsFormErrors(language, errors)),
        isCancelled: event.status === 'cancelled',
      },
      {
        title: `${this.renderer.t(req, `dashboard.settings.change.${action}Title`, { event: event.title })}`,
        dashboard: true,
        private: true,
        status,
        stylesheets: ['dashboard.css', 'dashboard-settings.css'],
      },
    );
  }
}

function formFrom(body: Record<string, unknown>): ChangeForm {
  return { startsAt: typedText(body, 'startsAt'), endsAt: typedText(body, 'endsAt'), reason: typedText(body, 'reason') };
}

/** Confirmed, and for what the organiser saw: values changed after the preview are previewed again instead. */
function confirmed(body: Record<string, unknown>, form: ChangeForm): boolean {
  return (
    body.step === 'confirm' &&
    typedText(body, 'previewedStartsAt') === form.startsAt &&
    typedText(body, 'previewedEndsAt') === form.endsAt &&
    typedText(body, 'previewedReason') === form.reason
  );
}

/** The same wall-clock time seven days later ("2019-10-08T09:00" → "2019-10-15T09:00"), whatever the clocks do in between. */
function aWeekLater(local: string): string {
  const [date, time] = local.split('T');
  const later = new Date(`${date}T00:00:00Z`);
  later.setUTCDate(later.getUTCDate() + 7);
  return `${later.toISOString().slice(0, 10)}T${time}`;
}
