import { ReportSchedulerService } from '../../../src/reports/report-scheduler.service';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

/** 0.2 minutes: twelve seconds between an event's end and its automatic report. */
const DELAY_MS = 12_000;

interface ReportItem {
  id: string;
  version: number;
  status: string;
  trigger: string;
  requestedBy: string | null;
  dueAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

describe('automatic reports after an event ends', () => {
  const ctx = useTestApp({ PLENARY_REPORT_DELAY_MINUTES: String(DELAY_MS / 60_000) });
  let auth: string;
  let cancelled: { id: string; endsAt: number };

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    // Ends with the first test's event, but is cancelled before it ends.
    const endsAt = Date.now() + 1500;
    const event = await ctx.app.http
      .post('/events')
      .set('Authorization', auth)
      .send({
        title: 'Cancelled meeting',
        timezone: 'Europe/Brussels',
        startsAt: new Date(endsAt - 7_200_000).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        defaultReminders: false,
      })
      .expect(201);
    await ctx.app.http.post(`/events/${event.body.id}/cancel`).set('Authorization', auth).send({}).expect(200);
    cancelled = { id: event.body.id, endsAt };
  });

  const list = async (eventId: string): Promise<ReportItem[]> =>
    (await ctx.app.http.get(`/events/${eventId}/reports`).set('Authorization', auth).expect(200)).body.items;

  it('compiles one report the configured time after the end, and another after the event moves', async () => {
    const endsAt = new Date(Date.now() + 1500);
    const event = await ctx.app.http
      .post('/events')
      .set('Authorization', auth)
      .send({
        title: 'Follow-up webinar',
        timezone: 'America/Santiago',
        startsAt: new Date(Date.now() - 3_600_000).toISOString(),
        endsAt: endsAt.toISOString(),
        defaultReminders: false,
      })
      .expect(201);
    const eventId = event.body.id as string;
    await ctx.app.http
      .post(`/events/${eventId}/registrations`)
      .set('Authorization', auth)
      .send({ name: 'Ana', email: 'ana@region.test', countryCode: 'CL', region: 'Maule', notify: false })
      .expect(201);

    // The sweep notices the end and schedules the report, due the delay later.
    const [scheduled] = await waitFor('the automatic report to be scheduled', async () => {
      const items = await list(eventId);
      return items.length > 0 ? items : null;
    });
    expect(scheduled).toMatchObject({ version: 1, status: 'queued', trigger: 'automatic', requestedBy: null, startedAt: null });
    expect(Date.parse(scheduled.dueAt)).toBe(Math.floor(endsAt.getTime() / 1000) * 1000 + DELAY_MS);
    expect(scheduled.dueAt).toMatch(/-0[34]:00$/);

    const completed = await waitFor(
      'the automatic report to be compiled',
      async () => {
        const [item] = await list(eventId);
        return item.status === 'completed' ? item : null;
      },
      DELAY_MS + 20_000,
    );
    expect(completed.id).toBe(scheduled.id);
    expect(Date.parse(completed.startedAt!)).toBeGreaterThanOrEqual(Date.parse(scheduled.dueAt) - 1000);
    const report = await ctx.app.http.get(`/events/${eventId}/reports/${completed.id}`).set('Authorization', auth).expect(200);
    expect(report.body.data.registrations.total).toBe(1);
    const [mail] = await ctx.smtp.waitForMail(ADMIN.email);
    expect(mail.subject).toBe('Report ready: Follow-up webinar (version 1)');
    expect(mail.text).toContain('The post-event report of "Follow-up webinar"');

    // Sweeping again adds nothing: one automatic report per end time.
    const scheduler = ctx.app.plenary.app.get(ReportSchedulerService);
    await scheduler.sweep();
    await scheduler.sweep();
    expect(await list(eventId)).toHaveLength(1);

    // The event is moved to end again shortly: a second automatic report follows the new end. Asked
    // for while it waits for its time, the organiser's request brings it forward instead of doubling it.
    const newEnd = new Date(Date.now() + 1500);
    await ctx.app.http.patch(`/events/${eventId}`).set('Authorization', auth).send({ endsAt: newEnd.toISOString() }).expect(200);
    const waiting = await waitFor('the second automatic report to be scheduled', async () => {
      const items = await list(eventId);
      return items.length === 2 ? items[0] : null;
    });
    expect(waiting).toMatchObject({ version: 2, status: 'queued', trigger: 'automatic' });
    const requested = await ctx.app.http.post(`/events/${eventId}/reports`).set('Authorization', auth).expect(202);
    expect(requested.body).toMatchObject({ id: waiting.id, version: 2, shared: true });
    const early = await waitFor('the brought-forward report', async () => {
      const [item] = await list(eventId);
      return item.status === 'completed' ? item : null;
    });
    expect(Date.parse(early.completedAt!)).toBeLessThan(Date.parse(waiting.dueAt));
    expect((await list(eventId)).map((r) => [r.version, r.trigger, r.status])).toEqual([
      [2, 'automatic', 'completed'],
      [1, 'automatic', 'completed'],
    ]);
  }, 60_000);

  it('schedules nothing for events that have not ended, ended long ago or were cancelled', async () => {
    const make = async (startsAt: string, endsAt: string) =>
      (
        await ctx.app.http
          .post('/events')
          .set('Authorization', auth)
          .send({ title: 'Meeting', timezone: 'Europe/Brussels', startsAt, endsAt, defaultReminders: false })
          .expect(201)
      ).body.id as string;
    const future = await make(new Date(Date.now() + 86_400_000).toISOString(), new Date(Date.now() + 2 * 86_400_000).toISOString());
    const longAgo = await make('2019-10-08T09:00', '2019-10-09T17:30');
    // The first test waited well past the cancelled event's end, with the sweep running every second.
    expect(Date.now()).toBeGreaterThan(cancelled.endsAt + DELAY_MS);
    const scheduler = ctx.app.plenary.app.get(ReportSchedulerService);
    for (const id of [future, longAgo, cancelled.id]) {
      expect(await scheduler.syncEvent(id)).toBe(false);
      expect(await list(id)).toEqual([]);
    }
  });
});
