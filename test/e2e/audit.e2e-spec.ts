import { AuditEntry, AuditOrganiser, auditOrganiser } from '../support/audit-log';
import { attendee, createOpenEvent } from '../support/future-event';
import { dashboardAgent } from '../support/dashboard-agent';
import { ADMIN, login } from '../support/test-app';
import { useTestApp } from '../support/use-test-app';
import { waitFor } from '../support/wait-for';

type Organiser = AuditOrganiser;
type Entry = AuditEntry;

/**
 * The audit log of an event: organisers' approvals, exports and announcements
 * each leave an entry naming who and when, read by the event's owners only.
 */
describe('audit log', () => {
  const ctx = useTestApp();
  let admin: string;
  let ana: Organiser;
  let bruno: Organiser;
  let carla: Organiser;
  let event: Awaited<ReturnType<typeof createOpenEvent>>;

  const organiser = (email: string, name: string) => auditOrganiser(ctx.app.http, admin, email, name);

  async function pending(): Promise<{ id: string; name: string }> {
    const body = { ...attendee(), notify: false, status: 'pending' };
    const created = await ctx.app.http.post(`/events/${event.id}/registrations`).set('Authorization', ana.auth).send(body).expect(201);
    return { id: created.body.id as string, name: body.name as string };
  }

  async function log(query = '', who: Organiser = ana): Promise<{ items: Entry[]; nextCursor: string | null }> {
    return (await ctx.app.http.get(`/events/${event.id}/audit${query}`).set('Authorization', who.auth).expect(200)).body;
  }

  /** Runs `action` and returns the entries it added, with the window it ran in. */
  async function during(action: () => Promise<unknown>): Promise<{ entries: Entry[]; from: number; to: number }> {
    const before = new Set((await log('?limit=200')).items.map((e) => e.id));
    const from = Date.now();
    await action();
    const to = Date.now();
    return { entries: (await log('?limit=200')).items.filter((e) => !before.has(e.id)), from, to };
  }

  const within = (entry: Entry, window: { from: number; to: number }) => {
    const at = Date.parse(entry.at);
    // The API's times are to the second, in the event's offset; the database's clock is this machine's.
    expect(at).toBeGreaterThanOrEqual(Math.floor(window.from / 1000) * 1000);
    expect(at).toBeLessThanOrEqual(window.to);
    expect(entry.at).toMatch(/[+-]\d{2}:\d{2}$/);
  };

  beforeAll(async () => {
    admin = await login(ctx.app.http, ADMIN.email, ADMIN.password);
    ana = await organiser('ana@region.test', 'Ana Souza');
    bruno = await organiser('bruno@region.test', 'Bruno Lima');
    carla = await organiser('carla@partner.test', 'Carla Díaz');
    event = await createOpenEvent(ctx.app.http, ana.auth, { requiresApproval: true, defaultReminders: false });
    await ctx.app.http
      .post(`/events/${event.id}/members`)
      .set('Authorization', ana.auth)
      .send({ email: bruno.email, role: 'organiser' })
      .expect(201);
    await createOpenEvent(ctx.app.http, carla.auth);
  });

  it('records an approval through the API with the organiser who made it and when', async () => {
    const person = await pending();
    const run = await during(() =>
      ctx.app.http.post(`/events/${event.id}/registrations/${person.id}/approve`).set('Authorization', bruno.auth).expect(200),
    );
    expect(run.entries).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        actor: { organiserId: bruno.id, label: 'Bruno Lima <bruno@region.test>' },
        action: 'registration.approved',
        subject: { type: 'registration', id: person.id },
        details: { changes: { status: { from: 'pending', to: 'confirmed' } } },
      },
    ]);
    within(run.entries[0], run);
  });

  it('records each registration of a bulk approval from the dashboard, tied by one bulk action id', async () => {
    const people = [await pending(), await pending(), await pending()];
    const dashboard = await dashboardAgent(ctx.app.plenary.url!, ana.email, ana.password);
    const run = await during(() =>
      dashboard.agent
        .post(`/dashboard/events/${event.id}/registrations/bulk`)
        .type('form')
        .send([`_csrf=${encodeURIComponent(dashboard.csrf)}`, 'action=approve', ...people.map((p) => `registrationId=${p.id}`)].join('&'))
        .expect(200),
    );
    expect(run.entries.map((e) => e.subject.id).sort()).toEqual(people.map((p) => p.id).sort());
    const bulkIds = new Set(run.entries.map((e) => e.details.bulkActionId));
    expect(bulkIds.size).toBe(1);
    expect([...bulkIds][0]).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
    for (const entry of run.entries) {
      expect(entry).toMatchObject({
        action: 'registration.approved',
        actor: { organiserId: ana.id, label: 'Ana Souza <ana@region.test>' },
      });
      within(entry, run);
    }
  });

  it('records a rejection and an organiser’s cancellation, but not the attendee’s own', async () => {
    const [rejected, cancelled] = [await pending(), await pending()];
    const run = await during(async () => {
      await ctx.app.http.post(`/events/${event.id}/registrations/${rejected.id}/reject`).set('Authorization', ana.auth).expect(200);
      await ctx.app.http.post(`/events/${event.id}/registrations/${cancelled.id}/cancel`).set('Authorization', ana.auth).expect(200);
    });
    expect(run.entries.map((e) => [e.action, e.subject.id, e.details.changes])).toEqual([
      ['registration.cancelled', cancelled.id, { status: { from: 'pending', to: 'cancelled' } }],
      ['registration.rejected', rejected.id, { status: { from: 'pending', to: 'rejected' } }],
    ]);

    const self = { ...attendee() };
    await ctx.app.http.post(`/events/${event.id}/registrations`).send(self).expect(201);
    const mail = await waitFor('the registration email', () => ctx.smtp.for(self.email)[0]);
    const token = decodeURIComponent(/\/my-registration\?token=(\S+)/.exec(mail.text)![1]);
    const own = await during(() => ctx.app.http.delete('/registrations/me').set('Authorization', `Bearer ${token}`).expect(200));
    expect(own.entries).toEqual([]);
  });

  it('records a CSV export with its filters, from the API and from the dashboard', async () => {
    const api = await during(() =>
      ctx.app.http.get(`/events/${event.id}/registrations?status=confirmed&format=csv`).set('Authorization', bruno.auth).expect(200),
    );
    expect(api.entries).toEqual([
      expect.objectContaining({
        actor: { organiserId: bruno.id, label: 'Bruno Lima <bruno@region.test>' },
        action: 'registrations.exported',
        subject: { type: 'registrations', id: null },
        details: { format: 'csv', filters: { status: 'confirmed' } },
      }),
    ]);
    within(api.entries[0], api);

    const dashboard = await dashboardAgent(ctx.app.plenary.url!, ana.email, ana.password);
    const page = await during(() => dashboard.get(`/dashboard/events/${event.id}/registrations/export.xlsx?countryCode=pe`).expect(200));
    expect(page.entries).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ organiserId: ana.id }),
        details: { format: 'xlsx', filters: { countryCode: 'PE' } },
      }),
    ]);
    // A JSON page is reading, not exporting.
    const read = await during(() => ctx.app.http.get(`/events/${event.id}/registrations`).set('Authorization', ana.auth).expect(200));
    expect(read.entries).toEqual([]);
  });

  it('records an organiser’s edit of a registration: counted fields with their values, personal ones by name only', async () => {
    const person = await pending();
    const run = await during(() =>
      ctx.app.http
        .patch(`/events/${event.id}/registrations/${person.id}`)
        .set('Authorization', ana.auth)
        .send({ name: 'Rosa Quispe', countryCode: 'BO', organisation: 'Gobierno Regional' })
        .expect(200),
    );
    expect(run.entries).toEqual([
      expect.objectContaining({
        action: 'registration.updated',
        subject: { type: 'registration', id: person.id },
        details: { changes: { countryCode: { from: 'PE', to: 'BO' } }, fields: ['name', 'organisation'] },
      }),
    ]);
    expect(JSON.stringify(run.entries[0])).not.toContain('Rosa');
    const dashboard = await dashboardAgent(ctx.app.plenary.url!, ana.email, ana.password);
    const page = await dashboard.get(`/dashboard/events/${event.id}/audit?action=registration.updated`).expect(200);
    expect(page.text).toContain('Country: PE → BO');
    expect(page.text).toContain('Changed: Name, Organisation');
  });

  it('records a report downloaded as a spreadsheet, with its version, but not the report read as JSON', async () => {
    const requested = await ctx.app.http.post(`/events/${event.id}/reports`).set('Authorization', bruno.auth).expect(202);
    const reportId = requested.body.id as string;
    await waitFor('the report to compile', async () => {
      const got = await ctx.app.http.get(`/events/${event.id}/reports/${reportId}`).set('Authorization', bruno.auth).expect(200);
      return got.body.status === 'completed';
    });
    const run = await during(async () => {
      await ctx.app.http.get(`/events/${event.id}/reports/${reportId}`).set('Authorization', bruno.auth).expect(200);
      await ctx.app.http.get(`/events/${event.id}/reports/${reportId}.csv`).set('Authorization', bruno.auth).expect(200);
    });
    expect(run.entries).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ organiserId: bruno.id }),
        action: 'report.exported',
        subject: { type: 'report', id: reportId },
        details: { format: 'csv', version: requested.body.version },
      }),
    ]);
    within(run.entries[0], run);
  });

  it('records an announcement sent once, however often the send is clicked', async () => {
    const base = `/events/${event.id}/announcements`;
    const draft = await ctx.app.http
      .post(base)
      .set('Authorization', ana.auth)
      .send({
        subject: 'Room change',
        message: 'Day two moves to room B.',
        audience: 'confirmed',
        translations: { es: { subject: 'Cambio de sala', message: 'El día dos pasa a la sala B.' } },
      })
      .expect(201);
    const run = await during(async () => {
      await ctx.app.http.post(`${base}/${draft.body.id}/send`).set('Authorization', ana.auth).expect(202);
      await ctx.app.http.post(`${base}/${draft.body.id}/send`).set('Authorization', bruno.auth).expect(202);
    });
    expect(run.entries).toEqual([
      expect.objectContaining({
        actor: { organiserId: ana.id, label: 'Ana Souza <ana@region.test>' },
        action: 'email.sent',
        subject: { type: 'announcement', id: draft.body.id },
        details: { subject: 'Room change', audience: 'confirmed', languages: ['main', 'es'] },
      }),
    ]);
    within(run.entries[0], run);
  });

  it('is for the event’s owners: a member without the owner role gets 403, another event’s owner 404, no login 401', async () => {
    const editor = await ctx.app.http.get(`/events/${event.id}/audit`).set('Authorization', bruno.auth).expect(403);
    expect(editor.headers['content-type']).toMatch(/^application\/problem\+json/);
    await ctx.app.http.get(`/events/${event.id}/audit`).set('Authorization', carla.auth).expect(404);
    await ctx.app.http.get(`/events/${event.id}/audit`).expect(401);
    const dashboardBruno = await dashboardAgent(ctx.app.plenary.url!, bruno.email, bruno.password);
    await dashboardBruno.get(`/dashboard/events/${event.id}/audit`).expect(403);
    const auditTab = `href="/dashboard/events/${event.id}/audit"`;
    expect((await dashboardBruno.get(`/dashboard/events/${event.id}/registrations`).expect(200)).text).not.toContain(auditTab);
    const dashboardAna = await dashboardAgent(ctx.app.plenary.url!, ana.email, ana.password);
    expect((await dashboardAna.get(`/dashboard/events/${event.id}/registrations`).expect(200)).text).toContain(auditTab);
    await dashboardAna.get(`/dashboard/events/${event.id}/audit?action=registration.deleted`).expect(400);
    const dashboardCarla = await dashboardAgent(ctx.app.plenary.url!, carla.email, carla.password);
    await dashboardCarla.get(`/dashboard/events/${event.id}/audit`).expect(404);
  });

  it('filters by action, pages newest first, and refuses an unknown action naming the field', async () => {
    const approvals = await log('?action=registration.approved&limit=200');
    expect(approvals.items).toHaveLength(4);
    expect(new Set(approvals.items.map((e) => e.action))).toEqual(new Set(['registration.approved']));

    const all = (await log('?limit=200')).items;
    const times = all.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await log(`?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));

    const refused = await ctx.app.http
      .get(`/events/${event.id}/audit?action=registration.deleted`)
      .set('Authorization', ana.auth)
      .expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'action' })]);
  });

  it('keeps the name an organiser had when they acted, after they are renamed', async () => {
    const person = await pending();
    await ctx.app.http.post(`/events/${event.id}/registrations/${person.id}/approve`).set('Authorization', ana.auth).expect(200);
    await ctx.db.query(`UPDATE organisers SET name = 'Ana Souza Reis' WHERE id = $1`, [ana.id]);
    const [entry] = (await log('?action=registration.approved&limit=1')).items;
    expect(entry).toMatchObject({ subject: { id: person.id }, actor: { organiserId: ana.id, label: 'Ana Souza <ana@region.test>' } });

    const dashboard = await dashboardAgent(ctx.app.plenary.url!, ana.email, ana.password);
    const page = await dashboard.get(`/dashboard/events/${event.id}/audit?action=registration.approved`).expect(200);
    expect(page.text).toContain('Ana Souza &lt;ana@region.test&gt;');
    expect(page.text).toContain(person.name);
  });

  it('records an erasure, after which the page no longer names the person, even in earlier entries', async () => {
    const person = await pending();
    await ctx.app.http.post(`/events/${event.id}/registrations/${person.id}/approve`).set('Authorization', ana.auth).expect(200);
    const run = await during(() =>
      ctx.app.http.post(`/events/${event.id}/registrations/${person.id}/erase`).set('Authorization', ana.auth).expect(204),
    );
    expect(run.entries).toEqual([
      expect.objectContaining({
        action: 'registration.erased',
        subject: { type: 'registration', id: person.id },
        actor: expect.objectContaining({ organiserId: ana.id }),
      }),
    ]);
    const stored = await ctx.db.query<{ details: string }>(`SELECT details::text FROM audit_entries WHERE subject_id = $1`, [person.id]);
    expect(stored).toHaveLength(2);
    for (const row of stored) expect(row.details).not.toContain(person.name);

    const dashboard = await dashboardAgent(ctx.app.plenary.url!, ana.email, ana.password);
    const page = await dashboard.get(`/dashboard/events/${event.id}/audit`).expect(200);
    expect(page.text).not.toContain(person.name);
    expect(page.text).toContain('Personal data erased');
    expect(page.text).toContain('a registration since erased');
  });
});
