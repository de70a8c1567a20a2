import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { organiserActor } from '../../audit/audit.service';
import { OrganiserPrincipal } from '../../auth/principal';
import { Event } from '../../events/event.entity';
import { EventsService } from '../../events/events.service';
import { Problem } from '../../platform/http/problem';
import { localDate, localDatesBetween } from '../../platform/time/zoned-time';
import { CHECK_IN_REFUSALS, CheckInsService } from '../../registration/check-ins.service';
import { checkInSchema } from '../../registration/dto/check-in.dto';
import { FormErrors, validateForm } from '../form-input';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { dashboardFormErrors } from './dashboard-form-errors';
import { loadEventPage } from './event-page';
import { shownErrors, typedText } from './form-values';

interface DeskResult {
  ok: boolean;
  headline: string;
  detail: string | null;
}

/**
 * The door: a scanner types the code and Enter. The answer is a large result
 * the person at the desk reads at a glance; the code field is empty and
 * focused again for the next scan.
 */
@Controller('dashboard/events/:eventId/check-in')
@WebPages('organiser')
export class CheckInDeskController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly checkIns: CheckInsService,
  ) {}

  @Get()
  async desk(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const day = chosenDay(event, req.query.day);
    const result =
      typeof req.query.checkIn === 'string' ? await this.resultOf(req, event, day, req.query.checkIn, req.query.already === '1') : null;
    await this.render(req, res, event, day, { result }, 200);
  }

  @Post()
  async checkIn(
    @Req() req: Request,
    @Res() res: Response,
    @Param('eventId') eventId: string,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const code = typedText(body, 'code');
    const day = typedText(body, 'day');
    const form = validateForm(checkInSchema, { code, day: day || undefined });
    if (!form.ok) return this.render(req, res, event, day, { errors: dashboardFormErrors(req.language, form.errors), code }, 400);
    try {
      const { view } = await this.checkIns.checkIn(event, form.value, { actor: organiserActor(req.principal as OrganiserPrincipal) });
      const query = new URLSearchParams({ day: view.day, checkIn: view.id, already: view.alreadyCheckedIn ? '1' : '0' });
      res.redirect(303, `/dashboard/events/${eventId}/check-in?${query}`);
    } catch (error) {
      if (!(error instanceof Problem) || error.getStatus() >= 500) throw error;
      const refusal = { ok: false, ...this.refusal(req, event, error, code, day) };
      await this.render(req, res, event, day, { result: refusal }, error.getStatus());
    }
  }

  /** The check-in a redirect after a scan points at, read back so a reload shows the same answer. */
  private async resultOf(req: Request, event: Event, day: string, checkInId: string, already: boolean): Promise<DeskResult | null> {
    const { items } = await this.checkIns.list(event, day);
    const checkIn = items.find((item) => item.id === checkInId);
    if (!checkIn) return null;
    const who = checkIn.organisation ? `${checkIn.name}, ${checkIn.organisation}` : checkIn.name;
    return already
      ? { ok: true, headline: this.renderer.t(req, 'dashboard.desk.alreadyAt', { time: checkIn.checkedInAt.slice(11, 16) }), detail: who }
      : { ok: true, headline: this.renderer.t(req, 'dashboard.desk.checkedIn'), detail: who };
  }

  /** The service's refusal in the desk's language: its detail is English, written for the API. */
  private refusal(req: Request, event: Event, problem: Problem, code: string, day: string): Omit<DeskResult, 'ok'> {
    const t = (key: string, params?: Record<string, unknown>) => this.renderer.t(req, key, params);
    if (problem.getStatus() === 404)
      return { headline: t('dashboard.desk.unknownCode'), detail: t('dashboard.desk.unknownCodeDetail', { code }) };
    if (problem.errors?.some((e) => e.field === 'day')) {
      const days = localDatesBetween(event.startsAt, event.endsAt, event.timezone).join(', ');
      return { headline: t('dashboard.desk.notEventDay'), detail: t('dashboard.desk.notEventDayDetail', { day, days }) };
    }
    const refused = Object.entries(CHECK_IN_REFUSALS).find(([, phrase]) => problem.detail.endsWith(` ${phrase}`));
    const name = refused ? problem.detail.slice(NOT_ADMITTED_PREFIX.length, -refused[1].length - 1) : '';
    return {
      headline: t('dashboard.desk.notAdmitted'),
      detail:
        refused && problem.detail.startsWith(NOT_ADMITTED_PREFIX) ? t(`dashboard.desk.refused.${refused[0]}`, { name }) : problem.detail,
    };
  }

  private async render(
    req: Request,
    res: Response,
    event: Event,
    day: string,
    state: { result?: DeskResult | null; errors?: FormErrors; code?: string },
    status: number,
  ): Promise<void> {
    const days = localDatesBetween(event.startsAt, event.endsAt, event.timezone);
    const list = days.includes(day) ? await this.checkIns.list(event, day) : null;
    this.renderer.page(
      req,
      res,
      'dashboard/check-in',
      {
        event,
        days,
        day,
        checkedIn: list?.countsByDay[day] ?? 0,
        recent: (list?.items ?? []).slice(-5).reverse(),
        result: state.result ?? null,
        errors: shownErrors(state.errors),
        code: state.code ?? '',
      },
      {
        title: `${this.renderer.t(req, 'dashboard.desk.title')} · ${event.title}`,
        dashboard: true,
        private: true,
        status,
        stylesheets: ['dashboard.css'],
        scripts: ['check-in-desk.js'],
      },
    );
  }
}

/** The day asked for, else today when the event is on, else its first day. */
function chosenDay(event: Event, asked: unknown): string {
  const days = localDatesBetween(event.startsAt, event.endsAt, event.timezone);
  if (typeof asked === 'string' && days.includes(asked)) return asked;
  const today = localDate(new Date(), event.timezone);
  return days.includes(today) ? today : days[0];
}

const NOT_ADMITTED_PREFIX = 'Not admitted: the registration of ';
