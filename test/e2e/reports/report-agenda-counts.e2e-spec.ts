import { readCsv } from '../../../src/platform/http/csv-reader';
import { attendee, daysFromNow } from '../../support/future-event';
import { ADMIN, login } from '../../support/test-app';
import { useTestApp } from '../../support/use-test-app';
import { waitFor } from '../../support/wait-for';

/**
 * The report counts the agenda as the organisers hold it when it is compiled,
 * not only the latest published version, and says what it cannot count yet.
 */
describe('report: the agenda as held, and an event not over yet', () => {
  const ctx = useTestApp();
  let auth: string;

  const post = async (path: string, body: object, status = 201) =>
    (await ctx.app.http.post(path).set('Authorization', auth).send(body).expect(status)).body;

  const presenter = (n: number) => ({
    name: `Presenter ${n}`,
    email: `presenter${n}-${Math.random().toString(36).slice(2, 8)}@region.test`,
    organisation: 'Regional Development Agency',
    region: n % 2 ? 'Biobío' : 'Toscana',
    countryCode: n % 2 ? 'CL' : 'IT',
  });

  async function compile(eventId: string) {
    const requested = await post(`/events/${eventId}/reports`, {}, 202);
    return waitFor('the report to be compiled', async () => {
      const got = await ctx.app.http.get(`/events/${eventId}/reports/${requested.id}`).set('Authorization', auth).expect(200);
      return got.body.status === 'completed' ? got.body : null;
    });
  }

  const csvOf = async (eventId: string, reportId: string) => {
    const csv = await ctx.app.http.get(`/events/${eventId}/reports/${reportId}.csv`).set('Authorization', auth).expect(200);
    const rows = readCsv(csv.text).slice(1);
    return (section: string, key: string) => rows.find((r) => r.fields[0] === section && r.fields[1] === key)?.fields[2];
  };
  const htmlOf = async (eventId: string, reportId: string) =>
    (await ctx.app.http.get(`/events/${eventId}/reports/${reportId}.html`).set('Authorization', auth).expect(200)).text;

  beforeAll(async () => {
    auth = await login(ctx.app.http, ADMIN.email, ADMIN.password);
  });

  it('counts presentations added after the last published version, and lists what was never published', async () => {
    const event = await post('/events', {
      title: 'Pairings workshop',
      timezone: 'Europe/Brussels',
      startsAt: '2019-10-08T09:00',
      endsAt: '2019-10-08T17:00',
      defaultReminders: false,
    });
    const base = `/events/${event.id}`;
    const morning = await post(`${base}/sessions`, {
      title: 'Morning pairings',
      kind: 'presentations',
      startsAt: '2019-10-08T09:30',
      endsAt: '2019-10-08T12:00',
    });
    const afternoon = await post(`${base}/sessions`, {
      title: 'Afternoon pairings',
      kind: 'presentations',
      startsAt: '2019-10-08T14:00',
      endsAt: '2019-10-08T16:00',
    });
    await post(`${base}/agenda/versions`, { note: 'Programme' });
    for (let i = 0; i < 20; i++) {
      await post(`${base}/presentations`, {
        title: `Joint results ${i + 1}`,
        sessionId: i < 10 ? morning.id : afternoon.id,
        presenters: [{ ...presenter(i), role: 'lead' }],
      });
    }
    const late = await post(`${base}/sessions`, {
      title: 'Closing summary',
      kind: 'keynote',
      startsAt: '2019-10-08T16:15',
      endsAt: '2019-10-08T17:00',
    });
    await post(`${base}/presentations`, { title: 'Still looking for a slot', presenters: [{ ...presenter(99), role: 'lead' }] });
    const registration = await post(`${base}/registrations`, { ...attendee(), notify: false });
    await post(`${base}/check-ins`, { registrationId: registration.id, day: '2019-10-08' });

    const report = await compile(event.id);
    const data = report.data;
    expect(data.headline).toMatchObject({ sessionsHeld: 3, presentations: 20, presentingRegions: 2, presentingCountries: 2 });
    expect(data.event.ended).toBe(true);
    expect(data.people.presenters).toBe(20);
    expect(data.presentations).toMatchObject({ total: 20, unpublished: 20, unscheduled: 1, presenters: 20 });
    expect(data.presentations.items.every((p: { published: boolean }) => p.published === false)).toBe(true);
    expect(data.programme.version.number).toBe(1);
    expect(data.programme.unpublished).toEqual([{ sessionId: late.id, title: 'Closing summary', startsAt: '2019-10-08T16:15:00+02:00' }]);
    expect(data.registrations.noShows).toBe(0);
    expect(data.attendance.rate).toBe(1);

    const csv = await csvOf(event.id, report.id);
    expect(csv('presentations', 'total')).toBe('20');
    expect(csv('presentations', 'presenters')).toBe('20');
    expect(csv('presentations', 'unpublished')).toBe('20');
    expect(csv('presentations', 'unscheduled')).toBe('1');
    expect(csv('programme.unpublished', 'Closing summary')).toBe('2019-10-08T16:15:00+02:00');
    expect(csv('presentation', '1.published')).toBe('false');

    const html = await htmlOf(event.id, report.id);
    expect(html).toContain('<span class="n">20</span><span class="l">presentations (1 more in no session yet)</span>');
    expect(html).toContain('20 presentations by 20 presenters from 2 regions in 2 countries. 20 of them are not in the published agenda.');
    expect(html).toContain('1 more presentation is in no session yet and not counted.');
    expect(html).toContain('<h3>Never published</h3>');
    expect(html).toContain('Session: Closing summary');
    expect(html).toContain('Presentation: Joint results 1 (in Morning pairings)');
  });

  it('leaves cancelled sessions out, and gives no no-shows or attendance rate before the event is over', async () => {
    const event = await post('/events', {
      title: 'Workshop still to come',
      timezone: 'Europe/Brussels',
      startsAt: daysFromNow(10, '09:00'),
      endsAt: daysFromNow(10, '17:00'),
      defaultReminders: false,
    });
    const base = `/events/${event.id}`;
    const kept = await post(`${base}/sessions`, {
      title: 'Pairings',
      kind: 'presentations',
      startsAt: daysFromNow(10, '09:30'),
      endsAt: daysFromNow(10, '11:00'),
    });
    const dropped = await post(`${base}/sessions`, {
      title: 'Site visit',
      kind: 'other',
      startsAt: daysFromNow(10, '14:00'),
      endsAt: daysFromNow(10, '16:00'),
    });
    await post(`${base}/presentations`, { title: 'Kept', sessionId: kept.id, presenters: [{ ...presenter(1), role: 'lead' }] });
    await post(`${base}/presentations`, { title: 'Dropped', sessionId: dropped.id, presenters: [{ ...presenter(2), role: 'lead' }] });
    await post(`${base}/agenda/versions`, { note: 'Programme' });
    await ctx.app.http
      .delete(`${base}/sessions/${dropped.id}`)
      .set('Authorization', auth)
      .expect((r) => expect(r.status).toBeLessThan(300));
    await post(`${base}/registrations`, { ...attendee(), notify: false });

    const report = await compile(event.id);
    const data = report.data;
    expect(data.headline).toMatchObject({ sessionsHeld: 1, presentations: 1 });
    expect(data.registrations.noShows).toBeNull();
    expect(data.event.ended).toBe(false);
    expect(data.programme.cancelled.map((c: { title: string }) => c.title)).toEqual(['Site visit']);
    expect(data.programme.unpublished).toEqual([]);
    expect(data.registrations.byStatus.confirmed).toBe(1);
    expect(data.registrations.noShows).toBeNull();
    expect(data.attendance.rate).toBeNull();

    const csv = await csvOf(event.id, report.id);
    expect(csv('event', 'ended')).toBe('false');
    expect(csv('registrations', 'no_shows')).toBe('not over yet');
    expect(csv('attendance', 'rate')).toBe('not over yet');

    const html = await htmlOf(event.id, report.id);
    expect(html).toContain('Compiled before the event ended');
    expect(html).toContain('<td>No-shows (confirmed, never checked in)</td><td>not over yet</td>');
    expect(html).toContain('<td>Attendance rate (of confirmed)</td><td>not over yet</td>');
    expect(html).not.toMatch(/No-shows \(confirmed, never checked in\)<\/td><td class="num">/);
  });
});
