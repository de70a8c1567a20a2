import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EventsService } from '../../events/events.service';
import { countryName } from '../../people/countries';
import { localDate, localDatesBetween } from '../../platform/time/zoned-time';
import { MaterialsOverviewService } from '../../presenters/materials-overview.service';
import { CheckInsService } from '../../registration/check-ins.service';
import { RegistrationQueriesService } from '../../registration/registration-queries.service';
import { CountRow, RegistrationStatsService } from '../../registration/registration-stats.service';
import { LOCALES } from '../i18n/languages';
import { WebPages } from '../page-access';
import { WebRenderer } from '../web-renderer.service';
import { loadEventPage } from './event-page';

/** Presentations named on the overview before "and N more" (the presentations page lists them all). */
const LISTED_MISSING = 10;

/** The bar chart's drawing box; the SVG scales to its container. */
const CHART = { width: 640, height: 180, top: 16, bottom: 28, gap: 2, widestBar: 32 };

/** Days the chart shows at most: the latest ones, so a long registration period stays readable. */
const CHART_DAYS = 90;

/**
 * `/dashboard/events/:eventId`: the event at a glance. Registrations over
 * time (a chart drawn on the server, with its numbers as a table), by country
 * and organisation type, attendance per day and per session, materials still
 * missing, and the search box over people, sessions and presentations.
 */
@Controller('dashboard/events/:eventId')
@WebPages('organiser')
export class EventOverviewPageController {
  constructor(
    private readonly renderer: WebRenderer,
    private readonly events: EventsService,
    private readonly registrations: RegistrationQueriesService,
    private readonly checkIns: CheckInsService,
    private readonly stats: RegistrationStatsService,
    private readonly materials: MaterialsOverviewService,
  ) {}

  @Get()
  async overview(@Req() req: Request, @Res() res: Response, @Param('eventId') eventId: string): Promise<void> {
    const { event } = await loadEventPage(this.events, req, eventId);
    const today = localDate(new Date(), event.timezone);
    const days = localDatesBetween(event.startsAt, event.endsAt, event.timezone);
    const [counts, checkIns, perDay, byCountry, byType, attendance, sessions, missing] = await Promise.all([
      this.registrations.counts(eventId),
      this.checkIns.list(event, today),
      this.stats.perDay(event),
      this.stats.byCountry(eventId),
      this.stats.byOrganisationType(eventId),
      this.stats.checkInsPerDay(event),
      this.stats.sessions(eventId),
      this.materials.list(eventId, 'missing'),
    ]);
    const locale = LOCALES[req.language ?? 'en'];
    const outstanding = missing.items.filter((p) => p.status !== 'withdrawn');
    this.renderer.page(
      req,
      res,
      'dashboard/event-overview',
      {
        event,
        days,
        today,
        isEventDay: days.includes(today),
        counts: {
          registered: counts.pending + counts.confirmed + counts.waitlisted,
          confirmed: counts.confirmed,
          waitlisted: counts.waitlisted,
          pending: counts.pending,
          checkedInToday: checkIns.countsByDay[today] ?? 0,
        },
        overTime: { rows: perDay, chart: barChart(everyDay(perDay)), total: perDay.reduce((sum, r) => sum + r.count, 0) },
        byCountry: byCountry.map((r) => ({ ...r, name: r.key ? countryName(r.key, locale) : null })),
        byType,
        attendance,
        sessions,
        materials: {
          count: outstanding.length,
          listed: outstanding.slice(0, LISTED_MISSING),
          more: Math.max(0, outstanding.length - LISTED_MISSING),
        },
        published: req.query.published === '1',
      },
      { title: event.title, dashboard: true, private: true, stylesheets: ['dashboard.css'] },
    );
  }
}

/** The days from the first registration to the last, those without any as 0, so the bars' spacing is time. */
function everyDay(rows: CountRow[]): CountRow[] {
  if (rows.length === 0) return [];
  const counts = new Map(rows.map((r) => [r.key, r.count]));
  const days: CountRow[] = [];
  const last = new Date(`${rows[rows.length - 1].key}T00:00:00Z`);
  for (let day = new Date(`${rows[0].key}T00:00:00Z`); day <= last; day.setUTCDate(day.getUTCDate() + 1)) {
    const key = day.toISOString().slice(0, 10);
    days.push({ key, count: counts.get(key) ?? 0 });
  }
  return days.slice(-CHART_DAYS);
}

/** Bars in the chart's box, tallest at full height; a day with none still takes its place on the axis. */
function barChart(rows: CountRow[]) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const plot = CHART.height - CHART.top - CHART.bottom;
  const slot = rows.length > 0 ? CHART.width / rows.length : CHART.width;
  const labelEvery = Math.max(1, Math.ceil(rows.length / 8));
  return {
    ...CHART,
    max,
    baseline: CHART.height - CHART.bottom,
    bars: rows.map((r, i) => {
      const height = Math.round((r.count / max) * plot);
      const width = Math.max(1, Math.min(CHART.widestBar, Math.round(slot - 2 * CHART.gap)));
      return {
        key: r.key,
        count: r.count,
        x: Math.round(i * slot + (slot - width) / 2),
        width,
        y: CHART.height - CHART.bottom - height,
        height,
        labelX: Math.round(i * slot + slot / 2),
        showLabel: i % labelEvery === 0,
        shortDay: (r.key ?? '').slice(5),
      };
    }),
  };
}
